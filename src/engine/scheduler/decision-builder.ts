import type { NodeInfo } from './cache/node-info';
import { NOT_SCORED, type CompactDecision, type DecisionHead } from './decision-store';
import type { FilterOutcome } from './find-nodes';
import { reasonCounts } from './fit-error';
import type { CycleState } from './framework/cycle-state';
import type { Framework } from './framework/framework';
import type { Diagnosis } from './framework/interfaces';
import type { ReasonCount } from './decisions';
import type { Result } from './framework/status';
import type { ScoreOutcome } from './prioritize';

/** Up to this many nodes a decision keeps every node's verdicts and scores. */
export const FULL_DETAIL_NODES = 100;
/** Beyond that: the best-scored nodes and a sample of rejected ones (plus the reason histogram). */
export const TOP_SCORED_KEPT = 10;
export const REJECTED_SAMPLE_KEPT = 10;

export interface DecisionInput {
  readonly head: DecisionHead;
  readonly fw: Framework;
  readonly state: CycleState;
  readonly allNodes: readonly NodeInfo[];
  readonly filter: FilterOutcome;
  readonly score: ScoreOutcome | undefined;
}

interface Row {
  readonly node: string;
  readonly verdict: Result;
  /** Index into the feasible (scored) nodes, or -1. */
  readonly scoredAt: number;
}

/** Indices of the k best totals, best first (ties keep evaluation order). */
function topIndices(totals: Float64Array, n: number, k: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = totals[i]!;
    if (top.length === k && t <= totals[top[k - 1]!]!) continue;
    let at = top.length;
    while (at > 0 && totals[top[at - 1]!]! < t) at--;
    top.splice(at, 0, i);
    if (top.length > k) top.pop();
  }
  return top;
}

/** Every node in scheduling order: feasible, rejected (with its status) or left out by PreFilter. */
function fullRows(input: DecisionInput): Row[] {
  const { filter, score, allNodes } = input;
  const feasibleAt = new Map<string, number>();
  filter.feasible.forEach((n, i) => feasibleAt.set(n.name, i));
  const d = filter.diagnosis;
  const rows: Row[] = [];
  for (const n of allNodes) {
    const f = feasibleAt.get(n.name);
    if (f !== undefined) rows.push({ node: n.name, verdict: null, scoredAt: score ? f : -1 });
    else {
      const verdict = d.nodeToStatus.get(n.name) ?? d.absentStatus;
      if (verdict) rows.push({ node: n.name, verdict, scoredAt: -1 });
    }
  }
  return rows;
}

function truncatedRows(input: DecisionInput): Row[] {
  const { filter, score } = input;
  const rows: Row[] = [];
  const feasible = filter.feasible;
  if (score) for (const i of topIndices(score.totals, feasible.length, TOP_SCORED_KEPT)) rows.push({ node: feasible[i]!.name, verdict: null, scoredAt: i });
  else for (const n of feasible.slice(0, TOP_SCORED_KEPT)) rows.push({ node: n.name, verdict: null, scoredAt: -1 });
  for (const [node, verdict] of filter.diagnosis.nodeToStatus) {
    if (rows.length >= TOP_SCORED_KEPT + REJECTED_SAMPLE_KEPT) break;
    rows.push({ node, verdict, scoredAt: -1 });
  }
  return rows;
}

const NO_REASONS: readonly ReasonCount[] = Object.freeze([]);

function sortedReasons(d: Diagnosis): readonly ReasonCount[] {
  if (d.nodeToStatus.size === 0 && !d.absentStatus) return NO_REASONS;
  return reasonCounts(d).sort((a, b) => (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
}

/** Turns one cycle's outcome into a compact, bounded record. */
export function buildDecision(input: DecisionInput): CompactDecision {
  const rows = input.head.truncated ? truncatedRows(input) : fullRows(input);
  const [names, weights] = input.fw.scorePluginColumns(input.score?.plugins ?? []);
  const k = names.length;
  const scores = new Uint8Array(rows.length * k).fill(NOT_SCORED);
  const score = input.score;
  for (let i = 0; score && i < rows.length; i++) {
    const at = rows[i]!.scoredAt;
    if (at < 0) continue;
    for (let j = 0; j < k; j++) scores[i * k + j] = score.perPlugin[j]![at]!;
  }
  return {
    head: input.head,
    filterPlugins: input.fw.filterNames,
    // The cycle state is discarded after the cycle, so its set can be kept as is.
    skippedFilters: input.state.skipFilter,
    scorePlugins: names,
    scoreWeights: weights,
    nodes: rows.map((r) => r.node),
    verdicts: rows.map((r) => r.verdict),
    scores,
    reasons: sortedReasons(input.filter.diagnosis),
  };
}
