import { describe, expect, it } from 'vitest';
import { Checkpoints, type CheckpointPolicy } from './checkpoints';
import { DEFAULT_TRAILING, trailingGoal } from './checkpoints-trailing';
import { EngineSource } from './engine-source';
import type { SessionSpec } from './session-spec';
import { build, finish, played, POLICY, state } from './testing/checkpoint-fixtures';

/** The engine that trails the live moment (checkpoints-trailing.ts) on the real engine. */

describe('trailingGoal (the lag rule)', () => {
  it.each([
    [0, undefined],
    [120_000, undefined],
    [149_999, undefined],
    [150_000, 30_000],
    [179_999, 30_000],
    [180_000, 60_000],
    [3_600_000, 3_480_000],
    [3_629_999, 3_480_000],
  ])('live at %i: parked at %j (the latest 30 s step at least 2 min back)', (liveMs, goal) => {
    expect(trailingGoal(liveMs, DEFAULT_TRAILING)).toBe(goal);
  });

  it('every seek 0 to 2 min back starts from it, with less than 2.5 min to replay', () => {
    for (let liveMs = 150_000; liveMs < 400_000; liveMs += 1_000) {
      const goal = trailingGoal(liveMs, DEFAULT_TRAILING)!;
      expect(goal).toBeLessThanOrEqual(liveMs - 120_000);
      expect(liveMs - goal).toBeLessThan(150_000);
    }
  });
});

/** The unit-test grid plus an engine trailing 50 s behind on a 5 s step: at 100 s when live is at 150 s. */
const TRAIL: CheckpointPolicy = { ...POLICY, trailing: { lagMs: 50_000, stepMs: 5_000 } };

function counted(): { ck: Checkpoints; builds: () => number } {
  let n = 0;
  const ck = new Checkpoints((h: SessionSpec) => {
    n++;
    return new EngineSource(h);
  }, TRAIL);
  return { ck, builds: () => n };
}

describe('the trailing checkpoint', () => {
  it.each([
    ['just after it', 105_000],
    ['exactly at it', 100_000],
    ['at the live moment', 150_000 - 1],
  ])('a seek %s starts from it and ends exactly where a one-piece rebuild does', (_name, target) => {
    const live = played();
    const { ck } = counted();
    build(ck, live);
    expect(ck.trailingAt()).toEqual({ atMs: 100_000, goal: 100_000 });
    // The grid's 150 s and 120 s are after it: not built (it serves those seeks with as little replay).
    expect(ck.parked().map((p) => p.goal)).toEqual([100_000, 90_000, 60_000]);
    const onePiece = live.seek(target);
    const job = ck.seekFrom(live, target);
    expect(job?.source.clock().simTimeMs).toBe(100_000);
    const viaTrailing = finish(job!);
    expect(state(viaTrailing)).toBe(state(onePiece));
    for (const s of [live, onePiece, viaTrailing]) s.dispose();
    ck.dispose();
  });

  it('moves forward with the live moment by replay, playing actions done after it was parked', () => {
    const live = played();
    const { ck, builds } = counted();
    build(ck, live);
    const before = builds();
    // The user acts at 2:30 (after the trailing moment: it stays valid), then time goes on to 3:30.
    expect(live.console({ kind: 'run', line: 'kubectl cordon worker-3' })).toMatchObject({ kind: 'ran' });
    live.advance(60_000);
    build(ck, live);
    expect(ck.trailingAt()).toEqual({ atMs: 160_000, goal: 160_000 });
    // Moved on, not rebuilt: no new engine at all (the grid's 2:00 and 2:30 are the spares at 1:00 and 1:30 moved on).
    expect(ck.parked().map((p) => p.goal).sort((x, y) => x - y)).toEqual([120_000, 150_000, 160_000]);
    expect(builds() - before).toBe(0);
    const job = ck.seekFrom(live, 165_000);
    expect(job?.source.clock().simTimeMs).toBe(160_000);
    const onePiece = live.seek(165_000);
    const viaTrailing = finish(job!);
    expect(state(viaTrailing)).toBe(state(onePiece));
    expect(viaTrailing.query({ kind: 'recorded' })).toMatchObject({ steps: expect.arrayContaining([{ atMs: 150_000, run: 'kubectl cordon worker-3' }]) });
    for (const s of [live, onePiece, viaTrailing]) s.dispose();
    ck.dispose();
  });

  it('a new action at or before its moment drops it; the one trailing after that is this history', () => {
    const first = played();
    const { ck } = counted();
    build(ck, first);
    // Back to 95 s (from the grid's 90 s): the trailing engine at 100 s is now ahead of the live moment.
    const live = finish(ck.seekFrom(first, 95_000)!);
    first.dispose();
    expect(live.console({ kind: 'run', line: 'kubectl cordon worker-3' })).toMatchObject({ kind: 'ran' });
    expect(ck.seekFrom(live, 120_000)).toBeUndefined();
    build(ck, live);
    expect(ck.parked().map((p) => p.atMs)).not.toContain(100_000);
    expect(ck.trailingAt()).toEqual({ atMs: 45_000, goal: 45_000 });
    live.advance(60_000);
    build(ck, live);
    expect(ck.trailingAt()).toEqual({ atMs: 105_000, goal: 105_000 });
    const job = ck.seekFrom(live, 110_000);
    expect(job?.source.clock().simTimeMs).toBe(105_000);
    const onePiece = live.seek(110_000);
    const viaTrailing = finish(job!);
    expect(state(viaTrailing)).toBe(state(onePiece));
    expect(viaTrailing.query({ kind: 'recorded' })).toMatchObject({ steps: expect.arrayContaining([{ atMs: 95_000, run: 'kubectl cordon worker-3' }]) });
    for (const s of [live, onePiece, viaTrailing]) s.dispose();
    ck.dispose();
  });

  it('is made again after a seek uses it, and the new one serves the next seek identically', () => {
    const first = played();
    const { ck, builds } = counted();
    build(ck, first);
    const live = finish(ck.seekFrom(first, 115_000)!);
    first.dispose();
    expect(ck.trailingAt()).toBeUndefined();
    const before = builds();
    build(ck, live);
    // Live at 115 s: trailing at 65 s. No spare is at or before it (the spare at 90 s is past it):
    // a new engine, besides the grid's new 30 s.
    expect(ck.trailingAt()).toEqual({ atMs: 65_000, goal: 65_000 });
    expect(ck.parked().map((p) => p.goal).sort((x, y) => x - y)).toEqual([30_000, 60_000, 65_000, 90_000]);
    expect(builds() - before).toBe(2);
    const job = ck.seekFrom(live, 70_000);
    expect(job?.source.clock().simTimeMs).toBe(65_000);
    const onePiece = live.seek(70_000);
    const viaTrailing = finish(job!);
    expect(state(viaTrailing)).toBe(state(onePiece));
    for (const s of [live, onePiece, viaTrailing]) s.dispose();
    ck.dispose();
  });

  it('counts against the byte budget: with room for two engines, it and the newest checkpoint before it', () => {
    const live = played();
    const ck = new Checkpoints((h: SessionSpec) => new EngineSource(h), { ...TRAIL, budgetBytes: live.footprint() * 2.5 });
    build(ck, live);
    expect(ck.parked().map((p) => p.goal)).toEqual([100_000, 90_000]);
    live.dispose();
    ck.dispose();
  });
});
