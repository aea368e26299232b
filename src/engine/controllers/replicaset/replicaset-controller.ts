import type { ApiServer, RequestContext } from '../../api/apiserver';
import type { Condition, Pod, ReplicaSet } from '../../api/types';
import type { Informer } from '../../client/informer';
import { objectKey } from '../../client/informer';
import type { SimEnv } from '../../sim/env';
import { rfc3339 } from '../../sim/time';
import { deepEqual } from '../../util/clone';
import { selectorMatches } from '../../util/labels';
import { claimObjects } from '../shared/claim';
import { QueueController, type SyncResult } from '../shared/controller-base';
import { Expectations } from '../shared/expectations';
import { NamespaceIndex } from '../shared/namespace-index';
import { OwnerIndex } from '../shared/owner-index';
import { controllerRefOf, newControllerRef, onlyStatusChanged } from '../shared/owner-refs';
import { PodControl, podSharingTemplate } from '../shared/pod-control';
import { isPodActive, isPodAvailable, isPodReady } from '../shared/pod-util';
import { slowStartBatch } from '../shared/slow-start';
import { findCondition, omitZero, removeCondition, writeStatus } from '../shared/status-util';
import { RsPodStats, type RsCounts } from './pod-stats';
import { podsToDelete } from './victims';

/** replicaset.BurstReplicas: most pods created or deleted in one sync. */
export const BURST_REPLICAS = 500;

type RsStatus = NonNullable<ReplicaSet['status']>;

/**
 * The ReplicaSet controller: keeps `spec.replicas` active pods matching the selector,
 * creating in slow-start batches and deleting the best-ranked victims, and reports status.
 */
export class ReplicaSetController extends QueueController {
  private rsInformer!: Informer<ReplicaSet>;
  private readonly pods = new OwnerIndex<Pod>();
  private readonly rsByOwner = new OwnerIndex<ReplicaSet>();
  private readonly rsByNs = new NamespaceIndex<ReplicaSet>();
  private readonly expectations = new Expectations(() => this.env.now());
  private readonly stats = new RsPodStats();
  private readonly podControl: PodControl;

  constructor(env: SimEnv, api: ApiServer) {
    super(env, api, 'replicaset-controller');
    this.podControl = new PodControl(api, this.recorder);
  }

  protected setup(): void {
    this.rsInformer = this.informer<ReplicaSet>('replicasets');
    this.rsByOwner.attach(this.rsInformer);
    this.rsByNs.attach(this.rsInformer);
    this.rsInformer.on({
      add: (rs, opId) => {
        this.recount(rs);
        this.enqueue(objectKey(rs), opId);
      },
      update: (old, rs, opId) => {
        if (!deepEqual(old.spec.selector, rs.spec.selector) || !deepEqual(old.spec.template.metadata?.labels, rs.spec.template.metadata?.labels)) this.recount(rs);
        if (!onlyStatusChanged(old, rs)) this.enqueue(objectKey(rs), opId);
      },
      delete: (rs) => this.expectations.forget(objectKey(rs)),
    });
    const podInformer = this.informer<Pod>('pods');
    this.pods.attach(podInformer);
    podInformer.on({
      add: (pod, opId, key) => {
        const rs = this.ownerOf(pod);
        this.stats.observe(pod, rs, key);
        this.onPodAdd(pod, rs, opId);
      },
      update: (old, pod, opId, key) => {
        const rs = this.ownerOf(pod);
        this.stats.observe(pod, rs, key);
        this.onPodUpdate(old, pod, rs, opId);
      },
      delete: (pod, opId) => {
        this.stats.forget(pod);
        this.onPodDelete(pod, opId);
      },
    });
  }

  /** A ReplicaSet (re)appeared or changed what it counts: recount its pods once. */
  private recount(rs: ReplicaSet): void {
    for (const pod of this.pods.owned(rs.metadata.uid)) this.stats.observe(pod, rs);
  }

  private ownerOf(pod: Pod): ReplicaSet | undefined {
    const ref = controllerRefOf(pod);
    if (ref?.kind !== 'ReplicaSet') return undefined;
    const rs = this.rsInformer.get(pod.metadata.namespace, ref.name);
    return rs?.metadata.uid === ref.uid ? rs : undefined;
  }

  private enqueueMatching(pod: Pod, opId: number | undefined): void {
    for (const rs of this.rsByNs.in(pod.metadata.namespace)) {
      if (selectorMatches(rs.spec.selector, pod.metadata.labels)) this.enqueue(objectKey(rs), opId);
    }
  }

  /** `rs`: ownerOf(pod), looked up once per delivery. */
  private onPodAdd(pod: Pod, rs: ReplicaSet | undefined, opId: number | undefined): void {
    if (pod.metadata.deletionTimestamp) return this.onPodDelete(pod, opId);
    if (rs) {
      this.expectations.creationObserved(objectKey(rs));
      this.enqueue(objectKey(rs), opId);
    } else if (!controllerRefOf(pod)) this.enqueueMatching(pod, opId);
  }

  private onPodUpdate(old: Pod, pod: Pod, rs: ReplicaSet | undefined, opId: number | undefined): void {
    if (old.metadata.resourceVersion === pod.metadata.resourceVersion) return;
    if (pod.metadata.deletionTimestamp) {
      this.onPodDelete(pod, opId);
      return;
    }
    const oldRef = controllerRefOf(old);
    const ref = controllerRefOf(pod);
    if (oldRef && oldRef.uid !== ref?.uid) {
      const prev = this.ownerOf(old);
      if (prev) this.enqueue(objectKey(prev), opId);
    }
    if (rs) {
      this.enqueue(objectKey(rs), opId);
      const minReady = rs.spec.minReadySeconds ?? 0;
      if (minReady > 0 && !isPodReady(old) && isPodReady(pod)) this.enqueueAfter(objectKey(rs), minReady * 1000 + 1000, opId);
    } else if (!ref) this.enqueueMatching(pod, opId);
  }

  private onPodDelete(pod: Pod, opId: number | undefined): void {
    const rs = this.ownerOf(pod);
    if (!rs) return;
    const key = objectKey(rs);
    this.expectations.deletionObserved(key, objectKey(pod));
    this.enqueue(key, opId);
  }

  protected sync(key: string, ctx: RequestContext): SyncResult {
    const rs = this.rsInformer.getByKey(key);
    if (!rs) {
      this.expectations.forget(key);
      return 'done';
    }
    const needsSync = this.expectations.satisfied(key);
    const matches = (p: Pod): boolean => selectorMatches(rs.spec.selector, p.metadata.labels);
    const counts = this.stats.counts(rs.metadata.uid);
    const claim = (owned: Pod[], orphans: Pod[]): Pod[] => claimObjects<Pod>({ api: this.api, ctx, resource: 'pods', owner: rs, ownerResource: 'replicasets', matches, owned, orphans });
    // Release owned pods that stopped matching; adopt matching orphans (the counts cover the rest).
    if (counts.mismatched > 0) claim(this.pods.owned(rs.metadata.uid).filter(isPodActive), []);
    const orphans = this.pods.orphansIn(rs.metadata.namespace).filter((p) => isPodActive(p) && matches(p));
    const adopted = orphans.length > 0 ? claim([], orphans) : [];
    const active = counts.replicas + adopted.length;
    const podList = (): Pod[] => [...this.pods.owned(rs.metadata.uid).filter((p) => isPodActive(p) && matches(p)), ...adopted];
    let failure: { reason: string; message: string } | undefined;
    if (needsSync && !rs.metadata.deletionTimestamp) failure = this.manageReplicas(ctx, rs, active, podList);
    const updated = writeStatus(this.api, ctx, 'replicasets', rs, this.calculateStatus(rs, counts, adopted, podList, failure));
    const replicas = rs.spec.replicas ?? 1;
    const minReady = rs.spec.minReadySeconds ?? 0;
    const st = updated?.status;
    if (!failure && minReady > 0 && st && (st.readyReplicas ?? 0) === replicas && (st.availableReplicas ?? 0) !== replicas) {
      this.enqueueAfter(key, minReady * 1000, ctx.opId);
    }
    return failure || !updated ? 'retry' : 'done';
  }

  private manageReplicas(ctx: RequestContext, rs: ReplicaSet, active: number, podList: () => Pod[]): { reason: string; message: string } | undefined {
    const key = objectKey(rs);
    const diff = active - (rs.spec.replicas ?? 1);
    if (diff < 0) {
      const want = Math.min(-diff, BURST_REPLICAS);
      this.expectations.expectCreations(key, want);
      let lastError = '';
      const ref = newControllerRef(rs);
      const created = slowStartBatch(want, () => {
        const pod = this.podControl.create(ctx, rs, podSharingTemplate(rs.spec.template, rs, ref));
        if (typeof pod === 'string') lastError = pod;
        return typeof pod !== 'string';
      });
      for (let i = created; i < want; i++) this.expectations.creationObserved(key);
      return created < want ? { reason: 'FailedCreate', message: lastError } : undefined;
    }
    if (diff > 0) {
      const victims = podsToDelete(podList(), this.relatedPods(rs), Math.min(diff, BURST_REPLICAS), this.env.now());
      this.expectations.expectDeletions(key, victims.map((p) => objectKey(p)));
      let failed = false;
      for (const pod of victims) {
        const outcome = this.podControl.delete(ctx, rs, pod);
        if (outcome !== 'deleted') this.expectations.deletionObserved(key, objectKey(pod));
        if (outcome === 'failed') failed = true;
      }
      return failed ? { reason: 'FailedDelete', message: `failed to delete pods of ReplicaSet ${rs.metadata.name}` } : undefined;
    }
    return undefined;
  }

  /** getIndirectlyRelatedPods: pods of every ReplicaSet sharing this one's controller. */
  private relatedPods(rs: ReplicaSet): Pod[] {
    const owner = controllerRefOf(rs);
    const siblings = owner ? this.rsByOwner.owned(owner.uid).filter((s) => s.metadata.namespace === rs.metadata.namespace) : [rs];
    const out: Pod[] = [];
    for (const s of siblings) out.push(...this.pods.owned(s.metadata.uid));
    return out;
  }

  /** calculateStatus, from the incremental counts plus the pods adopted in this pass. */
  private calculateStatus(rs: ReplicaSet, counts: RsCounts, adopted: readonly Pod[], podList: () => Pod[], failure: { reason: string; message: string } | undefined): RsStatus {
    const templateLabels = Object.entries(rs.spec.template.metadata?.labels ?? {});
    const minReady = rs.spec.minReadySeconds ?? 0;
    const now = this.env.now();
    let fullyLabeled = counts.fullyLabeled;
    let ready = counts.ready;
    for (const pod of adopted) {
      if (templateLabels.every(([k, v]) => pod.metadata.labels?.[k] === v)) fullyLabeled++;
      if (isPodReady(pod)) ready++;
    }
    // With minReadySeconds, availability depends on the clock: count it (rare) the slow way.
    const available = minReady > 0 ? podList().filter((p) => isPodAvailable(p, minReady, now)).length : ready;
    let conditions: Condition[] | undefined = rs.status?.conditions;
    const failureCond = findCondition(conditions, 'ReplicaFailure');
    if (failure && !failureCond) {
      conditions = [...(conditions ?? []), { type: 'ReplicaFailure', status: 'True', reason: failure.reason, message: failure.message, lastTransitionTime: rfc3339(now) }];
    } else if (!failure && failureCond) conditions = removeCondition(conditions, 'ReplicaFailure');
    const status: RsStatus = omitZero(
      { replicas: counts.replicas + adopted.length, fullyLabeledReplicas: fullyLabeled, readyReplicas: ready, availableReplicas: available, observedGeneration: rs.metadata.generation },
      ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas'],
    );
    if (conditions && conditions.length > 0) status.conditions = conditions;
    if (status.observedGeneration === undefined) delete status.observedGeneration;
    return status;
  }
}
