import { withKey } from '../util/clone';
import type { Condition, Pod } from './types';
import type { ResourceInfo } from './resources';
import { conflict, type Status } from './status';

/**
 * The pods/binding subresource (the scheduler's DefaultBinder): when a bind is refused, and
 * the pod it writes, copied on write from the stored one.
 */
export function bindRefusal(r: ResourceInfo, old: Pod, podName: string): Status | undefined {
  if (old.metadata.deletionTimestamp) return conflict(r, podName);
  if (old.spec.nodeName) {
    return { ...conflict(r, podName), message: `Operation cannot be fulfilled on pods/binding "${podName}": pod ${podName} is already assigned to node "${old.spec.nodeName}"` };
  }
  return undefined;
}

export class PodBinder {
  /** See scheduledCondition. */
  private lastScheduled: Condition | undefined;

  /** `old` bound to `nodeName` at `now` (RFC 3339), with the resourceVersion of the write. */
  boundPod(old: Pod, nodeName: string, now: string, resourceVersion: string): Pod {
    // Copy on write: only metadata, spec and status change; their contents stay shared. The
    // spec and status gain a key: withKey, not a spread (which would give each pod its own hidden class).
    const pod: Pod = { ...old, metadata: { ...old.metadata }, spec: withKey(old.spec, 'nodeName', nodeName) };
    // concat sizes the array exactly (an unshift grows it to 17 slots).
    const conditions = [this.scheduledCondition(now)].concat((old.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled'));
    pod.status = withKey(old.status ?? {}, 'conditions', conditions, 'nominatedNodeName');
    pod.metadata.resourceVersion = resourceVersion;
    return pod;
  }

  /**
   * The PodScheduled condition a bind writes, one object per second: pods bound in the same
   * second get the same (immutable, like every stored object) condition, which they keep.
   */
  private scheduledCondition(now: string): Condition {
    let c = this.lastScheduled;
    if (c?.lastTransitionTime !== now) this.lastScheduled = c = { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now };
    return c;
  }
}
