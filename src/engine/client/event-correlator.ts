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
  readonly type: string;
  readonly reason: string;
  readonly fieldPath: string;
  /** The key's message: undefined for an aggregated event (keyed by type and reason only). */
  readonly keyMessage: string | undefined;
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
 * One remembered event: client-go's event key within one object (type, reason, fieldPath
 * and message; an aggregated event is keyed by type and reason only, message undefined)
 * with the event it names. Compared field by field: no key string is built per event. Key
 * and event are one object, linked to the next newer one: no array per object.
 */
interface LogEntry extends EventLog {
  readonly type: string;
  readonly reason: string;
  readonly fieldPath: string;
  readonly message: string | undefined;
  next: LogEntry | undefined;
}

interface AggregateRecord {
  readonly type: string;
  readonly reason: string;
  /** The distinct messages seen (most reasons only ever see one: the Set comes with the second). */
  first: string;
  more: Set<string> | undefined;
  lastMs: number;
  next: AggregateRecord | undefined;
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
 * keyed by strings that all start with the object's identity; grouping by object first
 * forgets an object's state all at once. An object sees a handful of reasons, so its
 * aggregates and events are short linked lists, oldest first (a Map or an array each would
 * weigh more than their contents, for every pod of the cluster).
 */
interface ObjectRecord {
  aggregates: AggregateRecord | undefined;
  /** Oldest and newest remembered events, and how many. */
  logHead: LogEntry | undefined;
  logTail: LogEntry | undefined;
  logCount: number;
  /** Spam filter token bucket. */
  tokens: number;
  lastMs: number;
}

/** Bounds the walk over an object's aggregates (one per type and reason it has seen). */
const MAX_AGGREGATES = 1 << 20;

function findAggregate(rec: ObjectRecord, type: string, reason: string): AggregateRecord | undefined {
  for (let a = rec.aggregates, i = 0; a && i < MAX_AGGREGATES; a = a.next, i++) if (a.reason === reason && a.type === type) return a;
  return undefined;
}

function appendAggregate(rec: ObjectRecord, agg: AggregateRecord): void {
  let a = rec.aggregates;
  if (!a) {
    rec.aggregates = agg;
    return;
  }
  for (let i = 0; a.next && i < MAX_AGGREGATES; i++) a = a.next;
  a.next = agg;
}

function findLog(rec: ObjectRecord, type: string, reason: string, fieldPath: string, message: string | undefined): LogEntry | undefined {
  for (let l = rec.logHead, i = 0; l && i <= MAX_LOGS_PER_OBJECT; l = l.next, i++) {
    if (l.reason === reason && l.message === message && l.type === type && l.fieldPath === fieldPath) return l;
  }
  return undefined;
}

function unlink(rec: ObjectRecord, entry: LogEntry): void {
  let prev: LogEntry | undefined;
  for (let l = rec.logHead, i = 0; l && i <= MAX_LOGS_PER_OBJECT; prev = l, l = l.next, i++) {
    if (l !== entry) continue;
    if (prev) prev.next = l.next;
    else rec.logHead = l.next;
    if (rec.logTail === l) rec.logTail = prev;
    rec.logCount--;
    return;
  }
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
    let keyMessage: string | undefined = e.message;
    let fieldPath = o.fieldPath ?? '';
    let message = e.message;
    let agg = findAggregate(rec, e.type, e.reason);
    if (!agg) {
      agg = { type: e.type, reason: e.reason, first: e.message, more: undefined, lastMs: nowMs, next: undefined };
      appendAggregate(rec, agg);
    } else if (nowMs - agg.lastMs > AGGREGATE_INTERVAL_MS) {
      // A new window starts afresh (the record is the correlator's alone).
      agg.first = e.message;
      agg.more = undefined;
    }
    const distinct = addMessage(agg, e.message);
    agg.lastMs = nowMs;
    if (distinct >= AGGREGATE_MAX_EVENTS) {
      // Keep the set below the threshold: every further distinct message aggregates too.
      dropOldest(agg);
      fieldPath = '';
      keyMessage = undefined;
      message = COMBINED_PREFIX + e.message;
    }
    const previous = findLog(rec, e.type, e.reason, fieldPath, keyMessage);
    if (previous) previous.count++;
    return { object: rec, type: e.type, reason: e.reason, fieldPath, keyMessage, message, previous, skip: !this.allow(rec, nowMs) };
  }

  created(seen: Observation, log: EventLog): void {
    const rec = seen.object;
    const found = findLog(rec, seen.type, seen.reason, seen.fieldPath, seen.keyMessage);
    if (found) {
      found.count = log.count;
      found.name = log.name;
      found.namespace = log.namespace;
      found.firstTimestamp = log.firstTimestamp;
      return;
    }
    const entry: LogEntry = {
      count: log.count,
      name: log.name,
      namespace: log.namespace,
      firstTimestamp: log.firstTimestamp,
      type: seen.type,
      reason: seen.reason,
      fieldPath: seen.fieldPath,
      message: seen.keyMessage,
      next: undefined,
    };
    if (rec.logTail) rec.logTail.next = entry;
    else rec.logHead = entry;
    rec.logTail = entry;
    rec.logCount++;
    // A long-lived object (a node) sees new messages window after window: forget its oldest.
    if (rec.logCount > MAX_LOGS_PER_OBJECT && rec.logHead) unlink(rec, rec.logHead);
  }

  /** The event to patch is gone: the next one is created afresh. */
  forget(seen: Observation): void {
    const rec = seen.object;
    const found = findLog(rec, seen.type, seen.reason, seen.fieldPath, seen.keyMessage);
    if (found) unlink(rec, found);
  }

  /** The object's record, created when new; the oldest objects are forgotten past the bound. */
  private objectRecord(objectKey: string, nowMs: number): ObjectRecord {
    let rec = this.objects.get(objectKey);
    if (!rec) {
      rec = { aggregates: undefined, logHead: undefined, logTail: undefined, logCount: 0, tokens: SPAM_BURST, lastMs: nowMs };
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
