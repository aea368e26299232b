import type { Pod } from '../../api/types';
import { parseTimestamp } from '../../sim/time';
import { isPodActive, isPodReady, maxContainerRestarts, readyCondition } from '../shared/pod-util';

export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function deletionCost(pod: Pod): number {
  const raw = pod.metadata.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (raw === undefined || !/^[+-]?\d+$/.test(raw)) return 0;
  const n = Number(raw);
  return n >= -(2 ** 31) && n < 2 ** 31 ? n : 0;
}

function readySinceMs(pod: Pod): number | undefined {
  return isPodReady(pod) ? parseTimestamp(readyCondition(pod)?.lastTransitionTime) : undefined;
}

/** int64(math.Log2(ns since t)), or −1 for times not in the past (LogarithmicScaleDown). */
function logRank(tMs: number, nowMs: number): number {
  const ns = (nowMs - tMs) * 1e6;
  return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
}

/** Compares two timestamps: undefined ("zero") first, then newer first, bucketed by log2 age. */
function compareTimes(a: Pod, b: Pod, ta: number | undefined, tb: number | undefined, nowMs: number): number {
  if (ta === undefined || tb === undefined) return ta === undefined ? -1 : 1;
  const diff = logRank(ta, nowMs) - logRank(tb, nowMs);
  if (diff !== 0) return diff;
  const ua = a.metadata.uid ?? '';
  const ub = b.metadata.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

/**
 * controller.ActivePodsWithRanks.Less as a comparator: negative when `a` should be deleted
 * before `b`. `rank*` is how many active pods of the same owner family share the pod's node.
 */
export function compareForDeletion(a: Pod, rankA: number, b: Pod, rankB: number, nowMs: number): number {
  const na = a.spec.nodeName ?? '';
  const nb = b.spec.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '' ? -1 : 1;
  const pa = PHASE_ORDINAL[a.status?.phase ?? ''] ?? 0;
  const pb = PHASE_ORDINAL[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return ra ? 1 : -1;
  const ca = deletionCost(a);
  const cb = deletionCost(b);
  if (ca !== cb) return ca - cb;
  if (rankA !== rankB) return rankB - rankA;
  if (ra && rb) {
    const ta = readySinceMs(a);
    const tb = readySinceMs(b);
    if (ta !== tb) {
      const c = compareTimes(a, b, ta, tb, nowMs);
      if (c !== 0) return c;
    }
  }
  const xa = maxContainerRestarts(a);
  const xb = maxContainerRestarts(b);
  if (xa !== xb) return xb - xa;
  const ta = parseTimestamp(a.metadata.creationTimestamp);
  const tb = parseTimestamp(b.metadata.creationTimestamp);
  if (ta !== tb) return compareTimes(a, b, ta, tb, nowMs);
  return 0;
}

/**
 * getPodsToDelete: the `count` pods a scale-down removes, ranked by compareForDeletion with
 * "doubled up" counted over `related` (the active pods of every ReplicaSet of the same owner).
 */
export function podsToDelete(pods: readonly Pod[], related: readonly Pod[], count: number, nowMs: number): Pod[] {
  if (count >= pods.length) return [...pods];
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const n = p.spec.nodeName ?? '';
    onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  const ranked = pods.map((pod) => ({ pod, rank: onNode.get(pod.spec.nodeName ?? '') ?? 0 }));
  ranked.sort((x, y) => compareForDeletion(x.pod, x.rank, y.pod, y.rank, nowMs));
  return ranked.slice(0, count).map((r) => r.pod);
}
