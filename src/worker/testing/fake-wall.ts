import type { HostDeps } from '../host-loop';

/**
 * TEST ONLY: the worker's wall clock and timers driven by hand, for SimHost's `now`, `setTimer`
 * and `clearTimer`. Timers run in (due time, creation) order, and the clock jumps to each.
 */
export interface FakeWall {
  readonly wall: { now: number };
  readonly deps: Pick<HostDeps, 'now' | 'setTimer' | 'clearTimer'>;
  /** Runs the next `count` timers, one at a time (wall time moves as they work). */
  runNext(count: number): void;
  /** Runs every timer due until `untilWall` (bounded), then sets the clock there. */
  runUntil(untilWall: number): void;
}

export function fakeWall(wall: { now: number } = { now: 0 }): FakeWall {
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  const next = (): { at: number; fn: () => void } | undefined => {
    timers.sort((a, b) => a.at - b.at || a.id - b.id);
    return timers[0];
  };
  const run = (t: { at: number; fn: () => void }): void => {
    timers.shift();
    wall.now = Math.max(wall.now, t.at);
    t.fn();
  };
  return {
    wall,
    deps: {
      now: () => wall.now,
      setTimer: (fn, ms) => {
        timers.push({ at: wall.now + ms, fn, id: nextId });
        return nextId++;
      },
      clearTimer: (h) => {
        const i = timers.findIndex((t) => t.id === h);
        if (i >= 0) timers.splice(i, 1);
      },
    },
    runNext(count) {
      for (let i = 0; i < count; i++) {
        const t = next();
        if (!t) return;
        run(t);
      }
    },
    runUntil(untilWall) {
      for (let i = 0; i < 100_000; i++) {
        const t = next();
        if (!t || t.at > untilWall) break;
        run(t);
      }
      wall.now = Math.max(wall.now, untilWall);
    },
  };
}
