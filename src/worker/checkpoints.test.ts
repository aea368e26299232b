import { describe, expect, it } from 'vitest';
import { Checkpoints, checkpointGoals, futureOf } from './checkpoints';
import { EngineSource } from './engine-source';
import { builtinSession, type SessionSpec } from './session-spec';
import { build, finish, played, POLICY, standby, state } from './testing/checkpoint-fixtures';

describe('checkpointGoals', () => {
  it.each([
    [0, []],
    [29_999, []],
    [30_000, [30_000]],
    [150_000, [150_000, 120_000, 90_000, 60_000]],
    [170_000, [150_000, 120_000, 90_000, 60_000]],
  ])('live at %i: %j', (liveMs, goals) => {
    expect(checkpointGoals(liveMs, POLICY)).toEqual(goals);
  });
});

describe('futureOf (is a parked engine still this history?)', () => {
  const { spec } = builtinSession('node-failure');
  const a = { atMs: 10_000, run: 'a' };
  const b = { atMs: 50_000, run: 'b' };
  const c = { atMs: 80_000, run: 'c' };
  const parked = { ...spec, actions: [a, b, c] };
  it.each([
    ['same history: the actions after the parked moment', { ...spec, actions: [a, b, c] }, [b, c]],
    ['a new action after it (the user acted later)', { ...spec, actions: [a, { atMs: 45_000, run: 'x' }] }, [{ atMs: 45_000, run: 'x' }]],
    ['a new action exactly at the parked moment', { ...spec, actions: [a, { atMs: 40_000, run: 'x' }] }, undefined],
    ['a different past action', { ...spec, actions: [{ atMs: 10_000, run: 'z' }, b] }, undefined],
    ['a file the user added (the rebuild has it from the start)', { ...spec, extraFiles: { 'editor-1.yaml': 'x' }, actions: [a, b, c] }, undefined],
    ['another scenario', { ...spec, yaml: `${spec.yaml}\n`, actions: [a, b, c] }, undefined],
  ])('%s', (_name, history, expected) => {
    expect(futureOf(parked, [a], 40_000, history)).toEqual(expected);
  });
});

describe('seeking from a parked engine (checkpoint) ends exactly where a one-piece rebuild does', () => {
  it.each([
    ['between checkpoints', 100_000, 90_000],
    ['exactly at a checkpoint', 60_000, 60_000],
    ['at an action, just after a checkpoint', 90_000, 90_000],
    ['before the first checkpoint (rebuilt from the start)', 25_000, undefined],
  ])('%s (%i ms)', (_name, target, from) => {
    const live = played();
    const ck = standby();
    build(ck, live);
    expect(ck.parked()).toEqual([150_000, 120_000, 90_000, 60_000].map((g) => ({ atMs: g, goal: g })));
    const onePiece = live.seek(target);
    const job = ck.seekFrom(live, target);
    if (from === undefined) {
      expect(job).toBeUndefined();
    } else {
      expect(job).toBeDefined();
      expect(job!.progress()).toBe(target === from ? 1 : 0);
      expect(ck.parked().map((p) => p.goal)).not.toContain(from);
      const viaCheckpoint = finish(job!);
      expect(viaCheckpoint.clock().simTimeMs).toBe(target);
      expect(state(viaCheckpoint)).toBe(state(onePiece));
      viaCheckpoint.dispose();
    }
    for (const s of [live, onePiece]) s.dispose();
    ck.dispose();
  });

  it('a new action invalidates the engines parked at or after it; those before still match a rebuild', () => {
    const first = played();
    const ck = standby();
    build(ck, first);
    // Back to 70 s through the checkpoint at 60 s: the actions after it wait (pending).
    const live = finish(ck.seekFrom(first, 70_000)!);
    first.dispose();
    build(ck, live);
    // 60 s rebuilt, 30 s added, 150 s (farthest from the live moment) evicted; 90 s and 120 s kept for going forward.
    expect(ck.parked().map((p) => p.goal).sort((a, b) => a - b)).toEqual([30_000, 60_000, 90_000, 120_000]);
    expect(live.console({ kind: 'run', line: 'kubectl cordon worker-3' })).toMatchObject({ kind: 'ran' });
    live.advance(15_000);
    // The cordon at 70 s: 90 s and later were another history; 30 s and 60 s are this one's too.
    const job = ck.seekFrom(live, 80_000);
    expect(job).toBeDefined();
    const onePiece = live.seek(80_000);
    const viaCheckpoint = finish(job!);
    expect(state(viaCheckpoint)).toBe(state(onePiece));
    expect(viaCheckpoint.query({ kind: 'recorded' })).toMatchObject({ steps: expect.arrayContaining([{ atMs: 70_000, run: 'kubectl cordon worker-3' }]) });
    build(ck, viaCheckpoint);
    expect(ck.parked().map((p) => p.goal).sort((a, b) => a - b)).toEqual([30_000, 60_000]);
    for (const s of [live, onePiece, viaCheckpoint]) s.dispose();
    ck.dispose();
  });
});

describe('memory bound', () => {
  it('keeps parked engines within the byte budget, newest first (a seek further back then rebuilds)', () => {
    const live = played();
    const each = live.footprint();
    expect(each).toBeGreaterThan(3_000_000);
    // Room for two engines the size of the live one, not four.
    const ck = new Checkpoints((h: SessionSpec) => new EngineSource(h), { ...POLICY, budgetBytes: each * 2.5 });
    build(ck, live);
    expect(ck.parked().map((p) => p.goal)).toEqual([150_000, 120_000]);
    expect(ck.seekFrom(live, 100_000)).toBeUndefined();
    live.dispose();
    ck.dispose();
  });
});

describe('builds that stall the worker', () => {
  it('after one build takes longer than maxBuildMs no more are built; the one there is still serves seeks', () => {
    const live = played();
    let wall = 0;
    // Every build (a cluster boot) takes 500 ms of this wall clock.
    const ck = new Checkpoints((h: SessionSpec) => {
      wall += 500;
      return new EngineSource(h);
    }, { ...POLICY, maxBuildMs: 400 });
    for (let i = 0; i < 10_000 && ck.work(live, 5, () => wall++); i++);
    expect(ck.parked()).toEqual([{ atMs: 150_000, goal: 150_000 }]);
    live.advance(50_000);
    for (let i = 0; i < 10_000 && ck.work(live, 5, () => wall++); i++);
    expect(ck.parked()).toEqual([{ atMs: 150_000, goal: 150_000 }]);
    expect(ck.seekFrom(live, 120_000)).toBeUndefined();
    const job = ck.seekFrom(live, 160_000);
    expect(job?.source.clock().simTimeMs).toBe(150_000);
    job?.cancel();
    live.dispose();
    ck.dispose();
  });
});

describe('a spare engine moved on to a new checkpoint', () => {
  it('plays the actions the user did after it was built, so it is not thrown away at the next check', () => {
    const live = played();
    let builds = 0;
    const ck = new Checkpoints((h: SessionSpec) => {
      builds++;
      return new EngineSource(h);
    }, POLICY);
    build(ck, live);
    expect(builds).toBe(4);
    // The user acts at 2:30 (the checkpoint there is now another history), then time goes on to 3:20.
    expect(live.console({ kind: 'run', line: 'kubectl cordon worker-3' })).toMatchObject({ kind: 'ran' });
    live.advance(50_000);
    build(ck, live);
    // 3:00 comes from the spare at 1:00 moved on past the cordon; only 2:30 is built again.
    expect(ck.parked().map((p) => p.goal).sort((a, b) => a - b)).toEqual([90_000, 120_000, 150_000, 180_000]);
    expect(builds).toBe(5);
    const job = ck.seekFrom(live, 190_000);
    expect(job?.source.clock().simTimeMs).toBe(180_000);
    const onePiece = live.seek(190_000);
    const viaCheckpoint = finish(job!);
    expect(state(viaCheckpoint)).toBe(state(onePiece));
    for (const s of [live, onePiece, viaCheckpoint]) s.dispose();
    ck.dispose();
  });
});
