import { describe, expect, it } from 'vitest';
import { RateLimitedTimedQueue, TokenBucket } from './rate-limited-queue';

describe('TokenBucket', () => {
  it('starts full (burst 1) and refills at qps', () => {
    const b = new TokenBucket(0.1, 0);
    expect(b.tryAccept(0)).toBe(true);
    expect(b.tryAccept(5000)).toBe(false);
    expect(b.tryAccept(9999)).toBe(false);
    expect(b.tryAccept(10_000)).toBe(true);
    expect(new TokenBucket(0, 0).tryAccept(1e9)).toBe(false);
  });
});

describe('RateLimitedTimedQueue', () => {
  it('taints one node per 10 s per zone, each once per episode', () => {
    const q = new RateLimitedTimedQueue(0.1, 0);
    expect(q.add('a', 0)).toBe(true);
    expect(q.add('b', 0)).toBe(true);
    expect(q.add('a', 0)).toBe(false);
    const done: [string, number][] = [];
    for (let t = 0; t <= 25_000; t += 100) q.tryProcess(t, (v) => (done.push([v, t]), [true, 0]));
    expect(done).toEqual([['a', 0], ['b', 10_000]]);
    expect(q.add('a', 26_000)).toBe(false);
    q.remove('a');
    expect(q.add('a', 26_000)).toBe(true);
  });

  it('retries a failed item later', () => {
    const q = new RateLimitedTimedQueue(10, 0);
    q.add('a', 0);
    let calls = 0;
    q.tryProcess(0, () => (calls++, [false, 50]));
    q.tryProcess(40, () => (calls++, [true, 0]));
    expect(calls).toBe(1);
    q.tryProcess(200, () => (calls++, [true, 0]));
    expect([calls, q.length]).toEqual([2, 0]);
  });

  it('a zero rate stops processing; swapping back resumes it one period later (drained bucket)', () => {
    const q = new RateLimitedTimedQueue(0.1, 0);
    q.swapLimiter(0, 0);
    q.add('a', 0);
    let n = 0;
    q.tryProcess(100_000, () => (n++, [true, 0]));
    expect(n).toBe(0);
    q.swapLimiter(0.1, 100_000);
    q.tryProcess(100_000, () => (n++, [true, 0]));
    expect(n).toBe(0);
    q.tryProcess(110_000, () => (n++, [true, 0]));
    expect(n).toBe(1);
  });
});
