/**
 * The node controller's per-zone NoExecute tainting queue (scheduler/rate_limited_queue.go):
 * a token bucket (burst 1) in front of a queue of node names ordered by when they were
 * added. A name stays remembered after processing until `remove` forgets it, so a node is
 * tainted once per episode. Time is passed in (simulated ms).
 */

export const EVICTION_BURST = 1;

export class TokenBucket {
  private tokens: number;
  private lastMs: number;

  constructor(
    readonly qps: number,
    nowMs: number,
    readonly burst = EVICTION_BURST,
  ) {
    this.tokens = qps > 0 ? burst : 0;
    this.lastMs = nowMs;
  }

  tryAccept(nowMs: number): boolean {
    if (this.qps <= 0) return false;
    this.tokens = Math.min(this.burst, this.tokens + ((nowMs - this.lastMs) * this.qps) / 1000);
    this.lastMs = nowMs;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

interface TimedValue {
  readonly value: string;
  processAtMs: number;
  readonly addedMs: number;
}

export class RateLimitedTimedQueue {
  private readonly queue: TimedValue[] = [];
  /** Names queued or already processed in this episode (UniqueQueue's set). */
  private readonly known = new Set<string>();
  private limiter: TokenBucket;

  constructor(qps: number, nowMs: number) {
    this.limiter = new TokenBucket(qps, nowMs);
  }

  get qps(): number {
    return this.limiter.qps;
  }

  /** Names waiting to be processed. */
  get length(): number {
    return this.queue.length;
  }

  add(value: string, nowMs: number): boolean {
    if (this.known.has(value)) return false;
    this.known.add(value);
    this.queue.push({ value, processAtMs: nowMs, addedMs: nowMs });
    this.sort();
    return true;
  }

  /** Forgets the name entirely (it may be queued again). */
  remove(value: string): void {
    this.known.delete(value);
    const i = this.queue.findIndex((v) => v.value === value);
    if (i >= 0) this.queue.splice(i, 1);
  }

  /** SwapLimiter: a new bucket at the new rate, drained if the old one was empty. */
  swapLimiter(qps: number, nowMs: number): void {
    if (this.limiter.qps === qps) return;
    const next = new TokenBucket(qps, nowMs);
    if (qps > 0 && !this.limiter.tryAccept(nowMs)) next.tryAccept(nowMs);
    this.limiter = next;
  }

  private sort(): void {
    this.queue.sort((a, b) => a.processAtMs - b.processAtMs || a.addedMs - b.addedMs || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  }

  /**
   * Try: while the limiter lets it, process due heads. `fn` returns [done, retryAfterMs];
   * a done value leaves the queue (but stays known), otherwise it is retried later.
   */
  tryProcess(nowMs: number, fn: (value: string) => [boolean, number]): void {
    for (let guard = 0; guard < 10_000 && this.queue.length > 0; guard++) {
      if (!this.limiter.tryAccept(nowMs)) return;
      const head = this.queue[0]!;
      if (nowMs < head.processAtMs) return;
      const [done, waitMs] = fn(head.value);
      if (done) this.queue.shift();
      else {
        head.processAtMs = nowMs + waitMs + 1;
        this.sort();
      }
    }
  }
}
