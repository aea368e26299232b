import type { InvolvedObject } from '../api/types';

/**
 * client-go's EventCorrelator (tools/record/events_cache.go), per event recorder:
 * - aggregation: more than 10 events within 10 minutes that differ only by message (same
 *   source, object, type and reason) become one event "(combined from similar events): ..."
 *   whose count goes up;
 * - observation: an event seen before (same key) is a PATCH of count and lastTimestamp;
 * - spam filter: a token bucket per source and object, 25 events of burst refilled at one
 *   every 5 minutes; events over it are dropped (their observation still counts).
 */

export const AGGREGATE_MAX_EVENTS = 10;
export const AGGREGATE_INTERVAL_MS = 600_000;
export const SPAM_BURST = 25;
export const SPAM_REFILL_MS = 300_000;
const MAX_LRU_ENTRIES = 4096;
export const COMBINED_PREFIX = '(combined from similar events): ';

export interface CorrelatorInput {
  readonly involved: InvolvedObject;
  readonly type: string;
  readonly reason: string;
  readonly message: string;
}

export interface Observation {
  /** Cache key of the event to create or patch. */
  readonly key: string;
  /** The message to write (the aggregate's "(combined from similar events): ..." when aggregated). */
  readonly message: string;
  /** Existing event to patch (count already incremented), or undefined to create one. */
  readonly previous: EventLog | undefined;
  /** Over the spam filter's budget: send nothing. */
  readonly skip: boolean;
}

export interface EventLog {
  count: number;
  name: string;
  namespace: string;
  firstTimestamp: string;
}

interface AggregateRecord {
  readonly messages: Set<string>;
  lastMs: number;
}

interface Bucket {
  tokens: number;
  lastMs: number;
}

/**
 * A bounded map that forgets the entry stored longest ago (client-go's caches are LRUs of
 * 4096; refreshing on every read churns a Map more than it is worth: entries are rewritten
 * when they change, which keeps busy keys young).
 */
class Lru<V> {
  private readonly map = new Map<string, V>();

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  set(key: string, v: V): void {
    if (this.map.has(key)) {
      this.map.set(key, v);
      return;
    }
    this.map.set(key, v);
    if (this.map.size > MAX_LRU_ENTRIES) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
  }

  delete(key: string): void {
    this.map.delete(key);
  }
}

/** One per event recorder, so per source and host. */
export class EventCorrelator {
  private readonly aggregates = new Lru<AggregateRecord>();
  private readonly logs = new Lru<EventLog>();
  private readonly spam = new Lru<Bucket>();

  /** What to send for a new event at `nowMs`; call `created` once a new event has been stored. */
  observe(e: CorrelatorInput, nowMs: number): Observation {
    const o = e.involved;
    // Source and host are the recorder's own: an object's uid (else its kind and name) tells events apart.
    const objectKey = o.uid ? o.uid : `${o.apiVersion ?? ''}/${o.kind}/${o.namespace ?? ''}/${o.name}`;
    const aggregateKey = `${objectKey}\u0000${e.type}\u0000${e.reason}`;
    let key = `${aggregateKey}\u0000${o.fieldPath ?? ''}\u0000${e.message}`;
    let message = e.message;
    let record = this.aggregates.get(aggregateKey);
    if (!record || nowMs - record.lastMs > AGGREGATE_INTERVAL_MS) {
      record = { messages: new Set(), lastMs: nowMs };
      this.aggregates.set(aggregateKey, record);
    }
    record.messages.add(e.message);
    record.lastMs = nowMs;
    if (record.messages.size >= AGGREGATE_MAX_EVENTS) {
      // Keep the set below the threshold: every further distinct message aggregates too.
      const first = record.messages.values().next().value;
      if (first !== undefined) record.messages.delete(first);
      key = aggregateKey;
      message = COMBINED_PREFIX + e.message;
    }
    const previous = this.logs.get(key);
    if (previous) previous.count++;
    return { key, message, previous, skip: !this.allow(objectKey, nowMs) };
  }

  created(key: string, log: EventLog): void {
    this.logs.set(key, log);
  }

  /** The event to patch is gone: the next one is created afresh. */
  forget(key: string): void {
    this.logs.delete(key);
  }

  private allow(spamKey: string, nowMs: number): boolean {
    let b = this.spam.get(spamKey);
    if (!b) {
      b = { tokens: SPAM_BURST, lastMs: nowMs };
      this.spam.set(spamKey, b);
    }
    b.tokens = Math.min(SPAM_BURST, b.tokens + (nowMs - b.lastMs) / SPAM_REFILL_MS);
    b.lastMs = nowMs;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
