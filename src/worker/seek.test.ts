import { describe, expect, it } from 'vitest';
import { SCENARIO_LIMITS } from '../engine/scenario/types';
import { clampSeekMs, planSeek } from './seek';

describe('planSeek', () => {
  it.each([
    { now: 60_000, target: 60_000, plan: { kind: 'stay' } },
    { now: 60_000, target: 90_000, plan: { kind: 'advance', toMs: 90_000 } },
    { now: 60_000, target: 30_000, plan: { kind: 'rebuild', toMs: 30_000 } },
    { now: 60_000, target: -5, plan: { kind: 'rebuild', toMs: 0 } },
    { now: 0, target: Number.NaN, plan: { kind: 'stay' } },
    { now: 0, target: 1e15, plan: { kind: 'advance', toMs: SCENARIO_LIMITS.atMs } },
    { now: 1000, target: 1000.4, plan: { kind: 'stay' } },
  ])('$now → $target', ({ now, target, plan }) => {
    expect(planSeek(now, target)).toEqual(plan);
  });

  it('clamps to whole ms inside the scenario bounds', () => {
    expect(clampSeekMs(Infinity)).toBe(0);
    expect(clampSeekMs(12.6)).toBe(13);
  });
});
