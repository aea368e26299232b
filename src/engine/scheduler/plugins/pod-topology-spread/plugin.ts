import type { FilterPlugin, FrameworkHandle, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interfaces';
import { RecordScoreMemo } from '../../cache/score-memo';
import { PluginName } from '../names';
import { filterSpread, preFilterSpread } from './filtering';
import type { CycleState } from '../../framework/cycle-state';
import { normalizeSpread, preScoreSpread, readScoreState, scoreSpread, scoreSpreadAll, scoreSpreadColumns } from './scoring';

/**
 * PodTopologySpread: DoNotSchedule constraints filter, ScheduleAnyway constraints (and
 * the system defaults: hostname maxSkew 3, zone maxSkew 5) score.
 */
export function newPodTopologySpread(handle: FrameworkHandle): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin {
  // Score runs once per node: look the cycle's PreScore state up once per cycle, not per node.
  let stateOf: CycleState | undefined;
  let scoreState: ReturnType<typeof readScoreState>;
  const memo = new RecordScoreMemo();
  return {
    name: PluginName.PodTopologySpread,
    preFilter: (state, pod, nodes) => preFilterSpread(handle, state, pod, nodes),
    filter: (state, _pod, node) => filterSpread(state, node),
    preScore: (state, pod, nodes) => preScoreSpread(handle, state, pod, nodes),
    score(state, _pod, node) {
      if (state !== stateOf) {
        stateOf = state;
        scoreState = readScoreState(state);
      }
      return scoreSpread(scoreState, node);
    },
    scoreAll: (state, _pod, nodes, scores, n) => scoreSpreadAll(readScoreState(state), nodes, scores, n),
    scoreColumns: (state, _pod, nodes, view, scores, n) => scoreSpreadColumns(readScoreState(state), nodes, view, scores, n, memo),
    normalizeScore: (state, _pod, nodes, scores, n) => normalizeSpread(state, nodes, scores, n),
  } satisfies PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin;
}
