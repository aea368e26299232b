import type { ApiServer, RequestContext } from '../../api/apiserver';
import type { ControllerRevision, DaemonSet, Node, Pod } from '../../api/types';
import type { Informer } from '../../client/informer';
import { objectKey } from '../../client/informer';
import type { SimEnv } from '../../sim/env';
import { deepClone } from '../../util/clone';
import { selectorMatches } from '../../util/labels';
import { claimObjects } from '../shared/claim';
import { QueueController, type SyncResult } from '../shared/controller-base';
import { Expectations } from '../shared/expectations';
import { NamespaceIndex } from '../shared/namespace-index';
import { OwnerIndex } from '../shared/owner-index';
import { compareStrings, controllerRefOf, newControllerRef, onlyStatusChanged } from '../shared/owner-refs';
import { PodControl, podFromTemplate } from '../shared/pod-control';
import { isPodReady } from '../shared/pod-util';
import { slowStartBatch } from '../shared/slow-start';
import { omitZero, writeStatus } from '../shared/status-util';
import { daemonNodeFit, nodeShouldRunDaemonPod, pinToNode, withDaemonPodTolerations } from './eligibility';
import { cleanupHistory, constructHistory } from '../shared/revision-history';
import { countDaemonPods, DS_GENERATION_LABEL, DS_HASH_LABEL, nodesToDaemonPods, podsShouldBeOnNode, templateGeneration } from './manage';
import { daemonRelevantChange, nodeUnchangedForDaemons, readinessOnly } from './change-filters';
import { FailedPodBackoff } from './failed-pod-backoff';
import { oldPodsToReplace } from './rolling-update';

/** daemon.BurstReplicas. */
const BURST_REPLICAS = 250;

type DsStatus = NonNullable<DaemonSet['status']>;

/**
 * The DaemonSet controller: one pod per eligible node, pinned there with required node
 * affinity so the default scheduler binds it; reacts to nodes coming, going and changing;
 * rolls template changes out with ControllerRevisions and maxUnavailable.
 */
export class DaemonSetController extends QueueController {
  private daemonSets!: Informer<DaemonSet>;
  private nodes!: Informer<Node>;
  private readonly dsByNs = new NamespaceIndex<DaemonSet>();
  private readonly pods = new OwnerIndex<Pod>();
  private readonly revisions = new OwnerIndex<ControllerRevision>();
  private readonly expectations = new Expectations(() => this.env.now());
  private readonly backoff = new FailedPodBackoff();
  /** DaemonSets with a change that may need pods created or deleted (not just a readiness flip). */
  private readonly structural = new Set<string>();
  private readonly podControl: PodControl;

  constructor(env: SimEnv, api: ApiServer) {
    super(env, api, 'daemonset-controller');
    this.podControl = new PodControl(api, this.recorder);
  }

  protected setup(): void {
    this.daemonSets = this.informer<DaemonSet>('daemonsets');
    this.dsByNs.attach(this.daemonSets);
    this.daemonSets.on({
      add: (ds, opId) => this.enqueueFull(objectKey(ds), opId),
      update: (old, ds, opId) => {
        if (!onlyStatusChanged(old, ds)) this.enqueueFull(objectKey(ds), opId);
      },
      delete: (ds) => this.expectations.forget(objectKey(ds)),
    });
    this.nodes = this.informer<Node>('nodes');
    this.nodes.on({
      add: (node, opId) => this.onNode(undefined, node, opId),
      update: (old, node, opId) => this.onNode(old, node, opId),
      delete: (_node, opId) => this.enqueueAll(opId),
    });
    const pods = this.informer<Pod>('pods');
    this.pods.attach(pods);
    pods.on({
      add: (pod, opId) => this.onPod(undefined, pod, opId),
      update: (old, pod, opId) => this.onPod(old, pod, opId),
      delete: (pod, opId) => this.onPodDelete(pod, opId),
    });
    this.revisions.attach(this.informer<ControllerRevision>('controllerrevisions'));
  }

  private enqueueFull(key: string, opId: number | undefined): void {
    this.structural.add(key);
    this.enqueue(key, opId);
  }

  private enqueueAll(opId: number | undefined): void {
    for (const ds of this.daemonSets.list()) this.enqueueFull(objectKey(ds), opId);
  }

  /** addNode / updateNode: only DaemonSets whose verdict for this node changed. */
  private onNode(old: Node | undefined, node: Node, opId: number | undefined): void {
    if (old && nodeUnchangedForDaemons(old, node)) return;
    for (const ds of this.daemonSets.list()) {
      const now = nodeShouldRunDaemonPod(node, ds);
      if (!old) {
        if (now.shouldRun) this.enqueueFull(objectKey(ds), opId);
        continue;
      }
      const before = nodeShouldRunDaemonPod(old, ds);
      if (before.shouldRun !== now.shouldRun || before.shouldContinueRunning !== now.shouldContinueRunning) this.enqueueFull(objectKey(ds), opId);
    }
  }

  private ownerOf(pod: Pod): DaemonSet | undefined {
    const ref = controllerRefOf(pod);
    if (ref?.kind !== 'DaemonSet') return undefined;
    const ds = this.daemonSets.get(pod.metadata.namespace, ref.name);
    return ds?.metadata.uid === ref.uid ? ds : undefined;
  }

  private onPod(old: Pod | undefined, pod: Pod, opId: number | undefined): void {
    // Another controller's pod that stays its pod (every ReplicaSet pod write): nothing below can apply.
    const ref = controllerRefOf(pod);
    if (ref !== undefined && ref.kind !== 'DaemonSet' && (!old || controllerRefOf(old)?.uid === ref.uid)) return;
    if (old && (old.metadata.resourceVersion === pod.metadata.resourceVersion || !daemonRelevantChange(old, pod))) return;
    if (old && controllerRefOf(old)?.uid !== controllerRefOf(pod)?.uid) {
      const prev = this.ownerOf(old);
      if (prev) this.enqueueFull(objectKey(prev), opId);
    }
    const ds = this.ownerOf(pod);
    if (ds) {
      const key = objectKey(ds);
      if (!old) this.expectations.creationObserved(key);
      if (old && readinessOnly(old, pod)) this.enqueue(key, opId);
      else this.enqueueFull(key, opId);
      const minReady = ds.spec.minReadySeconds ?? 0;
      if (old && minReady > 0 && !isPodReady(old) && isPodReady(pod)) this.enqueueAfter(key, minReady * 1000 + 1000, opId);
      return;
    }
    if (controllerRefOf(pod)) return;
    for (const d of this.dsByNs.in(pod.metadata.namespace)) {
      if (selectorMatches(d.spec.selector, pod.metadata.labels)) this.enqueueFull(objectKey(d), opId);
    }
  }

  private onPodDelete(pod: Pod, opId: number | undefined): void {
    const ds = this.ownerOf(pod);
    if (!ds) return;
    this.expectations.deletionObserved(objectKey(ds), objectKey(pod));
    this.enqueueFull(objectKey(ds), opId);
  }

  protected sync(key: string, ctx: RequestContext): SyncResult {
    const ds = this.daemonSets.getByKey(key);
    if (!ds) {
      this.expectations.forget(key);
      return 'done';
    }
    const sel = ds.spec.selector;
    if (Object.keys(sel?.matchLabels ?? {}).length === 0 && (sel?.matchExpressions ?? []).length === 0) {
      this.recorder.record(ctx, ds, 'Warning', 'SelectingAll', 'This daemon set is selecting all pods. A non-empty selector is required.');
      return 'done';
    }
    const nodes = [...this.nodes.list()].sort((a, b) => compareStrings(a.metadata.name, b.metadata.name));
    const history = constructHistory(this.api, ctx, {
      owner: ds, ownerResource: 'daemonsets', template: ds.spec.template, collisionCount: ds.status?.collisionCount, hashLabel: DS_HASH_LABEL,
      onCollision: () => this.bumpCollisionCount(ctx, ds),
    }, this.claim(ctx, ds, 'controllerrevisions', this.revisions));
    if (typeof history === 'string') return 'retry';
    // The informer cache does not change during a sync: claim and group the pods once.
    const pods = this.claimPods(ctx, ds);
    const byNode = nodesToDaemonPods(pods);
    let result: SyncResult = 'done';
    const observed = !ds.metadata.deletionTimestamp && this.expectations.satisfied(key);
    // A readiness flip changes nothing to create or delete; it can only let a rollout move on.
    const full = this.structural.delete(key);
    const rolling = (ds.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
    const rollingOut = (ds.status?.updatedNumberScheduled ?? 0) !== (ds.status?.desiredNumberScheduled ?? 0) || (ds.status?.numberUnavailable ?? 0) > 0;
    if (observed && (full || (rolling && rollingOut))) {
      if (full) result = this.manage(ctx, ds, nodes, byNode, history.hash);
      if (this.expectations.satisfied(key) && rolling) {
        const victims = oldPodsToReplace(ds, nodes, byNode, history.hash, this.env.now()).map((pod) => ({ pod }));
        this.expectations.expect(key, 0, victims.map((v) => objectKey(v.pod)));
        if (!this.deletePods(ctx, ds, victims)) result = 'retry';
      }
      const live = new Set(pods.map((p) => p.metadata.labels?.[DS_HASH_LABEL] ?? ''));
      cleanupHistory(this.api, ctx, history.old, ds.spec.revisionHistoryLimit ?? 10, (cr) => live.has(cr.metadata.labels?.[DS_HASH_LABEL] ?? ''));
    }
    if (!this.updateStatus(ctx, ds, nodes, byNode, history.hash, observed)) result = 'retry';
    if (result === 'retry' || (full && !observed)) this.structural.add(key);
    return result;
  }

  private bumpCollisionCount(ctx: RequestContext, ds: DaemonSet): void {
    const status: DsStatus = { ...(ds.status ?? { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 }) };
    status.collisionCount = (status.collisionCount ?? 0) + 1;
    writeStatus(this.api, ctx, 'daemonsets', ds, status);
  }

  private claim<T extends Pod | ControllerRevision>(ctx: RequestContext, ds: DaemonSet, resource: string, index: OwnerIndex<T>): T[] {
    return claimObjects<T>({
      api: this.api, ctx, resource, owner: ds, ownerResource: 'daemonsets',
      matches: (o) => selectorMatches(ds.spec.selector, o.metadata.labels),
      owned: index.owned(ds.metadata.uid).filter((o) => o.metadata.namespace === ds.metadata.namespace),
      orphans: index.orphansIn(ds.metadata.namespace),
    });
  }

  private claimPods(ctx: RequestContext, ds: DaemonSet): Pod[] {
    return this.claim(ctx, ds, 'pods', this.pods);
  }

  /** dsc.manage + syncNodes. */
  private manage(ctx: RequestContext, ds: DaemonSet, nodes: readonly Node[], byNode: Map<string, Pod[]>, hash: string): SyncResult {
    const needing: string[] = [];
    const toDelete: ReturnType<typeof podsShouldBeOnNode>['delete'] = [];
    const now = this.env.now();
    const known = new Set<string>();
    const fitOf = daemonNodeFit(ds);
    const backoffKey = (n: string): string => `${ds.metadata.uid}/${n}`;
    for (const node of nodes) {
      known.add(node.metadata.name);
      const decision = podsShouldBeOnNode(node, fitOf(node), byNode.get(node.metadata.name), (n) => this.backoff.remainingMs(backoffKey(n), now));
      if (decision.create) needing.push(node.metadata.name);
      for (const d of decision.delete) if (d.event?.reason === 'FailedDaemonPod') this.backoff.next(backoffKey(node.metadata.name), now);
      toDelete.push(...decision.delete);
      if (decision.retryAfterMs !== undefined) {
        this.structural.add(objectKey(ds));
        this.enqueueAfter(objectKey(ds), decision.retryAfterMs, ctx.opId);
      }
    }
    for (const [node, pods] of byNode) {
      if (known.has(node)) continue;
      for (const pod of pods) if (!pod.spec.nodeName && !pod.metadata.deletionTimestamp) toDelete.push({ pod });
    }
    const creating = needing.slice(0, BURST_REPLICAS);
    const deleting = toDelete.slice(0, BURST_REPLICAS);
    this.expectations.expect(objectKey(ds), creating.length, deleting.map((v) => objectKey(v.pod)));
    const created = this.createPods(ctx, ds, creating, hash);
    const deleted = this.deletePods(ctx, ds, deleting);
    return created && deleted ? 'done' : 'retry';
  }

  private createPods(ctx: RequestContext, ds: DaemonSet, nodeNames: readonly string[], hash: string): boolean {
    if (nodeNames.length === 0) return true;
    const key = objectKey(ds);
    const template = deepClone(ds.spec.template);
    template.spec.tolerations = withDaemonPodTolerations(template.spec);
    const labels: Record<string, string> = { ...(template.metadata?.labels ?? {}) };
    const generation = templateGeneration(ds);
    if (generation !== undefined) labels[DS_GENERATION_LABEL] = generation;
    labels[DS_HASH_LABEL] = hash;
    template.metadata = { ...(template.metadata ?? {}), labels };
    const ref = newControllerRef(ds);
    let i = 0;
    const ok = slowStartBatch(nodeNames.length, () => {
      const node = nodeNames[i++]!;
      const pod = podFromTemplate(template, ds, ref);
      pod.spec.affinity = pinToNode(pod.spec.affinity, node);
      return typeof this.podControl.create(ctx, ds, pod) !== 'string';
    });
    for (let n = ok; n < nodeNames.length; n++) this.expectations.creationObserved(key);
    return ok === nodeNames.length;
  }

  private deletePods(ctx: RequestContext, ds: DaemonSet, victims: ReturnType<typeof podsShouldBeOnNode>['delete']): boolean {
    if (victims.length === 0) return true;
    const key = objectKey(ds);
    let ok = true;
    for (const { pod, event } of victims) {
      if (event) this.recorder.record(ctx, ds, event.type, event.reason, event.message);
      const outcome = this.podControl.delete(ctx, ds, pod);
      if (outcome !== 'deleted') this.expectations.deletionObserved(key, objectKey(pod));
      if (outcome === 'failed') ok = false;
    }
    return ok;
  }

  private updateStatus(ctx: RequestContext, ds: DaemonSet, nodes: readonly Node[], byNode: Map<string, Pod[]>, hash: string, observed: boolean): boolean {
    const now = this.env.now();
    const c = countDaemonPods(ds, nodes, byNode, hash, now);
    const status: DsStatus = omitZero({ ...c, numberUnavailable: c.desiredNumberScheduled - c.numberAvailable }, ['updatedNumberScheduled', 'numberAvailable', 'numberUnavailable']);
    const generation = observed ? ds.metadata.generation : ds.status?.observedGeneration;
    if (generation !== undefined) status.observedGeneration = generation;
    if (ds.status?.collisionCount !== undefined) status.collisionCount = ds.status.collisionCount;
    const written = writeStatus(this.api, ctx, 'daemonsets', ds, status);
    const minReady = ds.spec.minReadySeconds ?? 0;
    if (minReady > 0 && c.numberReady !== c.numberAvailable) this.enqueueAfter(objectKey(ds), minReady * 1000, ctx.opId);
    return written !== undefined;
  }
}
