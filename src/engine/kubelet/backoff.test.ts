import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff';

describe('Backoff (flowcontrol.Backoff)', () => {
  it('starts at 10 s and doubles to a 300 s cap', () => {
    const b = new Backoff();
    const seen: number[] = [];
    for (let i = 0; i < 8; i++) {
      b.next('k', i * 1000);
      seen.push(b.get('k'));
    }
    expect(seen).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
  });

  it.each([
    // [event at, now, in back-off?]
    [5_000, 9_000, true],
    [5_000, 14_999, true],
    [5_000, 15_000, false],
  ])('container restarts: exit at %i, checked at %i → %s', (eventMs, nowMs, want) => {
    const b = new Backoff();
    b.next('k', 0);
    expect(b.isInBackOffSince('k', eventMs, nowMs)).toBe(want);
  });

  it('forgets after twice the maximum without activity (the 10-minute reset)', () => {
    const b = new Backoff();
    for (let i = 0; i < 4; i++) b.next('k', i);
    expect(b.get('k')).toBe(80_000);
    expect(b.isInBackOffSince('k', 600_010, 600_011)).toBe(false);
    b.next('k', 600_011);
    expect(b.get('k')).toBe(10_000);
  });

  it('image pulls count from the last failure', () => {
    const b = new Backoff();
    b.next('img', 1000);
    expect(b.isInBackOffSinceUpdate('img', 10_999)).toBe(true);
    expect(b.isInBackOffSinceUpdate('img', 11_000)).toBe(false);
    expect(b.untilUpdate('img')).toBe(11_000);
    expect(b.isInBackOffSinceUpdate('other', 0)).toBe(false);
  });
});
