import type { NodeInfo } from '../cache/node-info';
import type { PodInfo } from '../cache/pod-info';
import type { CycleState } from './cycle-state';
import type {
  AnyPlugin, BindPlugin, Diagnosis, FilterPlugin, FrameworkHandle, PluginFactory, PostFilterOutcome, PostFilterPlugin,
  PreEnqueuePlugin, PreFilterPlugin, PreScorePlugin, QueueSortPlugin, ReservePlugin, ScorePlugin,
} from './interfaces';
import { Code, Status, unresolvable, type Result } from './status';

export interface ProfilePlugin {
  readonly name: string;
  /** Score weight; only plugins with a Score extension use it. */
  readonly weight?: number;
}

/** A scheduler profile: plugins in MultiPoint order (each enabled at every point it implements). */
export interface Profile {
  readonly schedulerName: string;
  readonly plugins: readonly ProfilePlugin[];
  /** 0 = adaptive (max(5, 50 − nodes/125) %, at least 100 nodes). */
  readonly percentageOfNodesToScore: number;
}

export interface WeightedScorePlugin {
  readonly plugin: ScorePlugin;
  readonly weight: number;
}

export interface PreFilterRun {
  readonly status: Result;
  /** Nodes left after intersecting every PreFilter's node set; undefined = all nodes. */
  readonly nodeNames: ReadonlySet<string> | undefined;
  /** Plugins that narrowed the node set (for the "didn't satisfy plugin(s)" message). */
  readonly narrowedBy: readonly string[];
}

const is = {
  preEnqueue: (p: AnyPlugin): p is AnyPlugin & PreEnqueuePlugin => p.preEnqueue !== undefined,
  queueSort: (p: AnyPlugin): p is AnyPlugin & QueueSortPlugin => p.less !== undefined,
  preFilter: (p: AnyPlugin): p is AnyPlugin & PreFilterPlugin => p.preFilter !== undefined,
  filter: (p: AnyPlugin): p is AnyPlugin & FilterPlugin => p.filter !== undefined,
  postFilter: (p: AnyPlugin): p is AnyPlugin & PostFilterPlugin => p.postFilter !== undefined,
  preScore: (p: AnyPlugin): p is AnyPlugin & PreScorePlugin => p.preScore !== undefined,
  score: (p: AnyPlugin): p is AnyPlugin & ScorePlugin => p.score !== undefined,
  reserve: (p: AnyPlugin): p is AnyPlugin & ReservePlugin => p.reserve !== undefined && p.unreserve !== undefined,
  bind: (p: AnyPlugin): p is AnyPlugin & BindPlugin => p.bind !== undefined,
};

/**
 * Runs a profile's plugins extension point by extension point (upstream frameworkImpl).
 * Which points a plugin serves follows from the methods it has.
 */
export class Framework {
  readonly preEnqueue: PreEnqueuePlugin[] = [];
  readonly queueSort: QueueSortPlugin;
  readonly preFilter: PreFilterPlugin[] = [];
  readonly filter: FilterPlugin[] = [];
  readonly postFilter: PostFilterPlugin[] = [];
  readonly preScore: PreScorePlugin[] = [];
  readonly score: WeightedScorePlugin[] = [];
  readonly reserve: ReservePlugin[] = [];
  readonly bind: BindPlugin[] = [];
  readonly filterNames: readonly string[];

  constructor(
    readonly profile: Profile,
    registry: Readonly<Record<string, PluginFactory>>,
    handle: FrameworkHandle,
  ) {
    let queueSort: QueueSortPlugin | undefined;
    for (const { name, weight } of profile.plugins) {
      const factory = registry[name];
      if (!factory) throw new Error(`scheduler profile ${profile.schedulerName}: plugin "${name}" is not registered`);
      const p = factory(handle);
      if (is.preEnqueue(p)) this.preEnqueue.push(p);
      if (is.queueSort(p) && !queueSort) queueSort = p;
      if (is.preFilter(p)) this.preFilter.push(p);
      if (is.filter(p)) this.filter.push(p);
      if (is.postFilter(p)) this.postFilter.push(p);
      if (is.preScore(p)) this.preScore.push(p);
      if (is.score(p)) this.score.push({ plugin: p, weight: weight ?? 1 });
      if (is.reserve(p)) this.reserve.push(p);
      if (is.bind(p)) this.bind.push(p);
    }
    if (!queueSort) throw new Error(`scheduler profile ${profile.schedulerName}: no QueueSort plugin`);
    this.queueSort = queueSort;
    this.filterNames = this.filter.map((p) => p.name);
  }

  runPreEnqueuePlugins(pod: PodInfo): Result {
    for (const p of this.preEnqueue) {
      const s = p.preEnqueue(pod);
      if (s && s.code !== Code.Success) return s.withPlugin(p.name);
    }
    return null;
  }

  /** PreFilter; plugins answering Skip have their Filter left out of this cycle. */
  runPreFilterPlugins(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): PreFilterRun {
    let names: Set<string> | undefined;
    const narrowedBy: string[] = [];
    for (const p of this.preFilter) {
      const out = p.preFilter(state, pod, nodes);
      if (out.status?.code === Code.Skip) {
        state.skipFilter.add(p.name);
        continue;
      }
      if (out.status && out.status.code !== Code.Success) return { status: out.status.withPlugin(p.name), nodeNames: undefined, narrowedBy };
      if (out.nodeNames) {
        narrowedBy.push(p.name);
        names = names ? new Set([...names].filter((n) => out.nodeNames!.has(n))) : new Set(out.nodeNames);
        if (names.size === 0) {
          const msg = narrowedBy.length === 1 ? `node(s) didn't satisfy plugin ${narrowedBy[0]}` : `node(s) didn't satisfy plugin(s) [${narrowedBy.join(' ')}] simultaneously`;
          return { status: unresolvable(msg).withPlugin(p.name), nodeNames: undefined, narrowedBy };
        }
      }
    }
    state.filters = this.activeFilters(state.skipFilter);
    return { status: null, nodeNames: names, narrowedBy };
  }

  private lastFilters: readonly FilterPlugin[] = [];

  /** Filter plugins not skipped, in order; the previous cycle's array when the same ones run. */
  private activeFilters(skip: ReadonlySet<string>): readonly FilterPlugin[] {
    const last = this.lastFilters;
    let k = 0;
    let same = true;
    for (const p of this.filter) {
      if (skip.has(p.name)) continue;
      if (last[k++] !== p) same = false;
    }
    if (same && k === last.length) return last;
    this.lastFilters = this.filter.filter((p) => !skip.has(p.name));
    return this.lastFilters;
  }

  /** Filter plugins in order; the first rejection wins (the hot loop: no allocation on success). */
  runFilterPlugins(state: CycleState, pod: PodInfo, node: NodeInfo): Result {
    const filters = state.filters;
    for (let i = 0; i < filters.length; i++) {
      const p = filters[i]!;
      const s = p.filter(state, pod, node);
      if (s !== null && s.code !== Code.Success) return s.withPlugin(p.name);
    }
    return null;
  }

  runPostFilterPlugins(state: CycleState, pod: PodInfo, diagnosis: Diagnosis): PostFilterOutcome {
    const reasons: string[] = [];
    let rejector = '';
    let nominated: string | undefined;
    for (const p of this.postFilter) {
      const out = p.postFilter(state, pod, diagnosis);
      const s = out.status;
      if (s === null || s.code === Code.Success) return out;
      if (s.code === Code.UnschedulableAndUnresolvable || !s.isRejected()) return { status: s.withPlugin(p.name) };
      if (out.nominatedNodeName !== undefined) nominated = out.nominatedNodeName;
      reasons.push(...s.reasons);
      if (rejector === '') rejector = p.name;
    }
    if (this.postFilter.length === 0) return { status: null };
    return { status: new Status(Code.Unschedulable, reasons).withPlugin(rejector), nominatedNodeName: nominated };
  }

  runPreScorePlugins(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Result {
    for (const p of this.preScore) {
      const s = p.preScore(state, pod, nodes);
      if (s === null || s.code === Code.Success) continue;
      if (s.code === Code.Skip) state.skipScore.add(p.name);
      else return s.withPlugin(p.name);
    }
    return null;
  }

  private lastSkipped: ReadonlySet<string> = new Set();

  /**
   * A read-only copy of the cycle's skipped filters, shared by the decisions of every cycle
   * that skipped the same ones (thousands of retained decisions keep one Set, not one each).
   */
  skippedFilterSet(skip: ReadonlySet<string>): ReadonlySet<string> {
    const last = this.lastSkipped;
    let same = skip.size === last.size;
    if (same) for (const name of skip) if (!last.has(name)) same = false;
    if (!same) this.lastSkipped = new Set(skip);
    return this.lastSkipped;
  }

  private lastActive: readonly WeightedScorePlugin[] = [];
  private lastColumns: [readonly string[], readonly number[]] = [[], []];

  /** Names and weights of the active score plugins, shared while the same plugins run (decisions keep them). */
  scorePluginColumns(active: readonly WeightedScorePlugin[]): [readonly string[], readonly number[]] {
    const same = active === this.lastActive || (active.length === this.lastActive.length && active.every((p, i) => p === this.lastActive[i]));
    if (!same) {
      this.lastActive = active;
      this.lastColumns = [Object.freeze(active.map((p) => p.plugin.name)), Object.freeze(active.map((p) => p.weight))];
    }
    return this.lastColumns;
  }

  private lastScore: readonly WeightedScorePlugin[] = [];

  /** Score plugins that run this cycle (PreScore Skip removes some); the previous cycle's array when the same ones run. */
  activeScorePlugins(state: CycleState): readonly WeightedScorePlugin[] {
    const skip = state.skipScore;
    const last = this.lastScore;
    let k = 0;
    let same = true;
    for (const s of this.score) {
      if (skip.has(s.plugin.name)) continue;
      if (last[k++] !== s) same = false;
    }
    if (same && k === last.length) return last;
    this.lastScore = this.score.filter((s) => !skip.has(s.plugin.name));
    return this.lastScore;
  }

  runReservePlugins(state: CycleState, pod: PodInfo, nodeName: string): Result {
    for (const p of this.reserve) {
      const s = p.reserve(state, pod, nodeName);
      if (s !== null && s.code !== Code.Success) return s.withPlugin(p.name);
    }
    return null;
  }

  runUnreservePlugins(state: CycleState, pod: PodInfo, nodeName: string): void {
    for (let i = this.reserve.length - 1; i >= 0; i--) this.reserve[i]!.unreserve(state, pod, nodeName);
  }

  runBindPlugins(state: CycleState, pod: PodInfo, nodeName: string): Result {
    for (const p of this.bind) {
      const s = p.bind(state, pod, nodeName);
      if (s !== null && s.code === Code.Skip) continue;
      return s === null ? null : s.withPlugin(p.name);
    }
    return new Status(Code.Error, ['no bind plugin bound the pod']);
  }
}
