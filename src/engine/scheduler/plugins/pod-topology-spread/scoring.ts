import type { NodeInfo } from '../../cache/node-info';
import type { PodInfo } from '../../cache/pod-info';
import type { SelectorCounts } from '../../cache/selector-counts';
import { StateKey, type CycleState } from '../../framework/cycle-state';
import type { FrameworkHandle } from '../../framework/interfaces';
import { SKIP, type Result } from '../../framework/status';
import { podMatchesNodeSelectorAndAffinity } from '../helpers/node-selector';
import { MAX_NODE_SCORE } from '../names';
import { defaultConstraints, hasAllTopologyKeys, LABEL_HOSTNAME, podConstraints, topologyValue, type Constraint } from './common';

interface ScoreState {
  readonly constraints: readonly Constraint[];
  readonly counters: readonly (SelectorCounts | undefined)[];
  /** Per constraint (not hostname): topology value → matching pods in the domain. */
  readonly domainCounts: readonly Map<string, number>[];
  readonly weights: readonly number[];
  readonly ignored: ReadonlySet<string>;
}

const SCORE_STATE = new StateKey<ScoreState>('PodTopologySpread/preScore');

/** upstream topologyNormalizingWeight: log(domains + 2). */
function normalizingWeight(size: number): number {
  return Math.log(size + 2);
}

/**
 * Domains among the candidates (a node without the key counts as the "" domain, as
 * upstream) and, for labelled domains, a zeroed counter; candidates missing a key are
 * ignored when the pod's own constraints require every key.
 */
function candidateDomains(constraints: readonly Constraint[], filtered: readonly NodeInfo[], requireAll: boolean): { domainCounts: Map<string, number>[]; sizes: number[]; ignored: Set<string> } {
  const ignored = new Set<string>();
  const domainCounts = constraints.map(() => new Map<string, number>());
  const domains = constraints.map(() => new Set<string>());
  const missing = constraints.map(() => false);
  for (const node of filtered) {
    if (requireAll && !hasAllTopologyKeys(node.labels, constraints)) {
      ignored.add(node.name);
      continue;
    }
    for (let i = 0; i < constraints.length; i++) {
      const key = constraints[i]!.topologyKey;
      if (key === LABEL_HOSTNAME) continue;
      const value = topologyValue(node, key);
      if (value === undefined) {
        missing[i] = true;
        continue;
      }
      domains[i]!.add(value);
      // Nodes without the key score nothing for it, so only labelled domains need counts.
      domainCounts[i]!.set(value, 0);
    }
  }
  const sizes = constraints.map((c, i) => {
    if (c.topologyKey === LABEL_HOSTNAME) return filtered.length - ignored.size;
    return domains[i]!.size + (missing[i] && !domains[i]!.has('') ? 1 : 0);
  });
  return { domainCounts, sizes, ignored };
}

/** Adds every admitted node's matching pods to the counter of its (candidate) domain. */
function countDomains(handle: FrameworkHandle, pod: PodInfo, constraints: readonly Constraint[], counters: readonly (SelectorCounts | undefined)[], domainCounts: Map<string, number>[], requireAll: boolean): void {
  if (!domainCounts.some((m) => m.size > 0)) return;
  for (const node of handle.cache.nodeList()) {
    if (!podMatchesNodeSelectorAndAffinity(pod.pod, node.labels, node.name)) continue;
    if (requireAll && !hasAllTopologyKeys(node.labels, constraints)) continue;
    for (let i = 0; i < constraints.length; i++) {
      const m = domainCounts[i]!;
      if (m.size === 0) continue;
      const value = topologyValue(node, constraints[i]!.topologyKey);
      if (value === undefined || !m.has(value)) continue;
      m.set(value, m.get(value)! + (counters[i]?.count(node) ?? 0));
    }
  }
}

/**
 * PreScore: the pod's ScheduleAnyway constraints (or the system defaults, whose selector
 * comes from the Services / ReplicaSet / StatefulSet selecting the pod), and the matching
 * pod counts per domain over every node the pod's node affinity admits.
 */
export function preScoreSpread(handle: FrameworkHandle, state: CycleState, pod: PodInfo, filtered: readonly NodeInfo[]): Result {
  const own = (pod.pod.spec.topologySpreadConstraints ?? []).length > 0;
  const constraints = own ? podConstraints(pod.pod, 'ScheduleAnyway') : defaultConstraints(pod.pod, handle.listers, 'ScheduleAnyway');
  if (constraints.length === 0 || filtered.length === 0) return SKIP;
  const { domainCounts, sizes, ignored } = candidateDomains(constraints, filtered, own);
  const counters = constraints.map((c) => (c.selector ? handle.cache.selectorCounts.get(pod.namespace, c.selector) : undefined));
  countDomains(handle, pod, constraints, counters, domainCounts, own);
  state.write(SCORE_STATE, { constraints, counters, domainCounts, weights: sizes.map(normalizingWeight), ignored });
  return null;
}

/** Score: Σ (matching pods in the node's domain × domain weight + maxSkew − 1); fewer is better. */
export function scoreSpread(s: ScoreState | undefined, node: NodeInfo): number {
  if (!s || (s.ignored.size > 0 && s.ignored.has(node.name))) return 0;
  let score = 0;
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i]!;
    const value = topologyValue(node, c.topologyKey);
    if (value === undefined) continue;
    const cnt = c.topologyKey === LABEL_HOSTNAME ? (s.counters[i]?.count(node) ?? 0) : (s.domainCounts[i]!.get(value) ?? 0);
    score += cnt * s.weights[i]! + (c.maxSkew - 1);
  }
  return Math.round(score);
}

/** scoreSpread for nodes[0..n), the same sums with the constraints' invariants read once. */
export function scoreSpreadAll(s: ScoreState | undefined, nodes: readonly NodeInfo[], scores: Float64Array, n: number): void {
  if (!s) {
    scores.fill(0, 0, n);
    return;
  }
  // A zone-like constraint whose key no candidate carries adds nothing to any node: leave it out.
  const active: number[] = [];
  for (let j = 0; j < s.constraints.length; j++) if (s.constraints[j]!.topologyKey === LABEL_HOSTNAME || s.domainCounts[j]!.size > 0) active.push(j);
  const m = active.length;
  const keys = active.map((j) => s.constraints[j]!.topologyKey);
  const byHost = keys.map((k) => k === LABEL_HOSTNAME);
  const extras = active.map((j) => s.constraints[j]!.maxSkew - 1);
  const weights = active.map((j) => s.weights[j]!);
  // The counts arrays themselves: one typed-array read per node instead of a call.
  const hostCounts = active.map((j) => s.counters[j]?.counts);
  const domainCounts = active.map((j) => s.domainCounts[j]!);
  const checkIgnored = s.ignored.size > 0;
  for (let i = 0; i < n; i++) {
    const node = nodes[i]!;
    if (checkIgnored && s.ignored.has(node.name)) {
      scores[i] = 0;
      continue;
    }
    let score = 0;
    for (let k = 0; k < m; k++) {
      const value = byHost[k] ? node.hostnameLabel : topologyValue(node, keys[k]!);
      if (value === undefined) continue;
      const cnt = byHost[k] ? (hostCounts[k]?.[node.slot] ?? 0) : (domainCounts[k]!.get(value) ?? 0);
      score += cnt * weights[k]! + extras[k]!;
    }
    scores[i] = Math.round(score);
  }
}

export function readScoreState(state: CycleState): ScoreState | undefined {
  return state.read(SCORE_STATE);
}

/** NormalizeScore: MaxNodeScore × (max + min − score) / max; ignored nodes get 0. */
export function normalizeSpread(state: CycleState, nodes: readonly NodeInfo[], scores: Float64Array, n: number): void {
  const s = state.read(SCORE_STATE);
  if (!s) return;
  const checkIgnored = s.ignored.size > 0;
  let min = Infinity;
  let max = 0;
  for (let i = 0; i < n; i++) {
    if (checkIgnored && s.ignored.has(nodes[i]!.name)) continue;
    const v = scores[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  for (let i = 0; i < n; i++) {
    if (checkIgnored && s.ignored.has(nodes[i]!.name)) scores[i] = 0;
    else if (max === 0) scores[i] = MAX_NODE_SCORE;
    else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i]!)) / max);
  }
}
