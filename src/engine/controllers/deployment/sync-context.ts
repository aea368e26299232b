import type { ApiServer, RequestContext } from '../../api/apiserver';
import type { Deployment, Pod, ReplicaSet } from '../../api/types';
import type { EventRecorder } from '../../client/event-recorder';
import { deepClone, deepEqual } from '../../util/clone';
import { maxSurge, replicasAnnotationsNeedUpdate, replicasOf, rsReplicas, setReplicasAnnotations } from './util';

/** Thrown inside a sync when a write fails; the controller requeues the Deployment. */
export class SyncError extends Error {}

export interface DeploymentDeps {
  readonly api: ApiServer;
  readonly ctx: RequestContext;
  readonly recorder: EventRecorder;
  readonly nowMs: number;
  /** Pods (including terminating ones) controlled by the ReplicaSet with this uid. */
  podsOf(rsUid: string | undefined): Pod[];
}

/**
 * One pass over one Deployment: a working copy of it, the ReplicaSets it owns (replaced in
 * place as they are written), and the writes that upstream's DeploymentController makes.
 */
export class DeploymentSync {
  d: Deployment;
  private stored: Deployment;
  readonly rsList: ReplicaSet[];

  constructor(readonly deps: DeploymentDeps, d: Deployment, rsList: readonly ReplicaSet[]) {
    this.stored = d;
    this.d = deepClone(d);
    this.rsList = [...rsList];
  }

  get api(): ApiServer {
    return this.deps.api;
  }

  get ctx(): RequestContext {
    return this.deps.ctx;
  }

  get now(): number {
    return this.deps.nowMs;
  }

  event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.deps.recorder.record(this.ctx, this.stored, type, reason, message);
  }

  replace(next: ReplicaSet): void {
    const i = this.rsList.findIndex((rs) => rs.metadata.uid === next.metadata.uid);
    if (i >= 0) this.rsList[i] = next;
    else this.rsList.push(next);
  }

  /** Writes changed annotations (main resource) and changed status (status subresource). */
  persist(): void {
    if (!deepEqual(this.d.metadata.annotations, this.stored.metadata.annotations)) {
      const res = this.api.update<Deployment>(this.ctx, 'deployments', { ...this.d, status: this.stored.status });
      if (!res.ok) throw new SyncError(res.status.message);
      this.stored = res.value;
      this.d.metadata = deepClone(res.value.metadata);
    }
    if (!deepEqual(this.d.status, this.stored.status)) {
      const body = { ...this.stored, status: this.d.status };
      const res = this.api.update<Deployment>(this.ctx, 'deployments', body, 'status');
      if (!res.ok) throw new SyncError(res.status.message);
      this.stored = res.value;
      this.d.metadata = deepClone(res.value.metadata);
    }
  }

  /** The stored Deployment as last read or written (what "old status" comparisons use). */
  get persisted(): Deployment {
    return this.stored;
  }

  /** dc.scaleReplicaSet: size and replica annotations, with the ScalingReplicaSet event. */
  scaleReplicaSet(rs: ReplicaSet, newScale: number): { scaled: boolean; rs: ReplicaSet } {
    const d = this.d;
    const oldScale = rsReplicas(rs);
    const sizeNeedsUpdate = oldScale !== newScale;
    const max = replicasOf(d) + maxSurge(d);
    if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, replicasOf(d), max)) return { scaled: false, rs };
    const copy = deepClone(rs);
    copy.spec.replicas = newScale;
    setReplicasAnnotations(copy, replicasOf(d), max);
    const res = this.api.update<ReplicaSet>(this.ctx, 'replicasets', copy);
    if (!res.ok) throw new SyncError(res.status.message);
    this.replace(res.value);
    if (sizeNeedsUpdate) {
      const op = newScale > oldScale ? 'up' : 'down';
      this.event('Normal', 'ScalingReplicaSet', `Scaled ${op} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`);
    }
    return { scaled: sizeNeedsUpdate, rs: res.value };
  }

  /** dc.scaleReplicaSetAndRecordEvent: nothing to do when the size already matches. */
  scaleAndRecord(rs: ReplicaSet, newScale: number): { scaled: boolean; rs: ReplicaSet } {
    if (rsReplicas(rs) === newScale) return { scaled: false, rs };
    return this.scaleReplicaSet(rs, newScale);
  }

  current(rs: ReplicaSet | undefined): ReplicaSet | undefined {
    return rs ? (this.rsList.find((x) => x.metadata.uid === rs.metadata.uid) ?? rs) : undefined;
  }
}
