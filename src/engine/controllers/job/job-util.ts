import type { Condition, Job, LabelSelector, Pod } from '../../api/types';
import { rfc3339 } from '../../sim/time';
import { isPodTerminal, podFinishedMs } from '../shared/pod-util';
import { parseTimestamp } from '../../sim/time';

export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const DEFAULT_BACKOFF_LIMIT = 6;
/** MaxPodCreateDeletePerSync. */
export const MAX_POD_CREATE_DELETE_PER_SYNC = 500;

/** The labels the API server puts on a Job's template and the controller on every pod. */
export function jobPodLabels(job: Job): Record<string, string> {
  const uid = job.metadata.uid ?? '';
  const name = job.metadata.name;
  return { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': name, 'controller-uid': uid, 'job-name': name };
}

/** spec.selector, or the one the API server generates (`batch.kubernetes.io/controller-uid`). */
export function jobSelector(job: Job): LabelSelector {
  return job.spec.selector ?? { matchLabels: { 'batch.kubernetes.io/controller-uid': job.metadata.uid ?? '' } };
}

export function parallelismOf(job: Job): number {
  return job.spec.parallelism ?? 1;
}

/** Completions default to 1 only when parallelism is unset too (a work-queue Job has none). */
export function completionsOf(job: Job): number | undefined {
  if (job.spec.completions !== undefined) return job.spec.completions;
  return job.spec.parallelism === undefined ? 1 : undefined;
}

export function hasCondition(job: Job, type: string): boolean {
  return job.status?.conditions?.some((c) => c.type === type && c.status === 'True') ?? false;
}

/** IsJobFinished: Complete or Failed is True. */
export function isJobFinished(job: Job): boolean {
  return hasCondition(job, 'Complete') || hasCondition(job, 'Failed');
}

export function jobCondition(type: string, reason: string, message: string, nowMs: number, status: Condition['status'] = 'True'): Condition {
  const t = rfc3339(nowMs);
  return { type, status, lastProbeTime: t, lastTransitionTime: t, reason, message };
}

/** isPodFailed with the default podReplacementPolicy: a deleted pod that did not succeed counts as failed. */
export function isPodFailed(pod: Pod): boolean {
  if (pod.status?.phase === 'Failed') return true;
  return pod.metadata.deletionTimestamp !== undefined && pod.status?.phase !== 'Succeeded';
}

export function hasTrackingFinalizer(pod: Pod): boolean {
  return pod.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false;
}

/** getFinishedTime: container finish time, else when Ready went False, else when deletion began. */
export function finishedMs(pod: Pod, nowMs: number): number {
  const fromContainers = podFinishedMs(pod);
  if (fromContainers !== undefined) return fromContainers;
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
  const notReadySince = ready?.status === 'False' ? parseTimestamp(ready.lastTransitionTime) : undefined;
  if (notReadySince !== undefined) return notReadySince;
  const deletion = parseTimestamp(pod.metadata.deletionTimestamp);
  if (deletion !== undefined) return deletion - (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
  return parseTimestamp(pod.metadata.creationTimestamp) ?? nowMs;
}

/** pastBackoffLimitOnFailure: with restartPolicy OnFailure the kubelet's restarts count against the limit. */
export function pastBackoffLimitOnFailure(job: Job, pods: readonly Pod[]): boolean {
  if (job.spec.template.spec.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const pod of pods) {
    if (isPodTerminal(pod)) continue;
    for (const c of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) restarts += c.restartCount;
  }
  const limit = job.spec.backoffLimit ?? DEFAULT_BACKOFF_LIMIT;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}
