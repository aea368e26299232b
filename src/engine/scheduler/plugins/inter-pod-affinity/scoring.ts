import type { NodeInfo } from '../../cache/node-info';
import { termMatches, type PodInfo, type WeightedAffinityTerm } from '../../cache/pod-info';
import { StateKey, type CycleState } from '../../framework/cycle-state';
import type { FrameworkHandle } from '../../framework/interfaces';
import { SKIP, type Result } from '../../framework/status';
import { MAX_NODE_SCORE } from '../names';
import { namespaceLabelsOf, pairKey } from './filtering';

/** upstream InterPodAffinityArgs.HardPodAffinityWeight default. */
const HARD_POD_AFFINITY_WEIGHT = 1;

/** `${topologyKey}\0${value}` → accumulated weight. */
type TopologyScore = Map<string, number>;
interface ScoreState {
  readonly scores: TopologyScore;
  readonly keys: ReadonlySet<string>;
}
const SCORE_STATE = new StateKey<ScoreState>('InterPodAffinity/preScore');

type NsLabels = (ns: string) => Readonly<Record<string, string>> | undefined;

function add(acc: TopologyScore, keys: Set<string>, key: string, node: NodeInfo, weight: number): void {
  const value = node.labels[key];
  if (value === undefined || weight === 0) return;
  const k = pairKey(key, value);
  acc.set(k, (acc.get(k) ?? 0) + weight);
  keys.add(key);
}

function processTerms(acc: TopologyScore, keys: Set<string>, terms: readonly WeightedAffinityTerm[], target: PodInfo, node: NodeInfo, sign: number, ns: NsLabels): void {
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i]!;
    if (termMatches(t, target, ns)) add(acc, keys, t.topologyKey, node, sign * t.weight);
  }
}

/** upstream processExistingPod: both the incoming pod's preferences and the existing pod's rules count. */
function processExistingPod(acc: TopologyScore, keys: Set<string>, pod: PodInfo, existing: PodInfo, node: NodeInfo, ns: NsLabels): void {
  processTerms(acc, keys, pod.preferredAffinityTerms, existing, node, 1, ns);
  processTerms(acc, keys, pod.preferredAntiAffinityTerms, existing, node, -1, ns);
  const required = existing.requiredAffinityTerms;
  for (let i = 0; i < required.length; i++) if (termMatches(required[i]!, pod, ns)) add(acc, keys, required[i]!.topologyKey, node, HARD_POD_AFFINITY_WEIGHT);
  processTerms(acc, keys, existing.preferredAffinityTerms, pod, node, 1, ns);
  processTerms(acc, keys, existing.preferredAntiAffinityTerms, pod, node, -1, ns);
}

/**
 * PreScore: weights per topology pair. Unless the pod has preferred terms of its own, only
 * nodes running pods with affinity rules need visiting.
 */
export function preScoreAffinity(handle: FrameworkHandle, state: CycleState, pod: PodInfo): Result {
  const hasConstraints = pod.preferredAffinityTerms.length > 0 || pod.preferredAntiAffinityTerms.length > 0;
  // No preferences of its own and no pod with affinity rules anywhere: nothing can add up.
  if (!hasConstraints && !handle.cache.hasAffinityPods) return SKIP;
  const ns = namespaceLabelsOf(handle);
  const acc: TopologyScore = new Map();
  const keys = new Set<string>();
  const nodes = hasConstraints ? handle.cache.nodeList() : handle.cache.nodesWithAffinityPods();
  for (const node of nodes) {
    // forEach, in the Map's order: a for-of over values() here allocated an iterator result per pod.
    node.pods.forEach((existing) => {
      if (hasConstraints || existing.hasAffinity) processExistingPod(acc, keys, pod, existing, node, ns);
    });
  }
  if (acc.size === 0) return SKIP;
  state.write(SCORE_STATE, { scores: acc, keys });
  return null;
}

export function scoreAffinity(state: CycleState, node: NodeInfo): number {
  const s = state.read(SCORE_STATE);
  if (!s) return 0;
  let score = 0;
  for (const key of s.keys) {
    const value = node.labels[key];
    if (value !== undefined) score += s.scores.get(pairKey(key, value)) ?? 0;
  }
  return score;
}

/** NormalizeScore: min–max scaling to 0–100 (scores can be negative). */
export function normalizeAffinity(scores: Float64Array, n: number): void {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    min = Math.min(min, scores[i]!);
    max = Math.max(max, scores[i]!);
  }
  const diff = max - min;
  for (let i = 0; i < n; i++) scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i]! - min) / diff)) : 0;
}
