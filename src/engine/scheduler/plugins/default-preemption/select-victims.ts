import type { NodeInfo } from '../../cache/node-info';
import type { PodInfo } from '../../cache/pod-info';
import type { CycleState } from '../../framework/cycle-state';
import type { FrameworkHandle } from '../../framework/interfaces';
import { unresolvable, type Result, type Status } from '../../framework/status';
import { parseTimestamp } from '../../../sim/time';
import { selectorMatches } from '../../../util/labels';
import type { PodDisruptionBudget } from '../../../disruption/types';

export const ERR_NO_VICTIMS = 'No preemption victims found for incoming pod';

export interface Candidate {
  readonly node: string;
  /** Most important first. */
  readonly victims: readonly PodInfo[];
  /** Victims whose eviction would break a PodDisruptionBudget. */
  readonly pdbViolations: number;
}

/**
 * upstream filterVictimsWithPDBViolation: walking the victims in order, each matching PDB
 * spends one of its allowed disruptions; a victim that overdraws one is "violating".
 */
export function splitByPdbViolation(victims: readonly PodInfo[], pdbs: readonly PodDisruptionBudget[]): { violating: PodInfo[]; nonViolating: PodInfo[] } {
  const allowed = pdbs.map((p) => p.status?.disruptionsAllowed ?? 0);
  const violates = (v: PodInfo): boolean => {
    if (Object.keys(v.labels).length === 0) return false;
    let violating = false;
    pdbs.forEach((pdb, i) => {
      const sel = pdb.spec.selector;
      if ((pdb.metadata.namespace ?? 'default') !== v.namespace || !sel) return;
      if (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0) return;
      if (!selectorMatches(sel, v.labels) || pdb.status?.disruptedPods?.[v.name] !== undefined) return;
      if (--allowed[i]! < 0) violating = true;
    });
    return violating;
  };
  const violating: PodInfo[] = [];
  const nonViolating: PodInfo[] = [];
  for (const v of victims) (violates(v) ? violating : nonViolating).push(v);
  return { violating, nonViolating };
}

/** upstream GetPodStartTime: status.startTime, or "now" for pods that never started. */
export function podStartMs(pi: PodInfo, nowMs: number): number {
  return parseTimestamp(pi.pod.status?.startTime) ?? nowMs;
}

/** Higher priority first; at equal priority the pod that started earlier is more important. */
export function moreImportant(a: PodInfo, b: PodInfo, nowMs: number): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  return podStartMs(a, nowMs) - podStartMs(b, nowMs);
}

/**
 * upstream SelectVictimsOnNode: take every lower-priority pod off a copy of the node; if
 * the pod then fits, put victims back, most important first, while it still fits.
 * Whoever could not be put back is preempted.
 */
export function selectVictimsOnNode(handle: FrameworkHandle, state: CycleState, pod: PodInfo, node: NodeInfo): Candidate | Status {
  const now = handle.now();
  const potential = [...node.pods.values()].filter((p) => p.priority < pod.priority).sort((a, b) => moreImportant(a, b, now));
  if (potential.length === 0) return unresolvable(ERR_NO_VICTIMS);
  const copy = node.clone();
  for (const v of potential) copy.removePod(v.key);
  const fits: Result = handle.runFilterWithNominated(state, pod, copy);
  if (fits !== null) return fits;
  // Pods protected by a budget get their reprieve first; the rest follow, most important first.
  const { violating, nonViolating } = splitByPdbViolation(potential, handle.listers.podDisruptionBudgets(pod.namespace));
  const victims: PodInfo[] = [];
  let pdbViolations = 0;
  const reprieve = (v: PodInfo): boolean => {
    copy.addPod(v);
    if (handle.runFilterWithNominated(state, pod, copy) === null) return true;
    copy.removePod(v.key);
    victims.push(v);
    return false;
  };
  for (const v of violating) if (!reprieve(v)) pdbViolations++;
  for (const v of nonViolating) reprieve(v);
  victims.sort((a, b) => moreImportant(a, b, now));
  return { node: node.name, victims, pdbViolations };
}

/**
 * upstream pickOneNodeForPreemption: fewest PodDisruptionBudget violations, then lowest
 * highest-victim priority, then lowest priority sum, then fewest victims, then the latest
 * start among the highest-priority victims; the first candidate wins remaining ties.
 */
export function pickOneNode(candidates: readonly Candidate[], nowMs: number): Candidate | undefined {
  const keys = (c: Candidate): number[] => {
    const highest = c.victims[0]?.priority ?? Number.MIN_SAFE_INTEGER;
    const sum = c.victims.reduce((s, v) => s + v.priority + 2 ** 31, 0);
    const earliestOfHighest = Math.min(...c.victims.filter((v) => v.priority === highest).map((v) => podStartMs(v, nowMs)));
    return [c.pdbViolations, highest, sum, c.victims.length, -earliestOfHighest];
  };
  let best: Candidate | undefined;
  let bestKeys: number[] = [];
  for (const c of candidates) {
    const k = keys(c);
    if (!best || lexLess(k, bestKeys)) {
      best = c;
      bestKeys = k;
    }
  }
  return best;
}

function lexLess(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}
