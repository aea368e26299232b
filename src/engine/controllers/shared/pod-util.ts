import type { Condition, Pod } from '../../api/types';
import { parseTimestamp } from '../../sim/time';

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return readyCondition(pod)?.status === 'True';
}

export function readyCondition(pod: Pod): Condition | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

export function isPodTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** controller.IsPodActive: not terminal and not being deleted (the pods a ReplicaSet counts). */
export function isPodActive(pod: Pod): boolean {
  return !isPodTerminal(pod) && !pod.metadata.deletionTimestamp;
}

export function isPodTerminating(pod: Pod): boolean {
  return pod.metadata.deletionTimestamp !== undefined;
}

/**
 * podutil.IsPodAvailable: Ready for at least minReadySeconds. Timestamps have second
 * precision, so "ready since t" means available from t + minReadySeconds.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  const cond = readyCondition(pod);
  if (cond?.status !== 'True') return false;
  if (minReadySeconds <= 0) return true;
  const since = parseTimestamp(cond.lastTransitionTime);
  return since !== undefined && since + minReadySeconds * 1000 <= nowMs;
}

/** Milliseconds until a ready pod becomes available, or undefined when it never will by waiting. */
export function msUntilAvailable(pod: Pod, minReadySeconds: number, nowMs: number): number | undefined {
  const cond = readyCondition(pod);
  if (cond?.status !== 'True' || minReadySeconds <= 0) return undefined;
  const since = parseTimestamp(cond.lastTransitionTime);
  if (since === undefined) return undefined;
  const left = since + minReadySeconds * 1000 - nowMs;
  return left > 0 ? left : undefined;
}

export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}

export function maxContainerRestarts(pod: Pod): number {
  let max = 0;
  for (const c of pod.status?.containerStatuses ?? []) max = Math.max(max, c.restartCount);
  return max;
}

/** The node a pod is bound to, or for a DaemonSet pod not bound yet the node its affinity pins it to. */
export function pinnedNodeName(pod: Pod): string | undefined {
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms?.length === 1) {
    const fields = terms[0]!.matchFields;
    const req = fields?.length === 1 ? fields[0] : undefined;
    if (req && req.key === 'metadata.name' && req.operator === 'In' && req.values?.length === 1) return req.values[0];
  }
  return undefined;
}

/** Latest container finish time, the moment a terminated pod is considered finished. */
export function podFinishedMs(pod: Pod): number | undefined {
  let latest: number | undefined;
  for (const c of pod.status?.containerStatuses ?? []) {
    const t = parseTimestamp(c.state.terminated?.finishedAt);
    if (t !== undefined && (latest === undefined || t > latest)) latest = t;
  }
  return latest;
}
