import type { InvolvedObject } from '../api/types';

/**
 * client-go's EventCorrelator (tools/record/events_cache.go), per event recorder:
 * - aggregation: from the 10th distinct message within 10 minutes for the same source,
 *   object, type and reason, events become one "(combined from similar events): ..." event
 *   whose count goes up;
 * - observation: an event seen before (same key) is a PATCH of count and lastTimestamp;
 * - spam filter: a token bucket per source and object, 25 events of burst refilled at one
 *   every 5 minutes; events over it are dropped (their observation still counts).
 */

export const AGGREGATE_MAX_EVENTS = 10;
export const AGGREGATE_INTERVAL_MS = 600_000;
export const SPAM_BURST = 25;
export const SPAM_REFILL_MS = 300_000;
/** client-go's caches hold 4096 entries; objects are remembered up to that many. */
const MAX_OBJECTS = 4096;
/** Events remembered per object for count patches (client-go's LRU is 4096 across all objects). */
const MAX_LOGS_PER_OBJECT = 256;
export const COMBINED_PREFIX = '(combined from similar events): ';

export interface CorrelatorInput {
  readonly involved: InvolvedObject;
  readonly type: string;
  readonly reason: string;
  readonly message: string;
}

export interface Observation {
  /** The object's correlation state and the key of the event to create or patch in it. */
  readonly object: ObjectRecord;
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
  /** The distinct messages seen (most reasons only ever see one: the Set comes with the second). */
  first: string;
  more: Set<string> | undefined;
  lastMs: number;
}

/** Adds `message`; returns how many distinct messages the record holds. */
function addMessage(agg: AggregateRecord, message: string): number {
  if (!agg.more) {
    if (message === agg.first) return 1;
    agg.more = new Set([agg.first]);
  }
  agg.more.add(message);
  return agg.more.size;
}

/** Forgets the oldest message (keeps the set just under the aggregation threshold). */
function dropOldest(agg: AggregateRecord): void {
  const more = agg.more;
  if (!more) return;
  const oldest = more.values().next().value;
  if (oldest !== undefined) more.delete(oldest);
}

/**
 * What the correlator remembers about one involved object: client-go keeps three LRU caches
 * keyed by strings that all start with the object's identity; grouping by object first keeps
 * the keys short (type, reason, message) and forgets an object's state all at once.
 */
interface ObjectRecord {
  readonly aggregates: Map<string, AggregateRecord>;
  readonly logs: Map<string, EventLog>;
  /** Spam filter token bucket. */
  tokens: number;
  lastMs: number;
}

/** One per event recorder, so per source and host. */
export class EventCorrelator {
  private readonly objects = new Map<string, ObjectRecord>();

  /** What to send for a new event at `nowMs`; call `created` once a new event has been stored. */
  observe(e: CorrelatorInput, nowMs: number): Observation {
    const o = e.involved;
    // Source and host are the recorder's own: an object's uid (else its kind and name) tells events apart.
    const objectKey = o.uid ? o.uid : `${o.apiVersion ?? ''}/${o.kind}/${o.namespace ?? ''}/${o.name}`;
    const rec = this.objectRecord(objectKey, nowMs);
    const aggregateKey = `${e.type}\u0000${e.reason}`;
    let key = `${aggregateKey}\u0000${o.fieldPath ?? ''}\u0000${e.message}`;
    let message = e.message;
    let agg = rec.aggregates.get(aggregateKey);
    if (!agg || nowMs - agg.lastMs > AGGREGATE_INTERVAL_MS) {
      agg = { first: e.message, more: undefined, lastMs: nowMs };
      rec.aggregates.set(aggregateKey, agg);
    }
    const distinct = addMessage(agg, e.message);
    agg.lastMs = nowMs;
    if (distinct >= AGGREGATE_MAX_EVENTS) {
      // Keep the set below the threshold: every further distinct message aggregates too.
      dropOldest(agg);
      key = aggregateKey;
      message = COMBINED_PREFIX + e.message;
    }
    const previous = rec.logs.get(key);
    if (previous) previous.count++;
    return { object: rec, key, message, previous, skip: !this.allow(rec, nowMs) };
  }

  created(seen: Observation, log: EventLog): void {
    const logs = seen.object.logs;
    logs.set(seen.key, log);
    // A long-lived object (a node) sees new messages window after window: forget its oldest.
    if (logs.size > MAX_LOGS_PER_OBJECT) {
      const oldest = logs.keys().next().value;
      if (oldest !== undefined) logs.delete(oldest);
    }
  }

  /** The event to patch is gone: the next one is created afresh. */
  forget(seen: Observation): void {
    seen.object.logs.delete(seen.key);
  }

  /** The object's record, created when new; the oldest objects are forgotten past the bound. */
  private objectRecord(objectKey: string, nowMs: number): ObjectRecord {
    let rec = this.objects.get(objectKey);
    if (!rec) {
      rec = { aggregates: new Map(), logs: new Map(), tokens: SPAM_BURST, lastMs: nowMs };
      this.objects.set(objectKey, rec);
      if (this.objects.size > MAX_OBJECTS) {
        const oldest = this.objects.keys().next().value;
        if (oldest !== undefined) this.objects.delete(oldest);
      }
    }
    return rec;
  }

  private allow(rec: ObjectRecord, nowMs: number): boolean {
    rec.tokens = Math.min(SPAM_BURST, rec.tokens + (nowMs - rec.lastMs) / SPAM_REFILL_MS);
    rec.lastMs = nowMs;
    if (rec.tokens < 1) return false;
    rec.tokens -= 1;
    return true;
  }
}
