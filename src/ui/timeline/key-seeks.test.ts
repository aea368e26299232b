import { describe, expect, it } from 'vitest';
import { createKeySeeks, type Timers } from './key-seeks';

/** Timers driven by hand: `advance(ms)` fires what falls due. */
function fakeTimers() {
  let now = 0;
  let next = 1;
  const due = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    set: (fn, ms) => {
      due.set(next, { at: now + ms, fn });
      return next++;
    },
    clear: (id) => {
      if (id !== undefined) due.delete(id);
    },
  };
  const advance = (ms: number): void => {
    now += ms;
    for (const [id, t] of [...due]) {
      if (t.at <= now) {
        due.delete(id);
        t.fn();
      }
    }
  };
  return { timers, advance };
}

describe('timeline key seeks', () => {
  it('a single press seeks at once, and nothing more follows', () => {
    const { timers, advance } = fakeTimers();
    const sent: number[] = [];
    const keys = createKeySeeks((ms) => sent.push(ms), timers, 250);
    keys.press(3_590_000);
    expect(sent).toEqual([3_590_000]);
    advance(1000);
    expect(sent).toEqual([3_590_000]);
  });

  it('presses in a row: the first at once, the rest merged into one seek to where they ended', () => {
    const { timers, advance } = fakeTimers();
    const sent: number[] = [];
    const keys = createKeySeeks((ms) => sent.push(ms), timers, 250);
    keys.press(50_000);
    for (const ms of [40_000, 30_000, 20_000]) {
      advance(100);
      keys.press(ms);
    }
    expect(sent).toEqual([50_000]);
    advance(249);
    expect(sent).toEqual([50_000]);
    advance(1);
    expect(sent).toEqual([50_000, 20_000]);
    // The next press after a pause is a first press again.
    advance(500);
    keys.press(10_000);
    expect(sent).toEqual([50_000, 20_000, 10_000]);
  });

  it('keys that come back to the first target send nothing more; dispose drops a pending seek', () => {
    const { timers, advance } = fakeTimers();
    const sent: number[] = [];
    const keys = createKeySeeks((ms) => sent.push(ms), timers, 250);
    keys.press(60_000);
    keys.press(50_000);
    keys.press(60_000);
    advance(300);
    expect(sent).toEqual([60_000]);
    keys.press(40_000);
    keys.press(30_000);
    keys.dispose();
    advance(300);
    expect(sent).toEqual([60_000, 40_000]);
  });
});
