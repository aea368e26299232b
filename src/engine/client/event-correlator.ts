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
  /** The object's correlation state and the identity of the event to create or patch in it. */
  readonly object: ObjectRecord;
  readonly id: EventIdentity;
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

/**
 * client-go's event key within one object: type, reason, fieldPath and message; an
 * aggregated event is keyed by type and reason only (message undefined). Compared field by
 * field: no key string is built per event.
 */
interface EventIdentity {
  readonly type: string;
  readonly reason: string;
  readonly fieldPath: string;
  readonly message: string | undefined;
}

interface LogEntry {
  readonly id: EventIdentity;
  log: EventLog;
}

interface AggregateRecord {
  readonly type: string;
  readonly reason: string;
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

function sameIdentity(a: EventIdentity, b: EventIdentity): boolean {
  return a.reason === b.reason && a.message === b.message && a.type === b.type && a.fieldPath === b.fieldPath;
}

/**
 * What the correlator remembers about one involved object: client-go keeps three LRU caches
 * keyed by strings that all start with the object's identity; grouping by object first
 * forgets an object's state all at once. An object sees a handful of reasons, so its
 * aggregates and events are short lists, oldest first (a Map each would weigh more than
 * their contents, for every pod of the cluster).
 */
interface ObjectRecord {
  readonly aggregates: AggregateRecord[];
  readonly logs: LogEntry[];
  /** Spam filter token bucket. */
  tokens: number;
  lastMs: number;
}

function findAggregate(aggregates: readonly AggregateRecord[], type: string, reason: string): number {
  for (let i = 0; i < aggregates.length; i++) if (aggregates[i]!.reason === reason && aggregates[i]!.type === type) return i;
  return -1;
}

function findLog(logs: readonly LogEntry[], id: EventIdentity): number {
  for (let i = 0; i < logs.length; i++) if (sameIdentity(logs[i]!.id, id)) return i;
  return -1;
}

/** One per event recorder, so per source and host. */
export class EventCorrelator {
  private readonly objects = new Map<string, ObjectRecord>();
  /**
   * The objects' keys in insertion order (the Map's own order), oldest at `head`: taking
   * the Map's first key walks over every entry deleted since its last rehash, thousands
   * when each new pod evicts one.
   */
  private order: string[] = [];
  private head = 0;

  /** What to send for a new event at `nowMs`; call `created` once a new event has been stored. */
  observe(e: CorrelatorInput, nowMs: number): Observation {
    const o = e.involved;
    // Source and host are the recorder's own: an object's uid (else its kind and name) tells events apart.
    const objectKey = o.uid ? o.uid : `${o.apiVersion ?? ''}/${o.kind}/${o.namespace ?? ''}/${o.name}`;
    const rec = this.objectRecord(objectKey, nowMs);
    let id: EventIdentity = { type: e.type, reason: e.reason, fieldPath: o.fieldPath ?? '', message: e.message };
    let message = e.message;
    const at = findAggregate(rec.aggregates, e.type, e.reason);
    let agg = at >= 0 ? rec.aggregates[at]! : undefined;
    if (!agg || nowMs - agg.lastMs > AGGREGATE_INTERVAL_MS) {
      agg = { type: e.type, reason: e.reason, first: e.message, more: undefined, lastMs: nowMs };
      if (at >= 0) rec.aggregates[at] = agg;
      else rec.aggregates.push(agg);
    }
    const distinct = addMessage(agg, e.message);
    agg.lastMs = nowMs;
    if (distinct >= AGGREGATE_MAX_EVENTS) {
      // Keep the set below the threshold: every further distinct message aggregates too.
      dropOldest(agg);
      id = { type: e.type, reason: e.reason, fieldPath: '', message: undefined };
      message = COMBINED_PREFIX + e.message;
    }
    const found = findLog(rec.logs, id);
    const previous = found >= 0 ? rec.logs[found]!.log : undefined;
    if (previous) previous.count++;
    return { object: rec, id, message, previous, skip: !this.allow(rec, nowMs) };
  }

  created(seen: Observation, log: EventLog): void {
    const logs = seen.object.logs;
    const at = findLog(logs, seen.id);
    if (at >= 0) {
      logs[at]!.log = log;
      return;
    }
    logs.push({ id: seen.id, log });
    // A long-lived object (a node) sees new messages window after window: forget its oldest.
    if (logs.length > MAX_LOGS_PER_OBJECT) logs.shift();
  }

  /** The event to patch is gone: the next one is created afresh. */
  forget(seen: Observation): void {
    const logs = seen.object.logs;
    const at = findLog(logs, seen.id);
    if (at >= 0) logs.splice(at, 1);
  }

  /** The object's record, created when new; the oldest objects are forgotten past the bound. */
  private objectRecord(objectKey: string, nowMs: number): ObjectRecord {
    let rec = this.objects.get(objectKey);
    if (!rec) {
      rec = { aggregates: [], logs: [], tokens: SPAM_BURST, lastMs: nowMs };
      this.objects.set(objectKey, rec);
      this.order.push(objectKey);
      if (this.objects.size > MAX_OBJECTS) {
        const oldest = this.order[this.head++];
        if (oldest !== undefined) this.objects.delete(oldest);
        if (this.head >= MAX_OBJECTS) {
          this.order = this.order.slice(this.head);
          this.head = 0;
        }
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
