import type { ApiServer, RequestContext } from '../../api/apiserver';
import type { ControllerRevision, Pod, StatefulSet } from '../../api/types';
import type { Informer } from '../../client/informer';
import { objectKey } from '../../client/informer';
import type { SimEnv } from '../../sim/env';
import { selectorMatches } from '../../util/labels';
import { claimObjects } from '../shared/claim';
import { QueueController, type SyncResult } from '../shared/controller-base';
import { Expectations } from '../shared/expectations';
import { NamespaceIndex } from '../shared/namespace-index';
import { OwnerIndex } from '../shared/owner-index';
import { controllerRefOf, onlyStatusChanged } from '../shared/owner-refs';
import { isPodReady, isRunningAndReady } from '../shared/pod-util';
import { cleanupHistory, constructHistory, revisionTemplate } from '../shared/revision-history';
import { writeStatus } from '../shared/status-util';
import { isAvailable, isTerminating, podRevision, STS_HASH_LABEL } from './stateful-pods';
import { StatefulSetSync, type Revisions } from './stateful-set-sync';

type StsStatus = NonNullable<StatefulSet['status']>;

/**
 * The StatefulSet controller: stable pod names `<set>-<ordinal>`, ordered (or parallel)
 * creation and removal, same-name replacement, and rolling updates by ControllerRevision.
 * volumeClaimTemplates are not provisioned yet.
 */
export class StatefulSetController extends QueueController {
  private sets!: Informer<StatefulSet>;
  private readonly setsByNs = new NamespaceIndex<StatefulSet>();
  private readonly pods = new OwnerIndex<Pod>();
  private readonly revisions = new OwnerIndex<ControllerRevision>();
  private readonly expectations = new Expectations(() => this.env.now());

  constructor(env: SimEnv, api: ApiServer) {
    super(env, api, 'statefulset-controller');
  }

  protected setup(): void {
    this.sets = this.informer<StatefulSet>('statefulsets');
    this.setsByNs.attach(this.sets);
    this.sets.on({
      add: (s, opId) => this.enqueue(objectKey(s), opId),
      update: (o, s, opId) => {
        if (!onlyStatusChanged(o, s)) this.enqueue(objectKey(s), opId);
      },
      delete: (s) => this.expectations.forget(objectKey(s)),
    });
    const pods = this.informer<Pod>('pods');
    this.pods.attach(pods);
    pods.on({
      add: (p, opId) => this.onPod(undefined, p, opId),
      update: (o, p, opId) => this.onPod(o, p, opId),
      delete: (p, opId) => this.onPodDelete(p, opId),
    });
    this.revisions.attach(this.informer<ControllerRevision>('controllerrevisions'));
  }

  private ownerOf(pod: Pod): StatefulSet | undefined {
    const ref = controllerRefOf(pod);
    if (ref?.kind !== 'StatefulSet') return undefined;
    const set = this.sets.get(pod.metadata.namespace, ref.name);
    return set?.metadata.uid === ref.uid ? set : undefined;
  }

  private onPod(old: Pod | undefined, pod: Pod, opId: number | undefined): void {
    if (old && old.metadata.resourceVersion === pod.metadata.resourceVersion) return;
    const set = this.ownerOf(pod);
    if (set) {
      const key = objectKey(set);
      if (!old) this.expectations.creationObserved(key);
      if (pod.metadata.deletionTimestamp) this.expectations.deletionObserved(key, objectKey(pod));
      this.enqueue(key, opId);
      const minReady = set.spec.minReadySeconds ?? 0;
      if (old && minReady > 0 && !isPodReady(old) && isPodReady(pod)) this.enqueueAfter(key, minReady * 1000 + 1000, opId);
      return;
    }
    if (old) {
      const prev = this.ownerOf(old);
      if (prev) this.enqueue(objectKey(prev), opId);
    }
    if (controllerRefOf(pod)) return;
    for (const s of this.setsByNs.in(pod.metadata.namespace)) {
      if (selectorMatches(s.spec.selector, pod.metadata.labels)) this.enqueue(objectKey(s), opId);
    }
  }

  private onPodDelete(pod: Pod, opId: number | undefined): void {
    const set = this.ownerOf(pod);
    if (!set) return;
    this.expectations.deletionObserved(objectKey(set), objectKey(pod));
    this.enqueue(objectKey(set), opId);
  }

  private claim<T extends Pod | ControllerRevision>(ctx: RequestContext, set: StatefulSet, resource: string, index: OwnerIndex<T>): T[] {
    return claimObjects<T>({
      api: this.api, ctx, resource, owner: set, ownerResource: 'statefulsets',
      matches: (o) => selectorMatches(set.spec.selector, o.metadata.labels),
      owned: index.owned(set.metadata.uid).filter((o) => o.metadata.namespace === set.metadata.namespace),
      orphans: index.orphansIn(set.metadata.namespace),
    });
  }

  protected sync(key: string, ctx: RequestContext): SyncResult {
    const set = this.sets.getByKey(key);
    if (!set) {
      this.expectations.forget(key);
      return 'done';
    }
    const owned = this.claim(ctx, set, 'controllerrevisions', this.revisions);
    const history = constructHistory(this.api, ctx, {
      owner: set, ownerResource: 'statefulsets', template: set.spec.template, collisionCount: set.status?.collisionCount, hashLabel: STS_HASH_LABEL,
      onCollision: () => writeStatus(this.api, ctx, 'statefulsets', set, { ...(set.status ?? { replicas: 0 }), collisionCount: (set.status?.collisionCount ?? 0) + 1 }),
    }, owned);
    if (typeof history === 'string') return 'retry';
    const currentRev = owned.find((cr) => cr.metadata.name === set.status?.currentRevision) ?? history.current;
    const revs: Revisions = { current: currentRev, update: history.current, currentTemplate: revisionTemplate(currentRev) ?? set.spec.template };
    const pods = this.claim(ctx, set, 'pods', this.pods);
    if (this.expectations.satisfied(key)) {
      const sync = new StatefulSetSync({
        api: this.api, ctx, recorder: this.recorder, nowMs: this.env.now(),
        expectCreate: () => this.expectations.raise(key, 1, []),
        expectDelete: (podKey) => this.expectations.raise(key, 0, [podKey]),
      }, set, revs);
      sync.run(pods);
    }
    const status = this.calculateStatus(set, pods, revs);
    const inUse = new Set([revs.current.metadata.name, revs.update.metadata.name, ...pods.map(podRevision)]);
    cleanupHistory(this.api, ctx, history.old, set.spec.revisionHistoryLimit ?? 10, (cr) => inUse.has(cr.metadata.name));
    return writeStatus(this.api, ctx, 'statefulsets', set, status) ? 'done' : 'retry';
  }

  private calculateStatus(set: StatefulSet, pods: readonly Pod[], revs: Revisions): StsStatus {
    const now = this.env.now();
    const minReady = set.spec.minReadySeconds ?? 0;
    let replicas = 0;
    let ready = 0;
    let available = 0;
    let current = 0;
    let updated = 0;
    for (const pod of pods) {
      replicas++;
      if (isRunningAndReady(pod)) {
        ready++;
        if (isAvailable(pod, minReady, now)) available++;
      }
      if (isTerminating(pod)) continue;
      if (podRevision(pod) === revs.current.metadata.name) current++;
      if (podRevision(pod) === revs.update.metadata.name) updated++;
    }
    const status: StsStatus = { replicas, availableReplicas: available, currentRevision: revs.current.metadata.name, updateRevision: revs.update.metadata.name };
    if (set.metadata.generation !== undefined) status.observedGeneration = set.metadata.generation;
    if (ready) status.readyReplicas = ready;
    if (current) status.currentReplicas = current;
    if (updated) status.updatedReplicas = updated;
    if (set.status?.collisionCount !== undefined) status.collisionCount = set.status.collisionCount;
    const rolling = (set.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
    if (rolling && updated === replicas && ready === replicas) {
      status.currentRevision = status.updateRevision;
      if (updated) status.currentReplicas = updated;
    }
    return status;
  }
}
