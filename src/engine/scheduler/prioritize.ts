import type { ColumnView } from './cache/node-columns';
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

  private view: Float64Array[] = [];

  /** Per-plugin arrays of at least n scores (the same array object while nothing grows). */
  prepare(plugins: number, n: number): Float64Array[] {
    if (this.totals.length < n) this.totals = new Float64Array(Math.max(n, this.totals.length * 2));
    // Without plugins nothing writes the totals; otherwise the first plugin's pass sets them.
    if (plugins === 0) this.totals.fill(0, 0, n);
    let grown = this.view.length !== plugins;
    for (let j = 0; j < plugins; j++) {
      const b = this.perPlugin[j];
      if (!b || b.length < n) {
        this.perPlugin[j] = new Float64Array(Math.max(n, (b?.length ?? 0) * 2));
        grown = true;
      }
    }
    if (grown) this.view = this.perPlugin.slice(0, plugins);
    return this.view;
  }

  private records = new Int32Array(0);
  private slots = new Int32Array(0);

  /** Where nodes[0..n)'s records are, or undefined when they are not all in the same columns. */
  columnView(nodes: readonly NodeInfo[], n: number): ColumnView | undefined {
    if (n === 0) return undefined;
    if (this.records.length < n) {
      this.records = new Int32Array(Math.max(n, this.records.length * 2));
      this.slots = new Int32Array(this.records.length);
    }
    const columns = nodes[0]!.columns;
    const records = this.records;
    const slots = this.slots;
    for (let i = 0; i < n; i++) {
      const node = nodes[i]!;
      if (node.columns !== columns) return undefined;
      records[i] = node.record;
      slots[i] = node.slot;
    }
    return { columns, data: columns.data, records, slots };
  }
}

export interface ScoreOutcome {
  readonly plugins: readonly WeightedScorePlugin[];
  /** Normalized score per plugin, indexed like the feasible nodes. */
  readonly perPlugin: readonly Float64Array[];
  /** Σ weight × normalized score per node. */
  readonly totals: Float64Array;
}

/**
 * totals[i] = 0 + weight × scores[i] (as a running sum from 0: never −0), stopping at the
 * first score outside 0–100; returns its index, or −1. Small and separate, so the loop
 * compiles on its own whatever the plugin calls around it do.
 */
function setTotals(scores: Float64Array, totals: Float64Array, n: number, weight: number): number {
  for (let i = 0; i < n; i++) {
    const s = scores[i]!;
    if (!(s >= 0 && s <= MAX_NODE_SCORE)) return i;
    totals[i] = 0 + s * weight;
  }
  return -1;
}

/** totals[i] += weight × scores[i], stopping at the first score outside 0–100 (its index, or −1). */
function addToTotals(scores: Float64Array, totals: Float64Array, n: number, weight: number): number {
  for (let i = 0; i < n; i++) {
    const s = scores[i]!;
    if (!(s >= 0 && s <= MAX_NODE_SCORE)) return i;
    totals[i]! += s * weight;
  }
  return -1;
}

/** PreScore, Score, NormalizeScore and weighting (upstream prioritizeNodes). */
export function prioritizeNodes(fw: Framework, state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], buffers: ScoreBuffers, known?: ColumnView): ScoreOutcome | Status {
  const pre = fw.runPreScorePlugins(state, pod, nodes);
  if (pre !== null) return pre;
  const plugins = fw.activeScorePlugins(state);
  const n = nodes.length;
  const perPlugin = buffers.prepare(plugins.length, n);
  const totals = buffers.totals;
  const view = known ?? buffers.columnView(nodes, n);
  for (let j = 0; j < plugins.length; j++) {
    const { plugin, weight } = plugins[j]!;
    const scores = perPlugin[j]!;
    if (view && plugin.scoreColumns) plugin.scoreColumns(state, pod, nodes, view, scores, n);
    else if (plugin.scoreAll) plugin.scoreAll(state, pod, nodes, scores, n);
    else for (let i = 0; i < n; i++) scores[i] = plugin.score(state, pod, nodes[i]!);
    plugin.normalizeScore?.(state, pod, nodes, scores, n);
    const bad = j === 0 ? setTotals(scores, totals, n, weight) : addToTotals(scores, totals, n, weight);
    if (bad >= 0) {
      const s = scores[bad]!;
      return asError(`plugin "${plugin.name}" returns an invalid score ${s}, it should in the range of [0, ${MAX_NODE_SCORE}] after normalizing`);
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
