import { describe, expect, it } from 'vitest';
import { ActionReplayer } from './replay';

function harness(actions: { atMs: number; run: string }[]) {
  const calls: string[] = [];
  const runner = { runUntil: (ms: number) => calls.push(`until ${ms}`) };
  const replayer = new ActionReplayer(actions, runner, (run) => calls.push(`run ${run}`));
  return { calls, replayer };
}

describe('ActionReplayer', () => {
  it('runs the timeline up to each action, then the action, then on to the target', () => {
    const { calls, replayer } = harness([
      { atMs: 5000, run: 'b' },
      { atMs: 1000, run: 'a' },
      { atMs: 5000, run: 'c' },
      { atMs: 9000, run: 'd' },
    ]);
    replayer.runUntil(6000);
    expect(calls).toEqual(['until 1000', 'run a', 'until 5000', 'run b', 'until 5000', 'run c', 'until 6000']);
    expect(replayer.pending()).toEqual([{ atMs: 9000, run: 'd' }]);
  });

  it('runs an action due exactly at the target before returning', () => {
    const { calls, replayer } = harness([{ atMs: 3000, run: 'x' }]);
    replayer.runUntil(3000);
    expect(calls).toEqual(['until 3000', 'run x', 'until 3000']);
    expect(replayer.pending()).toEqual([]);
  });

  it('branch() drops the actions still ahead, so they never run', () => {
    const { calls, replayer } = harness([
      { atMs: 1000, run: 'early' },
      { atMs: 8000, run: 'late-1' },
      { atMs: 9000, run: 'late-2' },
    ]);
    replayer.runUntil(2000);
    expect(replayer.branch()).toBe(2);
    replayer.runUntil(10_000);
    expect(calls.filter((c) => c.startsWith('run'))).toEqual(['run early']);
    expect(replayer.pending()).toEqual([]);
  });

  it('played() lists what ran; replaceAhead() swaps the future (a checkpoint taking over the live history)', () => {
    const { calls, replayer } = harness([
      { atMs: 1000, run: 'a' },
      { atMs: 8000, run: 'old' },
    ]);
    replayer.runUntil(5000);
    expect(replayer.played()).toEqual([{ atMs: 1000, run: 'a' }]);
    replayer.replaceAhead([
      { atMs: 9000, run: 'y' },
      { atMs: 6000, run: 'x' },
    ]);
    expect(replayer.pending()).toEqual([
      { atMs: 6000, run: 'x' },
      { atMs: 9000, run: 'y' },
    ]);
    replayer.runUntil(10_000);
    expect(calls.filter((c) => c.startsWith('run'))).toEqual(['run a', 'run x', 'run y']);
    expect(replayer.played().map((a) => a.run)).toEqual(['a', 'x', 'y']);
  });
});
