import type { ApiServer, RequestContext } from '../../api/apiserver';
import type { Deployment, Pod, ReplicaSet } from '../../api/types';
import type { Informer } from '../../client/informer';
import { objectKey } from '../../client/informer';
import type { SimEnv } from '../../sim/env';
import type { ScheduledEvent } from '../../sim/event-queue';
import { deepEqual } from '../../util/clone';
import { selectorMatches } from '../../util/labels';
import { claimObjects } from '../shared/claim';
import { QueueController, type SyncResult } from '../shared/controller-base';
import { NamespaceIndex } from '../shared/namespace-index';
import { OwnerIndex } from '../shared/owner-index';
import { controllerRefOf, onlyStatusChanged } from '../shared/owner-refs';
import { rolloutRecreate, rolloutRolling } from './rollout';
import { isScalingEvent, syncScaleOnly, syncStatusOnly } from './scale';
import { checkPausedConditions } from './status';
import { DeploymentSync, SyncError } from './sync-context';

/**
 * The Deployment controller: one ReplicaSet per pod template (named by its hash), rolling
 * updates within maxSurge / maxUnavailable, Recreate, proportional scaling, revisions,
 * rollbacks by template, pause, and the Available / Progressing conditions.
 */
export class DeploymentController extends QueueController {
  private deployments!: Informer<Deployment>;
  private replicaSets!: Informer<ReplicaSet>;
  private readonly deploymentsByNs = new NamespaceIndex<Deployment>();
  private readonly rsByOwner = new OwnerIndex<ReplicaSet>();
  private readonly podsByOwner = new OwnerIndex<Pod>();
  private readonly progressChecks = new Map<string, ScheduledEvent>();

  constructor(env: SimEnv, api: ApiServer) {
    super(env, api, 'deployment-controller');
  }

  protected setup(): void {
    this.deployments = this.informer<Deployment>('deployments');
    this.deploymentsByNs.attach(this.deployments);
    this.deployments.on({
      add: (d, opId) => this.enqueue(objectKey(d), opId),
      update: (o, d, opId) => {
        if (!onlyStatusChanged(o, d)) this.enqueue(objectKey(d), opId);
      },
      delete: (d, opId) => this.enqueue(objectKey(d), opId),
    });
    this.replicaSets = this.informer<ReplicaSet>('replicasets');
    this.rsByOwner.attach(this.replicaSets);
    this.replicaSets.on({
      add: (rs, opId) => this.onReplicaSet(undefined, rs, opId),
      update: (old, rs, opId) => this.onReplicaSet(old, rs, opId),
      delete: (rs, opId) => this.enqueueOwner(rs, opId),
    });
    const pods = this.informer<Pod>('pods');
    this.podsByOwner.attach(pods);
    pods.on({ delete: (pod, opId) => this.onPodDelete(pod, opId) });
  }

  private ownerOf(rs: ReplicaSet): Deployment | undefined {
    const ref = controllerRefOf(rs);
    if (ref?.kind !== 'Deployment') return undefined;
    const d = this.deployments.get(rs.metadata.namespace, ref.name);
    return d?.metadata.uid === ref.uid ? d : undefined;
  }

  private enqueueOwner(rs: ReplicaSet, opId: number | undefined): void {
    const d = this.ownerOf(rs);
    if (d) this.enqueue(objectKey(d), opId);
  }

  private onReplicaSet(old: ReplicaSet | undefined, rs: ReplicaSet, opId: number | undefined): void {
    if (old && old.metadata.resourceVersion === rs.metadata.resourceVersion) return;
    const oldRef = old ? controllerRefOf(old) : undefined;
    if (old && oldRef && oldRef.uid !== controllerRefOf(rs)?.uid) this.enqueueOwner(old, opId);
    if (controllerRefOf(rs)) {
      this.enqueueOwner(rs, opId);
      return;
    }
    if (old && deepEqual(old.metadata.labels, rs.metadata.labels) && !oldRef) return;
    for (const d of this.deploymentsByNs.in(rs.metadata.namespace)) {
      if (selectorMatches(d.spec.selector, rs.metadata.labels)) this.enqueue(objectKey(d), opId);
    }
  }

  /** Recreate waits for the old pods to be gone; their deletion is its cue. */
  private onPodDelete(pod: Pod, opId: number | undefined): void {
    const ref = controllerRefOf(pod);
    if (ref?.kind !== 'ReplicaSet') return;
    const rs = this.replicaSets.get(pod.metadata.namespace, ref.name);
    const d = rs ? this.ownerOf(rs) : undefined;
    if (d?.spec.strategy?.type === 'Recreate') this.enqueue(objectKey(d), opId);
  }

  protected sync(key: string, ctx: RequestContext): SyncResult {
    const d = this.deployments.getByKey(key);
    if (!d) return 'done';
    const sel = d.spec.selector;
    if (!sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0)) {
      this.recorder.record(ctx, d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      return 'done';
    }
    const rsList = claimObjects<ReplicaSet>({
      api: this.api, ctx, resource: 'replicasets', owner: d, ownerResource: 'deployments',
      matches: (rs) => selectorMatches(sel, rs.metadata.labels),
      owned: this.rsByOwner.owned(d.metadata.uid).filter((rs) => rs.metadata.namespace === d.metadata.namespace),
      orphans: this.rsByOwner.orphansIn(d.metadata.namespace),
    });
    const s = new DeploymentSync(
      { api: this.api, ctx, recorder: this.recorder, nowMs: this.env.now(), podsOf: (uid) => this.podsByOwner.owned(uid) },
      d,
      rsList,
    );
    try {
      this.reconcile(key, s);
      return 'done';
    } catch (e) {
      if (e instanceof SyncError) return 'retry';
      throw e;
    }
  }

  private reconcile(key: string, s: DeploymentSync): void {
    if (s.d.metadata.deletionTimestamp) return syncStatusOnly(s);
    checkPausedConditions(s);
    if (s.d.spec.paused || isScalingEvent(s)) return syncScaleOnly(s);
    const recheckMs = s.d.spec.strategy?.type === 'Recreate' ? rolloutRecreate(s) : rolloutRolling(s);
    this.scheduleProgressCheck(key, recheckMs);
  }

  /** requeueStuckDeployment, as a background timer: a watchdog must not keep the cluster busy. */
  private scheduleProgressCheck(key: string, delayMs: number | undefined): void {
    this.cancel(this.progressChecks.get(key));
    this.progressChecks.delete(key);
    if (delayMs === undefined) return;
    const ev = this.after(Math.max(delayMs, 1000), 'progress-check', () => {
      this.progressChecks.delete(key);
      this.enqueue(key);
    }, true);
    this.progressChecks.set(key, ev);
  }
}
