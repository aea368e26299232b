/**
 * The trailing checkpoint: one parked engine that follows the live moment at a fixed lag, so a
 * seek a minute or two back replays seconds, not the up to 7.5 minutes the fixed grid leaves.
 *
 * Rule: parked at the latest multiple of `stepMs` that is at least `lagMs` behind the live time.
 * With lag 120 s and step 30 s it sits between 120 s and 150 s behind, so:
 * - every seek 0–2 min back (target ≥ live − 120 s ≥ the trailing moment) starts from it and
 *   replays less than lag + step = 150 s (about 55 ms of CPU on the T1 cluster at ~22 ms per
 *   simulated minute); a lag under 2 min would send seeks just under 2 min back to the fixed
 *   grid (up to 7.5 min of replay), a longer lag only lengthens every short seek's replay;
 * - a step moves it forward in 30 s hops (about 11 ms of replay each on T1), cheap enough for
 *   one 8 ms background slice or two while playing, and few enough that it is not retargeted
 *   every frame. A smaller step would shave at most 30 s off the worst case.
 */
export interface TrailingPolicy {
  /** How far behind the live moment it stays, at least. */
  lagMs: number;
  /** The grid it parks on. */
  stepMs: number;
}

export const DEFAULT_TRAILING: TrailingPolicy = { lagMs: 120_000, stepMs: 30_000 };

/** Where the trailing engine parks for this live moment; undefined before there is room behind it. */
export function trailingGoal(liveMs: number, policy: TrailingPolicy): number | undefined {
  const step = Math.max(1000, policy.stepMs);
  const goal = Math.floor((liveMs - policy.lagMs) / step) * step;
  return goal > 0 ? goal : undefined;
}
