import type { ApiServer, RequestContext } from '../../api/apiserver';
import type { ControllerRevision, Pod, PodTemplateSpec, StatefulSet } from '../../api/types';
import type { EventRecorder } from '../../client/event-recorder';
import { isPodTerminal, isRunningAndReady } from '../shared/pod-util';
import {
  identityMatches, isAvailable, isHealthy, isTerminating, newStatefulPod, ordinalOf, podName, podRevision,
  revisionForOrdinal, STS_POD_INDEX_LABEL, STS_POD_NAME_LABEL,
} from './stateful-pods';

export interface Revisions {
  current: ControllerRevision;
  update: ControllerRevision;
  currentTemplate: PodTemplateSpec;
}

export interface StatefulDeps {
  api: ApiServer;
  ctx: RequestContext;
  recorder: EventRecorder;
  nowMs: number;
  /** Called before each create / delete so the controller waits to observe it. */
  expectCreate(): void;
  expectDelete(podKey: string): void;
}

/**
 * One pass of defaultStatefulSetControl.updateStatefulSet: create missing ordinals in order
 * (OrderedReady: only after every lower one is Running and Ready), recreate failed pods under
 * the same name, delete condemned ordinals from the highest, then roll updates from the
 * highest ordinal down to the partition.
 */
export class StatefulSetSync {
  private readonly monotonic: boolean;
  private readonly minReady: number;

  constructor(
    private readonly d: StatefulDeps,
    private readonly set: StatefulSet,
    private readonly rev: Revisions,
  ) {
    this.monotonic = set.spec.podManagementPolicy !== 'Parallel';
    this.minReady = set.spec.minReadySeconds ?? 0;
  }

  run(pods: readonly Pod[]): void {
    if (this.set.metadata.deletionTimestamp) return;
    const count = this.set.spec.replicas ?? 1;
    const replicas: (Pod | undefined)[] = new Array<Pod | undefined>(count).fill(undefined);
    const condemned: Pod[] = [];
    for (const pod of pods) {
      const ord = ordinalOf(this.set, pod);
      if (ord < 0) continue;
      if (ord < count) replicas[ord] = pod;
      else condemned.push(pod);
    }
    condemned.sort((a, b) => ordinalOf(this.set, b) - ordinalOf(this.set, a));
    const firstUnhealthy = replicas.find((p) => p && !isHealthy(p)) ?? [...condemned].reverse().find((p) => !isHealthy(p));
    for (let i = 0; i < count; i++) {
      if (this.processReplica(replicas, i) && this.monotonic) return;
    }
    for (const pod of condemned) {
      if (this.processCondemned(pod, firstUnhealthy) && this.monotonic) return;
    }
    if ((this.set.spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return;
    this.rollingUpdate(replicas);
  }

  /** Returns true when monotonic processing must stop here (something to wait for). */
  private processReplica(replicas: (Pod | undefined)[], i: number): boolean {
    const pod = replicas[i];
    if (pod && isPodTerminal(pod)) {
      if (!isTerminating(pod)) {
        const failed = pod.status?.phase === 'Failed';
        const ref = `${this.set.metadata.namespace}/${this.set.metadata.name}`;
        this.d.recorder.record(this.d.ctx, this.set, failed ? 'Warning' : 'Normal', failed ? 'RecreatingFailedPod' : 'RecreatingTerminatedPod', `StatefulSet ${ref} is recreating ${failed ? 'failed' : 'terminated'} Pod ${pod.metadata.name}`);
        this.deletePod(pod);
      }
      return true;
    }
    if (!pod) {
      this.createPod(i);
      return true;
    }
    if (isTerminating(pod)) return this.monotonic;
    if (!isRunningAndReady(pod) || !isAvailable(pod, this.minReady, this.d.nowMs)) return this.monotonic;
    if (!identityMatches(this.set, pod, i)) this.fixIdentity(pod, i);
    return false;
  }

  private processCondemned(pod: Pod, firstUnhealthy: Pod | undefined): boolean {
    if (isTerminating(pod)) return this.monotonic;
    if (this.monotonic && pod !== firstUnhealthy && (!isRunningAndReady(pod) || !isAvailable(pod, this.minReady, this.d.nowMs))) return true;
    this.deletePod(pod);
    return true;
  }

  private rollingUpdate(replicas: readonly (Pod | undefined)[]): void {
    const partition = this.set.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
    for (let target = replicas.length - 1; target >= partition; target--) {
      const pod = replicas[target];
      if (pod && podRevision(pod) !== this.rev.update.metadata.name && !isTerminating(pod)) {
        this.deletePod(pod);
        return;
      }
      if (!isHealthy(pod)) return;
    }
  }

  private createPod(ordinal: number): void {
    const which = revisionForOrdinal(this.set, ordinal);
    const template = which === 'current' ? this.rev.currentTemplate : this.set.spec.template;
    const revision = which === 'current' ? this.rev.current : this.rev.update;
    const pod = newStatefulPod(this.set, template, ordinal, revision.metadata.name);
    this.d.expectCreate();
    const res = this.d.api.create<Pod>(this.d.ctx, 'pods', this.set.metadata.namespace, pod);
    if (res.ok) this.event('Normal', 'SuccessfulCreate', `create Pod ${pod.metadata.name} in StatefulSet ${this.set.metadata.name} successful`);
    else if (res.status.reason !== 'AlreadyExists') {
      this.event('Warning', 'FailedCreate', `create Pod ${pod.metadata.name} in StatefulSet ${this.set.metadata.name} failed error: ${res.status.message}`);
    }
  }

  private deletePod(pod: Pod): void {
    this.d.expectDelete(`${pod.metadata.namespace}/${pod.metadata.name}`);
    const res = this.d.api.delete(this.d.ctx, 'pods', pod.metadata.namespace, pod.metadata.name, { preconditions: { uid: pod.metadata.uid } });
    if (res.ok) this.event('Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${this.set.metadata.name} successful`);
    else if (res.status.code !== 404) {
      this.event('Warning', 'FailedDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${this.set.metadata.name} failed error: ${res.status.message}`);
    }
  }

  private fixIdentity(pod: Pod, ordinal: number): void {
    const labels = { ...(pod.metadata.labels ?? {}), [STS_POD_NAME_LABEL]: podName(this.set, ordinal), [STS_POD_INDEX_LABEL]: String(ordinal) };
    this.d.api.patch(this.d.ctx, 'pods', pod.metadata.namespace, pod.metadata.name, { metadata: { labels, resourceVersion: pod.metadata.resourceVersion } });
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.d.recorder.record(this.d.ctx, this.set, type, reason, message);
  }
}
