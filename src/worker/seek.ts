import { SCENARIO_LIMITS } from '../engine/scenario/types';

/**
 * How to reach a moment on the timeline. Forward is cheap: keep running. Backward cannot undo
 * a simulation, so the session is rebuilt from the start (same scenario, seed and actions)
 * and run to the target: deterministic by construction, and the same code opens a link.
 */
export type SeekPlan = { kind: 'stay' } | { kind: 'advance'; toMs: number } | { kind: 'rebuild'; toMs: number };

/** Scenario time a seek may ask for (a link's time has the same bound). */
export function clampSeekMs(ms: number): number {
  if (!Number.isFinite(ms)) return 0;
  return Math.max(0, Math.min(SCENARIO_LIMITS.atMs, Math.round(ms)));
}

export function planSeek(nowMs: number, targetMs: number): SeekPlan {
  const toMs = clampSeekMs(targetMs);
  if (toMs === nowMs) return { kind: 'stay' };
  return toMs > nowMs ? { kind: 'advance', toMs } : { kind: 'rebuild', toMs };
}
