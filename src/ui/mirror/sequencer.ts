import type { BatchMessage, SnapshotMessage } from '../../protocol/messages';

/**
 * Orders deliveries for the mirror: a snapshot resets, batches apply strictly in sequence.
 * Duplicates and stale batches are dropped; early batches wait (reordered delivery) until
 * the gap fills; a gap that does not fill is the caller's cue to ask for a resync.
 */

export type Delivery = SnapshotMessage | BatchMessage;

/** How many early batches to hold before giving up on the gap. */
export const MAX_PENDING = 64;

export class Sequencer {
  /** Sequence of the last applied message; -1 before the first snapshot. */
  lastSeq = -1;
  private readonly pending = new Map<number, BatchMessage>();

  /**
   * Feeds one delivery; returns the messages to apply now, in order. A snapshot in the
   * result means "replace everything".
   */
  receive(msg: Delivery): Delivery[] {
    if (msg.type === 'snapshot') {
      if (msg.seq <= this.lastSeq) return [];
      this.lastSeq = msg.seq;
      for (const s of [...this.pending.keys()]) if (s <= msg.seq) this.pending.delete(s);
      return [msg, ...this.drain()];
    }
    if (msg.seq <= this.lastSeq) return [];
    if (this.lastSeq >= 0 && msg.seq === this.lastSeq + 1) {
      this.lastSeq = msg.seq;
      return [msg, ...this.drain()];
    }
    if (this.pending.size < MAX_PENDING * 4) this.pending.set(msg.seq, msg);
    return [];
  }

  private drain(): BatchMessage[] {
    const out: BatchMessage[] = [];
    for (let next = this.pending.get(this.lastSeq + 1); next; next = this.pending.get(this.lastSeq + 1)) {
      this.pending.delete(next.seq);
      this.lastSeq = next.seq;
      out.push(next);
    }
    return out;
  }

  /** True when batches are waiting on a missing one (or the worker says it is ahead). */
  hasGap(workerSeq = -1): boolean {
    return this.pending.size > 0 || (this.lastSeq >= 0 && workerSeq > this.lastSeq);
  }

  /** The gap is hopeless: too much is waiting. */
  overflowing(): boolean {
    return this.pending.size >= MAX_PENDING;
  }

  reset(): void {
    this.lastSeq = -1;
    this.pending.clear();
  }
}
