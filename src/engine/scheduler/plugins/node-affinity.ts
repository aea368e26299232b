import type { NodeSelectorTerm } from '../../api/types';
import type { FilterPlugin, PreFilterOutcome, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../framework/interfaces';
import { SKIP, unresolvable } from '../framework/status';
import { defaultNormalizeScore } from './helpers/normalize';
import { podMatchesNodeSelectorAndAffinity, termMatches } from './helpers/node-selector';
import { PluginName } from './names';

export const ERR_REASON_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

const OK: PreFilterOutcome = { status: null };
const SKIPPED: PreFilterOutcome = { status: SKIP };

/**
 * Terms that pin the pod to named nodes (matchFields metadata.name In […], as the
 * DaemonSet controller writes) narrow the nodes to evaluate, as upstream's PreFilterResult.
 */
export function nodeNamesFromTerms(terms: readonly NodeSelectorTerm[]): Set<string> | undefined {
  let union: Set<string> | undefined;
  for (const t of terms) {
    let names: Set<string> | undefined;
    for (const r of t.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const s = new Set(r.values ?? []);
      names = names ? new Set([...names].filter((n) => s.has(n))) : s;
    }
    // A term without a name requirement admits every node: no narrowing.
    if (!names) return undefined;
    union = union ?? new Set<string>();
    for (const n of names) union.add(n);
  }
  return union;
}

/** Filter: nodeSelector and required node affinity. Score: weights of matching preferred terms. */
export function newNodeAffinity(): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  const rejected = unresolvable(ERR_REASON_NODE_AFFINITY);
  return {
    name: PluginName.NodeAffinity,
    nodeLocal: true,
    preFilter(_state, pod) {
      const spec = pod.pod.spec;
      const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
      if (!required && !spec.nodeSelector) return SKIPPED;
      if (!required) return OK;
      const names = nodeNamesFromTerms(required.nodeSelectorTerms ?? []);
      if (names && names.size === 0) return { status: unresolvable(ERR_REASON_CONFLICT) };
      return names ? { status: null, nodeNames: names } : OK;
    },
    filter(_state, pod, node) {
      return podMatchesNodeSelectorAndAffinity(pod.pod, node.labels, node.name) ? null : rejected;
    },
    preScore(_state, pod) {
      const preferred = pod.pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
      return preferred.length === 0 ? SKIP : null;
    },
    score(_state, pod, node) {
      let sum = 0;
      for (const p of pod.pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
        if (p.weight !== 0 && termMatches(p.preference, node.labels, node.name)) sum += p.weight;
      }
      return sum;
    },
    normalizeScore(_state, _pod, _nodes, scores, n) {
      defaultNormalizeScore(scores, n, false);
    },
  } satisfies PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin;
}
