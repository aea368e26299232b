import type { NodeInfo } from './cache/node-info';
import type { PodInfo } from './cache/pod-info';
import type { CycleState } from './framework/cycle-state';
import type { Framework, WeightedScorePlugin } from './framework/framework';
import { asError, type Status } from './framework/status';
import type { Rng } from '../sim/rng';

const MAX_NODE_SCORE = 100;

/** Scratch arrays for scores, reused across cycles (grown on demand, never shrunk). */
export class ScoreBuffers {
  private perPlugin: Float64Array[] = [];
  totals = new Float64Array(0);

  prepare(plugins: number, n: number): Float64Array[] {
    if (this.totals.length < n) this.totals = new Float64Array(Math.max(n, this.totals.length * 2));
    this.totals.fill(0, 0, n);
    for (let j = 0; j < plugins; j++) {
      const b = this.perPlugin[j];
      if (!b || b.length < n) this.perPlugin[j] = new Float64Array(Math.max(n, (b?.length ?? 0) * 2));
    }
    return this.perPlugin.slice(0, plugins);
  }
}

export interface ScoreOutcome {
  readonly plugins: readonly WeightedScorePlugin[];
  /** Normalized score per plugin, indexed like the feasible nodes. */
  readonly perPlugin: readonly Float64Array[];
  /** Σ weight × normalized score per node. */
  readonly totals: Float64Array;
}

/** PreScore, Score, NormalizeScore and weighting (upstream prioritizeNodes). */
export function prioritizeNodes(fw: Framework, state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], buffers: ScoreBuffers): ScoreOutcome | Status {
  const pre = fw.runPreScorePlugins(state, pod, nodes);
  if (pre !== null) return pre;
  const plugins = fw.activeScorePlugins(state);
  const n = nodes.length;
  const perPlugin = buffers.prepare(plugins.length, n);
  const totals = buffers.totals;
  for (let j = 0; j < plugins.length; j++) {
    const { plugin, weight } = plugins[j]!;
    const scores = perPlugin[j]!;
    if (plugin.scoreAll) plugin.scoreAll(state, pod, nodes, scores, n);
    else for (let i = 0; i < n; i++) scores[i] = plugin.score(state, pod, nodes[i]!);
    plugin.normalizeScore?.(state, pod, nodes, scores, n);
    for (let i = 0; i < n; i++) {
      const s = scores[i]!;
      if (!(s >= 0 && s <= MAX_NODE_SCORE)) {
        return asError(`plugin "${plugin.name}" returns an invalid score ${s}, it should in the range of [0, ${MAX_NODE_SCORE}] after normalizing`);
      }
      totals[i]! += s * weight;
    }
  }
  return { plugins, perPlugin, totals };
}

/**
 * The highest total wins; ties are broken uniformly at random (upstream uses reservoir
 * sampling; picking the k-th of the tied nodes with one draw is the same distribution).
 */
export function selectHost(totals: Float64Array, n: number, rng: Rng): number {
  let max = -Infinity;
  let ties = 0;
  for (let i = 0; i < n; i++) {
    const t = totals[i]!;
    if (t > max) {
      max = t;
      ties = 1;
    } else if (t === max) ties++;
  }
  let k = ties > 1 ? rng.int(ties) : 0;
  for (let i = 0; i < n; i++) {
    if (totals[i] === max && k-- === 0) return i;
  }
  return 0;
}
