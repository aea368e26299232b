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

/**
 * The rows a decision keeps, as columns: node name, verdict, index into the scored nodes (or
 * -1). One scratch set, refilled every cycle: only the exactly sized copies are kept.
 */
interface Rows {
  count: number;
  readonly nodes: string[];
  readonly verdicts: Result[];
  readonly scoredAt: number[];
}

const scratchRows: Rows = { count: 0, nodes: [], verdicts: [], scoredAt: [] };

function push(rows: Rows, node: string, verdict: Result, scoredAt: number): void {
  const i = rows.count++;
  rows.nodes[i] = node;
  rows.verdicts[i] = verdict;
  rows.scoredAt[i] = scoredAt;
}

const topScratch = new Int32Array(TOP_SCORED_KEPT + 1);

/** Indices of the TOP_SCORED_KEPT best totals, best first (ties keep evaluation order), left in topScratch; returns how many. */
function topIndices(totals: Float64Array, n: number): number {
  const k = TOP_SCORED_KEPT;
  // Insertion into a small sorted scratch array: most totals fail the first comparison.
  const top = topScratch;
  let size = 0;
  // The k-th best total once k are kept: a total not above it cannot enter.
  let floor = NaN;
  for (let i = 0; i < n; i++) {
    const t = totals[i]!;
    if (size === k && t <= floor) continue;
    let at = size;
    while (at > 0 && totals[top[at - 1]!]! < t) at--;
    for (let m = size; m > at; m--) top[m] = top[m - 1]!;
    top[at] = i;
    if (size < k) size++;
    if (size === k) floor = totals[top[k - 1]!]!;
  }
  return size;
}

/** Every node in scheduling order: feasible, rejected (with its status) or left out by PreFilter. */
function fullRows(input: DecisionInput, rows: Rows): void {
  const { filter, score, allNodes } = input;
  const feasibleAt = new Map<string, number>();
  filter.feasible.forEach((n, i) => feasibleAt.set(n.name, i));
  const d = filter.diagnosis;
  for (const n of allNodes) {
    const f = feasibleAt.get(n.name);
    if (f !== undefined) push(rows, n.name, null, score ? f : -1);
    else {
      const verdict = d.nodeToStatus.get(n.name) ?? d.absentStatus;
      if (verdict) push(rows, n.name, verdict, -1);
    }
  }
}

function truncatedRows(input: DecisionInput, rows: Rows): void {
  const { filter, score } = input;
  const feasible = filter.feasible;
  if (score) {
    const size = topIndices(score.totals, feasible.length);
    for (let r = 0; r < size; r++) {
      const i = topScratch[r]!;
      push(rows, feasible[i]!.name, null, i);
    }
  } else for (let i = 0; i < feasible.length && i < TOP_SCORED_KEPT; i++) push(rows, feasible[i]!.name, null, -1);
  if (filter.diagnosis.nodeToStatus.size === 0) return;
  for (const [node, verdict] of filter.diagnosis.nodeToStatus) {
    if (rows.count >= TOP_SCORED_KEPT + REJECTED_SAMPLE_KEPT) break;
    push(rows, node, verdict, -1);
  }
}

const NO_REASONS: readonly ReasonCount[] = Object.freeze([]);

function sortedReasons(d: Diagnosis): readonly ReasonCount[] {
  if (d.nodeToStatus.size === 0 && !d.absentStatus) return NO_REASONS;
  return reasonCounts(d).sort((a, b) => (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
}

/** Frozen all-null verdict columns by length: a decision listing feasible nodes only shares one. */
const ALL_FEASIBLE: (readonly Result[])[] = [];

function exactVerdicts(verdicts: readonly Result[], n: number): readonly Result[] {
  let allNull = n <= TOP_SCORED_KEPT + REJECTED_SAMPLE_KEPT;
  for (let i = 0; allNull && i < n; i++) if (verdicts[i] !== null) allNull = false;
  if (!allNull) return verdicts.slice(0, n);
  return (ALL_FEASIBLE[n] ??= Object.freeze(new Array<Result>(n).fill(null)));
}

/** Score bytes of a decision, as char codes: one flat string per decision (a typed array costs a buffer object besides). */
let scoreScratch = new Uint8Array(256);

function scoreString(rows: Rows, score: ScoreOutcome | undefined, k: number): string {
  const count = rows.count;
  const len = count * k;
  if (len === 0) return '';
  if (scoreScratch.length < len) scoreScratch = new Uint8Array(Math.max(len, scoreScratch.length * 2));
  const bytes = scoreScratch;
  bytes.fill(NOT_SCORED, 0, len);
  for (let i = 0; score && i < count; i++) {
    const at = rows.scoredAt[i]!;
    if (at < 0) continue;
    for (let j = 0; j < k; j++) bytes[i * k + j] = score.perPlugin[j]![at]!;
  }
  return String.fromCharCode.apply(null, bytes.subarray(0, len) as unknown as number[]);
}

/** Turns one cycle's outcome into a compact, bounded record. */
export function buildDecision(input: DecisionInput): CompactDecision {
  const rows = scratchRows;
  rows.count = 0;
  if (input.head.truncated) truncatedRows(input, rows);
  else fullRows(input, rows);
  const [names, weights] = input.fw.scorePluginColumns(input.score?.plugins ?? []);
  return {
    head: input.head,
    filterPlugins: input.fw.filterNames,
    skippedFilters: input.fw.skippedFilterSet(input.state.skipFilter),
    scorePlugins: names,
    scoreWeights: weights,
    // Kept with every retained decision: sized exactly.
    nodes: rows.nodes.slice(0, rows.count),
    verdicts: exactVerdicts(rows.verdicts, rows.count),
    scores: scoreString(rows, input.score, names.length),
    reasons: sortedReasons(input.filter.diagnosis),
  };
}
