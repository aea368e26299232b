import type { FilterVerdict, NodeEvaluation, PluginCode, PreemptionRecord, ReasonCount, SchedulingDecision, ScoreEntry } from './decisions';
import { Code, type Result } from './framework/status';

/** Everything about an attempt except the per-node rows. */
export type DecisionHead = Omit<SchedulingDecision, 'evaluations' | 'reasons' | 'scorePlugins' | 'preemption'> & {
  readonly preemption?: PreemptionRecord;
};

/**
 * A decision as the scheduling cycle leaves it: columns of node names, shared Status
 * objects and byte-sized scores. Expanded into SchedulingDecision only when asked for,
 * so thousands of retained decisions stay small.
 */
export interface CompactDecision {
  readonly head: DecisionHead;
  readonly filterPlugins: readonly string[];
  readonly skippedFilters: ReadonlySet<string>;
  readonly scorePlugins: readonly string[];
  readonly scoreWeights: readonly number[];
  readonly nodes: readonly string[];
  /** null = passed every filter. */
  readonly verdicts: readonly Result[];
  /**
   * nodes × scorePlugins normalized scores (0–100) as char codes (a one-byte string: smaller
   * kept than a typed array); NOT_SCORED marks the rows of unscored nodes.
   */
  readonly scores: string;
  readonly reasons: readonly ReasonCount[];
}

/** Scores are 0–100, so a byte of 255 can mark "not scored". */
export const NOT_SCORED = 255;

const CODE_TO_PLUGIN_CODE: Record<number, PluginCode> = {
  [Code.Success]: 'Success',
  [Code.Error]: 'Error',
  [Code.Unschedulable]: 'Unschedulable',
  [Code.UnschedulableAndUnresolvable]: 'UnschedulableAndUnresolvable',
  [Code.Skip]: 'Skip',
};

function filterVerdicts(d: CompactDecision, verdict: Result): FilterVerdict[] {
  const out: FilterVerdict[] = [];
  for (const plugin of d.filterPlugins) {
    if (verdict !== null && verdict.plugin === plugin) {
      out.push({ plugin, code: CODE_TO_PLUGIN_CODE[verdict.code] ?? 'Error', reason: verdict.message() });
      return out;
    }
    out.push({ plugin, code: d.skippedFilters.has(plugin) ? 'Skip' : 'Success' });
  }
  // Rejected by a plugin outside the Filter list (a PreFilter rejection or narrowing).
  if (verdict !== null) out.push({ plugin: verdict.plugin, code: CODE_TO_PLUGIN_CODE[verdict.code] ?? 'Error', reason: verdict.message() });
  return out;
}

function evaluation(d: CompactDecision, row: number): NodeEvaluation {
  const verdict = d.verdicts[row] ?? null;
  const base = { node: d.nodes[row]!, feasible: verdict === null, filters: filterVerdicts(d, verdict) };
  const k = d.scorePlugins.length;
  if (k === 0 || d.scores.charCodeAt(row * k) === NOT_SCORED) return base;
  const scores: ScoreEntry[] = [];
  let total = 0;
  for (let j = 0; j < k; j++) {
    const score = d.scores.charCodeAt(row * k + j);
    const weight = d.scoreWeights[j]!;
    scores.push({ plugin: d.scorePlugins[j]!, score, weight });
    total += score * weight;
  }
  return { ...base, scores, totalScore: total };
}

export function materialize(d: CompactDecision): SchedulingDecision {
  const evaluations: NodeEvaluation[] = [];
  for (let i = 0; i < d.nodes.length; i++) evaluations.push(evaluation(d, i));
  return {
    ...d.head,
    evaluations,
    reasons: d.reasons,
    scorePlugins: d.scorePlugins.map((plugin, j) => ({ plugin, weight: d.scoreWeights[j]! })),
  };
}

export const DEFAULT_DECISION_CAPACITY = 5000;

/**
 * The latest decision per pod, bounded: the least recently written is dropped first, and
 * a deleted pod's decision goes with it.
 */
export class DecisionStore {
  private readonly map = new Map<string, CompactDecision>();
  /**
   * Walks the keys oldest first as they are evicted: a fresh keys().next() would step over
   * every entry deleted since the table's last rehash (thousands when each new pod evicts
   * one). Everything before its position has been evicted and new keys go to the end, so its
   * next key is always the oldest.
   */
  private evictFrom: IterableIterator<string> | undefined;

  constructor(readonly capacity = DEFAULT_DECISION_CAPACITY) {}

  put(key: string, d: CompactDecision): void {
    this.map.delete(key);
    this.map.set(key, d);
    if (this.map.size > this.capacity) {
      this.evictFrom ??= this.map.keys();
      const oldest = this.evictFrom.next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
  }

  get(key: string): SchedulingDecision | undefined {
    const d = this.map.get(key);
    return d ? materialize(d) : undefined;
  }

  compact(key: string): CompactDecision | undefined {
    return this.map.get(key);
  }

  delete(key: string): void {
    this.map.delete(key);
  }

  get size(): number {
    return this.map.size;
  }
}

