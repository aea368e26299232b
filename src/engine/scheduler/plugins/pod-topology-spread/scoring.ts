import { F, NodeFlag, STRIDE, type ColumnView } from '../../cache/node-columns';
import type { NodeInfo } from '../../cache/node-info';
import type { RecordScoreMemo } from '../../cache/score-memo';
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

const NO_IGNORED: ReadonlySet<string> = new Set<string>();

/**
 * candidateDomains without the walk when no node carries any of the non-hostname keys
 * (a cluster without zones): each such key has only the "" domain, hostname has one
 * domain per candidate, nothing is ignored (only the pod's own constraints ignore nodes).
 */
function unlabelledDomains(handle: FrameworkHandle, constraints: readonly Constraint[], candidates: number): { domainCounts: Map<string, number>[]; sizes: number[]; ignored: ReadonlySet<string> } | undefined {
  for (const c of constraints) if (c.topologyKey !== LABEL_HOSTNAME && handle.cache.nodesWithLabelKey(c.topologyKey) > 0) return undefined;
  const domainCounts: Map<string, number>[] = [];
  const sizes: number[] = [];
  for (const c of constraints) {
    domainCounts.push(new Map<string, number>());
    sizes.push(c.topologyKey === LABEL_HOSTNAME ? candidates : 1);
  }
  return { domainCounts, sizes, ignored: NO_IGNORED };
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
  const reused = own ? undefined : reusableState(handle, pod, constraints, filtered.length);
  if (reused) {
    state.write(SCORE_STATE, reused);
    return null;
  }
  const unlabelled = own ? undefined : unlabelledDomains(handle, constraints, filtered.length);
  const { domainCounts, sizes, ignored } = unlabelled ?? candidateDomains(constraints, filtered, own);
  const counters = constraints.map((c) => (c.selector ? handle.cache.selectorCounts.get(pod.namespace, c.selector) : undefined));
  countDomains(handle, pod, constraints, counters, domainCounts, own);
  const s: ScoreState = { constraints, counters, domainCounts, weights: sizes.map(normalizingWeight), ignored };
  if (unlabelled) lastUnlabelled.set(constraints, { candidates: filtered.length, state: s });
  state.write(SCORE_STATE, s);
  return null;
}

/**
 * The last state built without zones, per (owner-cached) constraints array: nothing in it
 * depends on the pod but the counters, nothing in it is ever written after PreScore.
 */
const lastUnlabelled = new WeakMap<readonly Constraint[], { readonly candidates: number; readonly state: ScoreState }>();

function reusableState(handle: FrameworkHandle, pod: PodInfo, constraints: readonly Constraint[], candidates: number): ScoreState | undefined {
  const last = lastUnlabelled.get(constraints);
  if (!last || last.candidates !== candidates) return undefined;
  for (let i = 0; i < constraints.length; i++) {
    const c = constraints[i]!;
    if (c.topologyKey !== LABEL_HOSTNAME && handle.cache.nodesWithLabelKey(c.topologyKey) > 0) return undefined;
    const counter = c.selector ? handle.cache.selectorCounts.get(pod.namespace, c.selector) : undefined;
    if (counter !== last.state.counters[i]) return undefined;
  }
  return last.state;
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

/**
 * scoreSpreadAll from the node columns when every constraint that adds anything is by
 * hostname (no zones, or none among the candidates): counts by slot, the label from a flag.
 */
export function scoreSpreadColumns(s: ScoreState | undefined, nodes: readonly NodeInfo[], view: ColumnView, scores: Float64Array, n: number, memo?: RecordScoreMemo): void {
  if (!s) {
    scores.fill(0, 0, n);
    return;
  }
  let m = 0;
  for (let j = 0; j < s.constraints.length; j++) {
    if (s.constraints[j]!.topologyKey === LABEL_HOSTNAME) m++;
    else if (s.domainCounts[j]!.size > 0) return scoreSpreadAll(s, nodes, scores, n);
  }
  if (m === 1) return scoreOneHostname(s, nodes, view, scores, n, memo);
  const hostCounts: (Int32Array | undefined)[] = [];
  const weights: number[] = [];
  const extras: number[] = [];
  for (let j = 0; j < s.constraints.length; j++) {
    if (s.constraints[j]!.topologyKey !== LABEL_HOSTNAME) continue;
    hostCounts.push(s.counters[j]?.counts);
    weights.push(s.weights[j]!);
    extras.push(s.constraints[j]!.maxSkew - 1);
  }
  const { data, records, slots } = view;
  const checkIgnored = s.ignored.size > 0;
  for (let i = 0; i < n; i++) {
    if ((checkIgnored && s.ignored.has(nodes[i]!.name)) || (data[records[i]! * STRIDE + F.Flags]! & NodeFlag.HasHostname) === 0) {
      scores[i] = 0;
      continue;
    }
    let score = 0;
    for (let k = 0; k < m; k++) score += (hostCounts[k]?.[slots[i]!] ?? 0) * weights[k]! + extras[k]!;
    scores[i] = Math.round(score);
  }
}

/** One node's score for one hostname constraint: 0 + x, as the general loop sums from 0 (keeps -0 out). */
function hostScore(data: Float64Array, record: number, slot: number, counts: Int32Array | undefined, weight: number, extra: number): number {
  return (data[record * STRIDE + F.Flags]! & NodeFlag.HasHostname) === 0 ? 0 : Math.round(0 + ((counts?.[slot] ?? 0) * weight + extra));
}

/**
 * The common case (the system defaults without zones): one hostname constraint. A node's
 * score changes only with its matching pods (which rewrite its record) or the cycle's
 * weight, so scores are memoized per record.
 */
function scoreOneHostname(s: ScoreState, nodes: readonly NodeInfo[], view: ColumnView, scores: Float64Array, n: number, memo: RecordScoreMemo | undefined): void {
  let j = 0;
  while (s.constraints[j]!.topologyKey !== LABEL_HOSTNAME) j++;
  const counts = s.counters[j]?.counts;
  const weight = s.weights[j]!;
  const extra = s.constraints[j]!.maxSkew - 1;
  const { data, records, slots } = view;
  const checkIgnored = s.ignored.size > 0;
  if (!memo) {
    for (let i = 0; i < n; i++) scores[i] = checkIgnored && s.ignored.has(nodes[i]!.name) ? 0 : hostScore(data, records[i]!, slots[i]!, counts, weight, extra);
    return;
  }
  const memoized = memo.begin(view.columns, weight, extra, counts);
  for (let i = 0; i < n; i++) {
    if (checkIgnored && s.ignored.has(nodes[i]!.name)) {
      scores[i] = 0;
      continue;
    }
    const r = records[i]!;
    const known = memoized[r]!;
    // NaN (not known) is the only value unequal to itself.
    scores[i] = known === known ? known : (memoized[r] = hostScore(data, r, slots[i]!, counts, weight, extra));
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
