import { describe, expect, it } from 'vitest';
import { Expectations, EXPECTATIONS_TTL_MS } from './expectations';
import { slowStartBatch } from './slow-start';

describe('slowStartBatch', () => {
  const cases: { count: number; failAt?: number; calls: number; ok: number }[] = [
    { count: 0, calls: 0, ok: 0 },
    { count: 1, calls: 1, ok: 1 },
    { count: 10, calls: 10, ok: 10 },
    // batches 1, 2, 4, 8: a failure inside the batch of 4 (call 5) stops after that batch (7 calls)
    { count: 20, failAt: 5, calls: 7, ok: 6 },
    { count: 20, failAt: 1, calls: 1, ok: 0 },
  ];
  it.each(cases)('$count with failure at $failAt', ({ count, failAt, calls, ok }) => {
    let n = 0;
    const successes = slowStartBatch(count, () => ++n !== failAt);
    expect([n, successes]).toEqual([calls, ok]);
  });
});

describe('Expectations', () => {
  it('waits for every expected creation and tracked deletion, or for the TTL', () => {
    let now = 0;
    const e = new Expectations(() => now);
    expect(e.satisfied('rs')).toBe(true);
    e.expect('rs', 2, ['ns/a']);
    e.creationObserved('rs');
    e.deletionObserved('rs', 'ns/other');
    expect(e.satisfied('rs')).toBe(false);
    e.creationObserved('rs');
    e.deletionObserved('rs', 'ns/a');
    expect(e.satisfied('rs')).toBe(true);
    e.expect('rs', 1, []);
    now = EXPECTATIONS_TTL_MS + 1;
    expect(e.satisfied('rs')).toBe(true);
  });
});
