/**
 * Discrete-event queue ordered by (time, sequence). The engine never runs by itself:
 * callers step it with advance / runUntil / runUntilQuiet, and every loop is bounded.
 */

export interface ScheduledEvent {
  readonly atMs: number;
  readonly seq: number;
  readonly label: string;
  /** Background events (heartbeats, periodic ticks) do not keep the cluster "busy". */
  readonly background: boolean;
  cancelled: boolean;
  readonly run: () => void;
}

export class EventLoopBoundError extends Error {}

/** Upper bound on events processed by one stepping call unless the caller gives another. */
export const DEFAULT_MAX_EVENTS = 50_000_000;

export class EventQueue {
  private heap: ScheduledEvent[] = [];
  private seq = 0;
  private foregroundPending = 0;
  nowMs = 0;
  processed = 0;

  get size(): number {
    return this.heap.length;
  }

  /** Number of pending foreground (non-background) events. */
  get busy(): number {
    return this.foregroundPending;
  }

  schedule(atMs: number, label: string, run: () => void, background = false): ScheduledEvent {
    const ev: ScheduledEvent = {
      atMs: Math.max(Math.round(atMs), this.nowMs),
      seq: this.seq++,
      label,
      background,
      cancelled: false,
      run,
    };
    if (!background) this.foregroundPending++;
    this.push(ev);
    return ev;
  }

  after(delayMs: number, label: string, run: () => void, background = false): ScheduledEvent {
    return this.schedule(this.nowMs + delayMs, label, run, background);
  }

  cancel(ev: ScheduledEvent | undefined): void {
    if (!ev || ev.cancelled) return;
    ev.cancelled = true;
    if (!ev.background) this.foregroundPending--;
  }

  peekTime(): number | undefined {
    this.dropCancelledHead();
    return this.heap[0]?.atMs;
  }

  /** Run every event due at or before `untilMs`, then set the clock to `untilMs`. */
  runUntil(untilMs: number, maxEvents = DEFAULT_MAX_EVENTS): number {
    let count = 0;
    for (;;) {
      this.dropCancelledHead();
      const head = this.heap[0];
      if (!head || head.atMs > untilMs) break;
      if (count++ >= maxEvents) {
        throw new EventLoopBoundError(`event loop bound exceeded: more than ${maxEvents} events before t=${untilMs}ms`);
      }
      this.pop();
      this.nowMs = head.atMs;
      if (!head.background) this.foregroundPending--;
      head.cancelled = true;
      this.processed++;
      head.run();
    }
    if (untilMs > this.nowMs) this.nowMs = untilMs;
    return count;
  }

  /**
   * Run until no foreground work is pending (only periodic background ticks remain),
   * or until `maxMs` of simulated time has passed. Returns true when quiet was reached.
   */
  runUntilQuiet(maxMs: number, maxEvents = DEFAULT_MAX_EVENTS): boolean {
    const deadline = this.nowMs + maxMs;
    let count = 0;
    while (this.foregroundPending > 0) {
      this.dropCancelledHead();
      const head = this.heap[0];
      if (!head || head.atMs > deadline) break;
      if (count++ >= maxEvents) {
        throw new EventLoopBoundError(`event loop bound exceeded: more than ${maxEvents} events while waiting for quiet`);
      }
      this.pop();
      this.nowMs = head.atMs;
      if (!head.background) this.foregroundPending--;
      head.cancelled = true;
      this.processed++;
      head.run();
    }
    return this.foregroundPending === 0;
  }

  private dropCancelledHead(): void {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.pop();
  }

  private less(a: ScheduledEvent, b: ScheduledEvent): boolean {
    return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
  }

  // Swaps through a temporary: a destructuring swap may allocate an array per step.
  private push(ev: ScheduledEvent): void {
    const h = this.heap;
    h.push(ev);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i]!, h[p]!)) break;
      const t = h[i]!;
      h[i] = h[p]!;
      h[p] = t;
      i = p;
    }
  }

  private pop(): ScheduledEvent | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        const t = h[i]!;
        h[i] = h[m]!;
        h[m] = t;
        i = m;
      }
    }
    return top;
  }
}
