import type { SimEnv } from '../sim/env';
import type { ScheduledEvent } from '../sim/event-queue';

/**
 * A controller work queue: keys are deduplicated while waiting, processed in FIFO order in
 * one batch after the configured delay, and remember the latest user operation that touched
 * them so that the controller's requests carry that operation's id.
 */
export class WorkQueue {
  private pending = new Map<string, number | undefined>();
  private scheduled: ScheduledEvent | undefined;
  private readonly delayed = new Map<string, ScheduledEvent>();
  private stopped = false;
  /** One closure for every drain this queue schedules. */
  private readonly drainFn = (): void => this.drain();

  constructor(
    private readonly env: SimEnv,
    private readonly label: string,
    private readonly process: (key: string, opId: number | undefined) => void,
  ) {}

  add(key: string, opId?: number): void {
    if (this.stopped) return;
    const had = this.pending.has(key);
    if (!had || opId !== undefined) this.pending.set(key, opId ?? this.pending.get(key));
    if (!this.scheduled) {
      this.scheduled = this.env.queue.after(this.env.config.workqueueDelayMs, this.label, this.drainFn);
    }
  }

  /** Re-adds `key` after `delayMs` (requeue after, e.g. waiting for a timer in the object). */
  addAfter(key: string, delayMs: number, opId?: number): void {
    if (this.stopped) return;
    const existing = this.delayed.get(key);
    if (existing && existing.atMs <= this.env.now() + delayMs) return;
    this.env.queue.cancel(existing);
    this.delayed.set(
      key,
      this.env.queue.after(delayMs, `${this.label}-requeue`, () => {
        this.delayed.delete(key);
        this.add(key, opId);
      }),
    );
  }

  stop(): void {
    this.stopped = true;
    this.env.queue.cancel(this.scheduled);
    this.scheduled = undefined;
    for (const ev of this.delayed.values()) this.env.queue.cancel(ev);
    this.delayed.clear();
    this.pending.clear();
  }

  get length(): number {
    return this.pending.size;
  }

  private drain(): void {
    this.scheduled = undefined;
    // Swapped rather than copied: keys added while the batch runs wait for the next drain.
    const batch = this.pending;
    this.pending = new Map();
    for (const [key, opId] of batch) {
      if (this.stopped) return;
      this.process(key, opId);
    }
  }
}
