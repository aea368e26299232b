import type { Taint, Toleration } from '../../api/types';
import type { SchedulerCache } from '../cache/cache';
import { F, STRIDE } from '../cache/node-columns';
import { StateKey } from '../framework/cycle-state';
import type { FilterPlugin, PreScorePlugin, ScorePlugin } from '../framework/interfaces';
import { unresolvable, type Status } from '../framework/status';
import { defaultNormalizeScore } from './helpers/normalize';
import { findUntoleratedTaint, tolerationsTolerateTaint } from './helpers/tolerations';
import { PluginName } from './names';

export function untoleratedTaintReason(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
}

const NO_TOLERATIONS: readonly Toleration[] = Object.freeze([]);
const PREFER_TOLERATIONS = new StateKey<readonly Toleration[]>('TaintToleration/preScore');
/** Distinct taints seen are few; cap the status cache anyway. */
const MAX_CACHED_STATUSES = 1024;

function untoleratedCount(taints: readonly Taint[], tolerations: readonly Toleration[] | undefined): number {
  let count = 0;
  for (const t of taints) if (!tolerationsTolerateTaint(tolerations, t)) count++;
  return count;
}

/**
 * Filter: every NoSchedule / NoExecute taint must be tolerated. Score: fewer untolerated
 * PreferNoSchedule taints is better (normalized in reverse).
 */
export function newTaintToleration(cache?: SchedulerCache): FilterPlugin & PreScorePlugin & ScorePlugin {
  const statuses = new Map<string, Status>();
  const rejection = (taint: Taint): Status => {
    const reason = untoleratedTaintReason(taint);
    let s = statuses.get(reason);
    if (!s) {
      s = unresolvable(reason);
      if (statuses.size < MAX_CACHED_STATUSES) statuses.set(reason, s);
    }
    return s;
  };
  return {
    name: PluginName.TaintToleration,
    nodeLocal: true,
    filter(_state, pod, node) {
      if (node.filterTaintCount === 0) return null;
      const taint = findUntoleratedTaint(node.filterTaints, pod.pod.spec.tolerations);
      return taint ? rejection(taint) : null;
    },
    preScore(state, pod) {
      const all = pod.pod.spec.tolerations;
      state.write(PREFER_TOLERATIONS, all ? all.filter((t) => !t.effect || t.effect === 'PreferNoSchedule') : NO_TOLERATIONS);
      return null;
    },
    score(state, _pod, node) {
      if (node.preferNoScheduleTaintCount === 0) return 0;
      return untoleratedCount(node.preferNoScheduleTaints, state.read(PREFER_TOLERATIONS));
    },
    scoreAll(state, _pod, nodes, scores, n) {
      const tolerations = state.read(PREFER_TOLERATIONS);
      for (let i = 0; i < n; i++) {
        const node = nodes[i]!;
        scores[i] = node.preferNoScheduleTaintCount === 0 ? 0 : untoleratedCount(node.preferNoScheduleTaints, tolerations);
      }
    },
    scoreColumns(state, _pod, nodes, view, scores, n) {
      // No live node has a PreferNoSchedule taint: every candidate (one of them) scores 0.
      if (cache && cache.nodesWithPreferNoScheduleTaints === 0 && cache.ownsColumns(view.columns)) {
        scores.fill(0, 0, n);
        return;
      }
      const { data, records } = view;
      const tolerations = state.read(PREFER_TOLERATIONS);
      for (let i = 0; i < n; i++) {
        scores[i] = data[records[i]! * STRIDE + F.PreferNoScheduleTaintCount] === 0 ? 0 : untoleratedCount(nodes[i]!.preferNoScheduleTaints, tolerations);
      }
    },
    normalizeScore(_state, _pod, _nodes, scores, n) {
      defaultNormalizeScore(scores, n, true);
    },
  } satisfies FilterPlugin & PreScorePlugin & ScorePlugin;
}
