import { countDrop, SpanDrop, type TrafficCounters } from './counters';

/**
 * One agent's batch processor + OTLP exporter with its sending queue (exporterhelper): spans
 * are cut into batches (send_batch_size 8192, or whatever the 200 ms timeout gathered), sent
 * when the backend answers, queued (bounded, in batches) while it does not, retried until
 * retry_on_failure's max elapsed time, and dropped beyond either limit. The last timeout's
 * worth of spans is still in the batch processor at the end of a bucket: an agent that dies
 * loses it, with its queue.
 */

export const SEND_BATCH_SIZE = 8192;
export const BATCH_TIMEOUT_MS = 200;

interface Chunk {
  batches: number;
  spans: number;
  readonly sinceMs: number;
}

export interface ExportResult {
  /** Spans that reached the backend this bucket (fresh + drained from the queue). */
  readonly exported: number;
  readonly batches: number;
  /** Spans dropped this bucket (queue full, retries expired). */
  readonly dropped: number;
}

/** How many batches the batch processor emits for `spans` spans arriving over `bucketMs`. */
export function batchesFor(spans: number, bucketMs: number): number {
  if (spans <= 0) return 0;
  const timeouts = Math.max(1, Math.floor(bucketMs / BATCH_TIMEOUT_MS));
  return Math.max(Math.ceil(spans / SEND_BATCH_SIZE), Math.min(spans, timeouts));
}

export class AgentExporter {
  private readonly queue: Chunk[] = [];
  private queued = 0;
  /** Spans waiting in the batch processor for its next timeout. */
  private batching = 0;

  constructor(
    private readonly maxBatches: number,
    private readonly retryMaxElapsedMs: number,
  ) {}

  get queuedBatches(): number {
    return this.queued;
  }

  get queuedSpans(): number {
    let n = 0;
    for (const c of this.queue) n += c.spans;
    return n;
  }

  /** Spans held in memory: batching plus queued. */
  get bufferedSpans(): number {
    return this.batching + this.queuedSpans;
  }

  /** One bucket: `arrived` spans came in; the backend is (un)reachable. */
  tick(arrived: number, bucketMs: number, nowMs: number, reachable: boolean, counters: TrafficCounters): ExportResult {
    const tail = Math.min(arrived, Math.round((arrived * BATCH_TIMEOUT_MS) / Math.max(bucketMs, BATCH_TIMEOUT_MS)));
    const spans = this.batching + arrived - tail;
    this.batching = tail;
    const batches = batchesFor(spans, bucketMs);
    if (reachable) {
      const drained = this.queuedSpans;
      const drainedBatches = this.queued;
      this.queue.length = 0;
      this.queued = 0;
      return { exported: spans + drained, batches: batches + drainedBatches, dropped: 0 };
    }
    let dropped = this.expire(nowMs, counters);
    const room = Math.max(0, this.maxBatches - this.queued);
    const accepted = Math.min(room, batches);
    if (accepted > 0) {
      const acceptedSpans = accepted === batches ? spans : Math.floor((spans * accepted) / batches);
      this.queue.push({ batches: accepted, spans: acceptedSpans, sinceMs: nowMs });
      this.queued += accepted;
      countDrop(counters, SpanDrop.QueueFull, spans - acceptedSpans);
      dropped += spans - acceptedSpans;
    } else {
      countDrop(counters, SpanDrop.QueueFull, spans);
      dropped += spans;
    }
    return { exported: 0, batches: 0, dropped };
  }

  private expire(nowMs: number, counters: TrafficCounters): number {
    let dropped = 0;
    while (this.queue.length > 0 && nowMs - this.queue[0]!.sinceMs > this.retryMaxElapsedMs) {
      const c = this.queue.shift()!;
      this.queued -= c.batches;
      dropped += c.spans;
    }
    countDrop(counters, SpanDrop.RetryExpired, dropped);
    return dropped;
  }

  /** The collector died: whatever it held in memory is gone. */
  lose(counters: TrafficCounters, why: SpanDrop = SpanDrop.AgentLost): number {
    const spans = this.bufferedSpans;
    countDrop(counters, why, spans);
    this.queue.length = 0;
    this.queued = 0;
    this.batching = 0;
    return spans;
  }
}
