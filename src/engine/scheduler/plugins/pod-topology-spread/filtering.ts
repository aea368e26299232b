import type { NodeInfo } from '../../cache/node-info';
import type { PodInfo } from '../../cache/pod-info';
import { StateKey, type CycleState } from '../../framework/cycle-state';
import type { FrameworkHandle, PreFilterOutcome } from '../../framework/interfaces';
import { SKIP, unresolvable, unschedulable, type Result } from '../../framework/status';
import { selectorMatches } from '../../../util/labels';
import { podMatchesNodeSelectorAndAffinity } from '../helpers/node-selector';
import { hasAllTopologyKeys, podConstraints, topologyValue, type Constraint } from './common';

export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

interface FilterState {
  readonly constraints: readonly Constraint[];
  /** Per constraint: topology value → matching pods in that domain. */
  readonly matchNum: readonly Map<string, number>[];
  /** Per constraint: the global minimum used for skew (0 while domains < minDomains). */
  readonly minMatch: readonly number[];
  readonly selfMatch: readonly number[];
}

const FILTER_STATE = new StateKey<FilterState>('PodTopologySpread/preFilter');
const OK: PreFilterOutcome = { status: null };
const SKIPPED: PreFilterOutcome = { status: SKIP };

/** PreFilter: count matching pods per domain over every node the pod's node affinity admits. */
export function preFilterSpread(handle: FrameworkHandle, state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): PreFilterOutcome {
  // No constraints of its own (DoNotSchedule has no system default): nothing to build.
  if ((pod.pod.spec.topologySpreadConstraints ?? []).length === 0) return SKIPPED;
  const constraints = podConstraints(pod.pod, 'DoNotSchedule');
  if (constraints.length === 0) return SKIPPED;
  const counters = constraints.map((c) => (c.selector ? handle.cache.selectorCounts.get(pod.namespace, c.selector) : undefined));
  const matchNum = constraints.map(() => new Map<string, number>());
  for (const node of nodes) {
    if (!podMatchesNodeSelectorAndAffinity(pod.pod, node.labels, node.name)) continue;
    if (!hasAllTopologyKeys(node.labels, constraints)) continue;
    for (let i = 0; i < constraints.length; i++) {
      const value = node.labels[constraints[i]!.topologyKey]!;
      const m = matchNum[i]!;
      m.set(value, (m.get(value) ?? 0) + (counters[i]?.count(node) ?? 0));
    }
  }
  const minMatch = constraints.map((c, i) => {
    const m = matchNum[i]!;
    if (m.size < c.minDomains) return 0;
    let min = Infinity;
    for (const v of m.values()) if (v < min) min = v;
    return min === Infinity ? 0 : min;
  });
  const selfMatch = constraints.map((c) => (selectorMatches(c.selector, pod.labels) ? 1 : 0));
  state.write(FILTER_STATE, { constraints, matchNum, minMatch, selfMatch });
  return OK;
}

const missingLabel = unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH);
const skewed = unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH);

/** Filter: matching pods in the node's domain + self − global minimum must not exceed maxSkew. */
export function filterSpread(state: CycleState, node: NodeInfo): Result {
  const s = state.read(FILTER_STATE);
  if (!s) return null;
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i]!;
    const value = topologyValue(node, c.topologyKey);
    if (value === undefined) return missingLabel;
    const skew = (s.matchNum[i]!.get(value) ?? 0) + s.selfMatch[i]! - s.minMatch[i]!;
    if (skew > c.maxSkew) return skewed;
  }
  return null;
}
