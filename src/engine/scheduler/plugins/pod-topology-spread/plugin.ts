import type { FilterPlugin, FrameworkHandle, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interfaces';
import { PluginName } from '../names';
import { filterSpread, preFilterSpread } from './filtering';
import { normalizeSpread, preScoreSpread, scoreSpread } from './scoring';

/**
 * PodTopologySpread: DoNotSchedule constraints filter, ScheduleAnyway constraints (and
 * the system defaults: hostname maxSkew 3, zone maxSkew 5) score.
 */
export function newPodTopologySpread(handle: FrameworkHandle): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  return {
    name: PluginName.PodTopologySpread,
    preFilter: (state, pod, nodes) => preFilterSpread(handle, state, pod, nodes),
    filter: (state, _pod, node) => filterSpread(state, node),
    preScore: (state, pod, nodes) => preScoreSpread(handle, state, pod, nodes),
    score: (state, _pod, node) => scoreSpread(state, node),
    normalizeScore: (state, _pod, nodes, scores, n) => normalizeSpread(state, nodes, scores, n),
  } satisfies PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin;
}
