import type { FilterPlugin, FrameworkHandle, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interfaces';
import { PluginName } from '../names';
import { filterAffinity, preFilterAffinity } from './filtering';
import { normalizeAffinity, preScoreAffinity, scoreAffinity } from './scoring';

/** InterPodAffinity: required terms filter, preferred terms (both ways) score. */
export function newInterPodAffinity(handle: FrameworkHandle): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  return {
    name: PluginName.InterPodAffinity,
    preFilter: (state, pod, nodes) => preFilterAffinity(handle, state, pod, nodes),
    filter: (state, _pod, node) => filterAffinity(handle, state, node),
    preScore: (state, pod) => preScoreAffinity(handle, state, pod),
    score: (state, _pod, node) => scoreAffinity(state, node),
    normalizeScore: (_state, _pod, _nodes, scores, n) => normalizeAffinity(scores, n),
  } satisfies PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin;
}
