import type { Condition, Pod } from '../api/types';
import { rfc3339 } from '../sim/time';
import { newPodInfo } from './cache/pod-info';
import { truncateMessage } from './fit-error';
import type { QueuedPodInfo } from './framework/interfaces';
import type { SchedulerCore } from './schedule-one';

/** Unschedulable = plugins rejected every node; Error = something failed (reason SchedulerError). */
export type FailureKind = 'Unschedulable' | 'Error';

const REASON: Record<FailureKind, string> = { Unschedulable: 'Unschedulable', Error: 'SchedulerError' };

/**
 * The PodScheduled=False condition, changed only when status, reason or message change
 * (upstream UpdatePodCondition keeps lastTransitionTime while the status stays False).
 */
function scheduledCondition(pod: Pod, reason: string, message: string, nowMs: number): Condition[] | undefined {
  const conditions = pod.status?.conditions ?? [];
  const old = conditions.find((c) => c.type === 'PodScheduled');
  if (old && old.status === 'False' && old.reason === reason && old.message === message) return undefined;
  const next: Condition = {
    type: 'PodScheduled',
    status: 'False',
    lastProbeTime: null,
    lastTransitionTime: old?.status === 'False' && old.lastTransitionTime ? old.lastTransitionTime : rfc3339(nowMs),
    reason,
    message,
  };
  return old ? conditions.map((c) => (c.type === 'PodScheduled' ? next : c)) : [...conditions, next];
}

/**
 * handleSchedulingFailure: a Warning FailedScheduling event, the pod's PodScheduled
 * condition (and nominatedNodeName after a successful preemption) through a status patch.
 */
export function recordFailure(core: SchedulerCore, q: QueuedPodInfo, kind: FailureKind, message: string, nominatedNode?: string): void {
  const pod = core.currentPod(q.key);
  if (!pod) return;
  const ctx = core.ctxFor(q.opId);
  core.recorder.record(ctx, pod, 'Warning', 'FailedScheduling', truncateMessage(message));
  const conditions = scheduledCondition(pod, REASON[kind], message, core.env.now());
  const nominatedChange = nominatedNode !== undefined && (pod.status?.nominatedNodeName ?? '') !== nominatedNode;
  if (!conditions && !nominatedChange) return;
  const status: Record<string, unknown> = {};
  if (conditions) status.conditions = conditions;
  if (nominatedChange) status.nominatedNodeName = nominatedNode === '' ? null : nominatedNode;
  const res = core.api.patch<Pod>(ctx, 'pods', q.podInfo.namespace, q.podInfo.name, { status }, 'status');
  if (res.ok && nominatedNode !== undefined) core.nominator.set(newPodInfo(res.value), nominatedNode === '' ? undefined : nominatedNode);
}
