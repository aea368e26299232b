import type { SchedulerCache } from './cache/cache';
import type { ColumnView } from './cache/node-columns';
import type { NodeInfo } from './cache/node-info';
import type { PodInfo } from './cache/pod-info';
import type { CycleState } from './framework/cycle-state';
import type { Framework } from './framework/framework';
import type { Diagnosis } from './framework/interfaces';
import { unresolvable, type Result, type Status } from './framework/status';
import type { FilterMemo } from './filter-memo';
import type { Nominator } from './nominator';

const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE = 5;

/** upstream numFeasibleNodesToFind: all below 100 nodes, else max(5, 50 − n/125) % but at least 100. */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let pct = percentageOfNodesToScore;
  if (pct <= 0) pct = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE, 50 - Math.trunc(numAllNodes / 125));
  if (pct >= 100) return numAllNodes;
  const n = Math.trunc((numAllNodes * pct) / 100);
  return Math.max(n, MIN_FEASIBLE_NODES_TO_FIND);
}

export interface FilterOutcome {
  /** Nodes that passed every filter, in evaluation order. */
  readonly feasible: NodeInfo[];
  /** Rejected nodes are in diagnosis.nodeToStatus, in evaluation order. */
  readonly diagnosis: Diagnosis;
  /** How far the round-robin start index advances. */
  readonly processed: number;
  /** Nodes run through Filter (the nominated-node shortcut evaluates one without advancing). */
  readonly evaluatedCount: number;
  /** A plugin failed with an Error (not a rejection): the attempt is retried after back-off. */
  readonly error?: Status;
  /** Where the feasible nodes' records are, when the filter memo knew (valid during this cycle). */
  readonly view?: ColumnView;
}

export function newDiagnosis(numAllNodes: number): Diagnosis {
  return { numAllNodes, nodeToStatus: new Map(), absentStatus: undefined, unschedulablePlugins: new Set(), preFilterMsg: '', postFilterMsg: '' };
}

/** Filter with the nominated pods counted in (upstream RunFilterPluginsWithNominatedPods). */
export function runFiltersWithNominated(fw: Framework, state: CycleState, pod: PodInfo, node: NodeInfo, nominator: Nominator): Result {
  const withNominated = nominator.size > 0 ? nominator.withNominatedPods(node, pod) : undefined;
  if (withNominated) {
    const s = fw.runFilterPlugins(state, pod, withNominated);
    if (s !== null) return s;
  }
  return fw.runFilterPlugins(state, pod, node);
}

function record(d: Diagnosis, node: NodeInfo, s: Status): void {
  d.nodeToStatus.set(node.name, s);
  if (s.plugin) d.unschedulablePlugins.add(s.plugin);
}

export interface FindContext {
  readonly fw: Framework;
  readonly cache: SchedulerCache;
  readonly nominator: Nominator;
  readonly startIndex: number;
  /** Filter verdicts kept across cycles (node-local filters only). */
  readonly memo?: FilterMemo;
  /** An array to fill with the feasible nodes, reused cycle after cycle (nothing keeps an outcome past its cycle). */
  readonly feasibleBuffer?: NodeInfo[];
}

/**
 * PreFilter, then Filter on nodes starting at the round-robin index until enough feasible
 * nodes are found (percentageOfNodesToScore). A pod with a nominated node tries it first.
 */
export function findNodesThatFitPod(ctx: FindContext, state: CycleState, pod: PodInfo): FilterOutcome {
  const { fw, cache, nominator } = ctx;
  const allNodes = cache.nodeList();
  const diagnosis = newDiagnosis(allNodes.length);
  const pre = fw.runPreFilterPlugins(state, pod, allNodes);
  if (pre.status !== null) {
    if (!pre.status.isRejected()) return { feasible: [], diagnosis, processed: 0, evaluatedCount: 0, error: pre.status };
    // Every node shares the PreFilter's verdict; FitError prints its message instead of a histogram.
    diagnosis.preFilterMsg = pre.status.message();
    diagnosis.absentStatus = pre.status;
    if (pre.status.plugin) diagnosis.unschedulablePlugins.add(pre.status.plugin);
    return { feasible: [], diagnosis, processed: 0, evaluatedCount: 0 };
  }
  const nominated = pod.pod.status?.nominatedNodeName;
  if (nominated) {
    const node = cache.get(nominated);
    if (node && (!pre.nodeNames || pre.nodeNames.has(node.name)) && runFiltersWithNominated(fw, state, pod, node, nominator) === null) {
      return { feasible: [node], diagnosis, processed: 0, evaluatedCount: 1 };
    }
  }
  let nodes: readonly NodeInfo[] = allNodes;
  if (pre.nodeNames) {
    nodes = allNodes.filter((n) => pre.nodeNames!.has(n.name));
    diagnosis.absentStatus = unresolvable(`node(s) didn't satisfy plugin(s) [${pre.narrowedBy.join(' ')}]`).withPlugin(pre.narrowedBy[0] ?? '');
  }
  const n = nodes.length;
  const want = numFeasibleNodesToFind(fw.profile.percentageOfNodesToScore, n);
  // Sized once: growing a 500-entry array by push would copy it several times per cycle.
  const feasible = ctx.feasibleBuffer ?? new Array<NodeInfo>(want);
  if (feasible.length < want) feasible.length = want;
  let found = 0;
  let processed = 0;
  let at = n > 0 ? ctx.startIndex % n : 0;
  const memo = ctx.memo && nominator.size === 0 && ctx.memo.begin(state.filters, pod, nodes) ? ctx.memo : undefined;
  if (memo) {
    // The same loop with verdicts kept per node record (the usual case: one changed node per cycle).
    const { results, recordAt, slotAt, feasibleRecords, feasibleSlots } = memo;
    for (let i = 0; i < n && found < want; i++) {
      const r = recordAt[at]!;
      let s = results[r];
      if (s === undefined) s = results[r] = runFiltersWithNominated(fw, state, pod, nodes[at]!, nominator);
      if (s === null) {
        feasibleRecords[found] = r;
        feasibleSlots[found] = slotAt[at]!;
        feasible[found++] = nodes[at]!;
      } else record(diagnosis, nodes[at]!, s);
      if (++at === n) at = 0;
      processed++;
    }
  } else {
    for (let i = 0; i < n && found < want; i++) {
      const node = nodes[at]!;
      const s = runFiltersWithNominated(fw, state, pod, node, nominator);
      if (s === null) feasible[found++] = node;
      else record(diagnosis, node, s);
      if (++at === n) at = 0;
      processed++;
    }
  }
  // Setting length goes through the runtime even when unchanged: only trim a short result.
  if (found < feasible.length) feasible.length = found;
  return { feasible, diagnosis, processed, evaluatedCount: processed, view: memo?.feasibleView() };
}
