import type { Condition, Node, Taint } from '../../api/types';

/** The node controller's taints (pkg/controller/nodelifecycle: taint templates and condition mapping). */

export const TaintKey = {
  NotReady: 'node.kubernetes.io/not-ready',
  Unreachable: 'node.kubernetes.io/unreachable',
  MemoryPressure: 'node.kubernetes.io/memory-pressure',
  DiskPressure: 'node.kubernetes.io/disk-pressure',
  PIDPressure: 'node.kubernetes.io/pid-pressure',
  NetworkUnavailable: 'node.kubernetes.io/network-unavailable',
  Unschedulable: 'node.kubernetes.io/unschedulable',
} as const;

export const NOT_READY_NO_EXECUTE: Taint = { key: TaintKey.NotReady, effect: 'NoExecute' };
export const UNREACHABLE_NO_EXECUTE: Taint = { key: TaintKey.Unreachable, effect: 'NoExecute' };

/** nodeConditionToTaintKeyStatusMap: condition type → status → NoSchedule taint key. */
const CONDITION_TAINTS: Record<string, Partial<Record<Condition['status'], string>>> = {
  Ready: { False: TaintKey.NotReady, Unknown: TaintKey.Unreachable },
  MemoryPressure: { True: TaintKey.MemoryPressure },
  DiskPressure: { True: TaintKey.DiskPressure },
  PIDPressure: { True: TaintKey.PIDPressure },
  NetworkUnavailable: { True: TaintKey.NetworkUnavailable },
};

/** Every NoSchedule taint key the node controller manages (others' NoSchedule taints are left alone). */
const MANAGED_NO_SCHEDULE = new Set<string>(Object.values(TaintKey));

export function sameTaint(a: Taint, b: Taint): boolean {
  return a.key === b.key && a.effect === b.effect && (a.value ?? '') === (b.value ?? '');
}

/** Key and effect match (the value is ignored, as taintutils.TaintExists / MatchTaint do). */
export function taintExists(taints: readonly Taint[] | undefined, t: Taint): boolean {
  return (taints ?? []).some((x) => x.key === t.key && x.effect === t.effect);
}

export function readyCondition(node: Node): Condition | undefined {
  return node.status?.conditions?.find((c) => c.type === 'Ready');
}

/** The NoSchedule taints a node's conditions and cordon call for (doNoScheduleTaintingPass). */
export function desiredNoScheduleKeys(node: Node): string[] {
  const keys: string[] = [];
  for (const c of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key) keys.push(key);
  }
  if (node.spec.unschedulable) keys.push(TaintKey.Unschedulable);
  return keys;
}

/**
 * New taint list after adding the wanted managed NoSchedule taints and removing the managed
 * ones no longer wanted; undefined when nothing changes. Added taints carry timeAdded.
 */
export function reconcileNoSchedule(taints: readonly Taint[] | undefined, wantKeys: readonly string[], now: string): Taint[] | undefined {
  const current = taints ?? [];
  const want = new Set(wantKeys);
  const kept = current.filter((t) => !(t.effect === 'NoSchedule' && MANAGED_NO_SCHEDULE.has(t.key) && !want.has(t.key)));
  const added: Taint[] = [];
  for (const key of wantKeys) {
    if (!kept.some((t) => t.key === key && t.effect === 'NoSchedule')) added.push({ key, effect: 'NoSchedule', timeAdded: now });
  }
  if (added.length === 0 && kept.length === current.length) return undefined;
  return [...kept, ...added];
}

/** SwapNodeControllerTaint: add `add` (with timeAdded) and remove `remove`; undefined if unchanged. */
export function swapTaints(taints: readonly Taint[] | undefined, add: readonly Taint[], remove: readonly Taint[], now: string): Taint[] | undefined {
  const current = taints ?? [];
  const kept = current.filter((t) => !remove.some((r) => r.key === t.key && r.effect === t.effect));
  const added = add.filter((a) => !taintExists(kept, a)).map((a) => ({ ...a, timeAdded: now }));
  if (added.length === 0 && kept.length === current.length) return undefined;
  return [...kept, ...added];
}

export function noExecuteTaints(taints: readonly Taint[] | undefined): Taint[] {
  return (taints ?? []).filter((t) => t.effect === 'NoExecute');
}
