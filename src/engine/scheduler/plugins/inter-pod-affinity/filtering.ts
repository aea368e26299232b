import type { NodeInfo } from '../../cache/node-info';
import { termMatches, type AffinityTerm, type PodInfo } from '../../cache/pod-info';
import { StateKey, type CycleState } from '../../framework/cycle-state';
import type { FrameworkHandle, PreFilterOutcome } from '../../framework/interfaces';
import { SKIP, unresolvable, unschedulable, type Result } from '../../framework/status';

export const ERR_REASON_AFFINITY_NOT_MATCH = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY_NOT_MATCH = "node(s) didn't match pod anti-affinity rules";
export const ERR_REASON_EXISTING_ANTI_AFFINITY_NOT_MATCH = "node(s) didn't satisfy existing pods anti-affinity rules";

/** `${topologyKey}\0${value}` → count. */
type PairCounts = Map<string, number>;

export function pairKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

function bump(m: PairCounts, key: string, value: string | undefined): void {
  if (value === undefined) return;
  const k = pairKey(key, value);
  m.set(k, (m.get(k) ?? 0) + 1);
}

type NsLabels = (ns: string) => Readonly<Record<string, string>> | undefined;
const nsLabelsByHandle = new WeakMap<FrameworkHandle, NsLabels>();

/** handle.listers.namespaceLabels as a function value, made once per handle (not once per cycle). */
export function namespaceLabelsOf(handle: FrameworkHandle): NsLabels {
  let f = nsLabelsByHandle.get(handle);
  if (!f) {
    f = (ns) => handle.listers.namespaceLabels(ns);
    nsLabelsByHandle.set(handle, f);
  }
  return f;
}

interface FilterState {
  readonly pod: PodInfo;
  readonly existingAntiAffinity: PairCounts;
  readonly affinity: PairCounts;
  readonly antiAffinity: PairCounts;
}

const FILTER_STATE = new StateKey<FilterState>('InterPodAffinity/preFilter');
const OK: PreFilterOutcome = { status: null };
const SKIPPED: PreFilterOutcome = { status: SKIP };

/**
 * PreFilter: topology pairs where existing pods' required anti-affinity rejects the pod,
 * and where pods matching the pod's own required (anti-)affinity terms run.
 */
export function preFilterAffinity(handle: FrameworkHandle, state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): PreFilterOutcome {
  // Nothing to count and no rule of the pod's own: skipped without building anything.
  if (!handle.cache.hasRequiredAntiAffinityPods && pod.requiredAffinityTerms.length === 0 && pod.requiredAntiAffinityTerms.length === 0) return SKIPPED;
  const nsLabels = namespaceLabelsOf(handle);
  const existingAntiAffinity: PairCounts = new Map();
  for (const node of handle.cache.nodesWithRequiredAntiAffinityPods()) {
    for (const existing of node.podsWithRequiredAntiAffinity) {
      for (const t of existing.requiredAntiAffinityTerms) {
        if (termMatches(t, pod, nsLabels)) bump(existingAntiAffinity, t.topologyKey, node.labels[t.topologyKey]);
      }
    }
  }
  const required = pod.requiredAffinityTerms;
  const requiredAnti = pod.requiredAntiAffinityTerms;
  if (existingAntiAffinity.size === 0 && required.length === 0 && requiredAnti.length === 0) return SKIPPED;
  const affinity: PairCounts = new Map();
  const antiAffinity: PairCounts = new Map();
  if (required.length > 0 || requiredAnti.length > 0) {
    for (const node of nodes) {
      for (const existing of node.pods.values()) {
        for (const t of required) if (termMatches(t, existing, nsLabels)) bump(affinity, t.topologyKey, node.labels[t.topologyKey]);
        for (const t of requiredAnti) if (termMatches(t, existing, nsLabels)) bump(antiAffinity, t.topologyKey, node.labels[t.topologyKey]);
      }
    }
  }
  state.write(FILTER_STATE, { pod, existingAntiAffinity, affinity, antiAffinity });
  return OK;
}

function matchesAllTerms(terms: readonly AffinityTerm[], pod: PodInfo, handle: FrameworkHandle): boolean {
  if (terms.length === 0) return false;
  return terms.every((t) => termMatches(t, pod, (ns) => handle.listers.namespaceLabels(ns)));
}

function satisfiesAffinity(s: FilterState, node: NodeInfo, handle: FrameworkHandle): boolean {
  let podsExist = true;
  for (const t of s.pod.requiredAffinityTerms) {
    const value = node.labels[t.topologyKey];
    if (value === undefined) return false;
    if ((s.affinity.get(pairKey(t.topologyKey, value)) ?? 0) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself may go anywhere its topology keys exist.
  return s.affinity.size === 0 && matchesAllTerms(s.pod.requiredAffinityTerms, s.pod, handle);
}

function satisfiesAntiAffinity(s: FilterState, node: NodeInfo): boolean {
  if (s.antiAffinity.size === 0) return true;
  for (const t of s.pod.requiredAntiAffinityTerms) {
    const value = node.labels[t.topologyKey];
    if (value !== undefined && (s.antiAffinity.get(pairKey(t.topologyKey, value)) ?? 0) > 0) return false;
  }
  return true;
}

function satisfiesExistingAntiAffinity(s: FilterState, node: NodeInfo): boolean {
  if (s.existingAntiAffinity.size === 0) return true;
  for (const k in node.labels) {
    if ((s.existingAntiAffinity.get(pairKey(k, node.labels[k]!)) ?? 0) > 0) return false;
  }
  return true;
}

const affinityRejected = unresolvable(ERR_REASON_AFFINITY_NOT_MATCH);
const antiAffinityRejected = unschedulable(ERR_REASON_ANTI_AFFINITY_NOT_MATCH);
const existingRejected = unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY_NOT_MATCH);

export function filterAffinity(handle: FrameworkHandle, state: CycleState, node: NodeInfo): Result {
  const s = state.read(FILTER_STATE);
  if (!s) return null;
  if (!satisfiesAffinity(s, node, handle)) return affinityRejected;
  if (!satisfiesAntiAffinity(s, node)) return antiAffinityRejected;
  if (!satisfiesExistingAntiAffinity(s, node)) return existingRejected;
  return null;
}
