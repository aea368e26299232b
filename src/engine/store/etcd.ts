import type { KubeObject } from '../api/types';

/**
 * A revisioned key-value store shaped like etcd's MVCC: one global revision bumped by
 * every write, per-key create/mod revisions and version, watches from a revision, and
 * compaction of old history. Values are owned by the store and never mutated.
 */

export interface KeyValue {
  readonly key: string;
  readonly value: KubeObject;
  readonly createRevision: number;
  readonly modRevision: number;
  readonly version: number;
}

export type WatchEventType = 'PUT' | 'DELETE';

export interface StoreEvent {
  readonly type: WatchEventType;
  readonly kv: KeyValue;
  readonly prevKv: KeyValue | undefined;
  readonly bucket: string;
}

export type StoreListener = (event: StoreEvent) => void;

export class CompactedError extends Error {
  constructor(
    readonly requested: number,
    readonly compacted: number,
  ) {
    super(`mvcc: required revision has been compacted`);
  }
}

export class EtcdStore {
  revision = 1;
  compactedRevision = 0;
  /** bucket (resource prefix) → key → kv */
  private readonly buckets = new Map<string, Map<string, KeyValue>>();
  private history: StoreEvent[] = [];
  private readonly listeners = new Set<StoreListener>();
  /** Total bytes a NOSPACE quota would compare with; approximated by writes. */
  writes = 0;

  /**
   * `historyLimit`: how many past events are kept for watch-from-revision (eventsSince) before
   * compaction drops the older half. 0 (the default) keeps none: every watch in the engine
   * starts from the current state, and a kept event holds the value it replaced (a whole
   * old pod) alive long enough for the garbage collector to copy it into old space.
   */
  constructor(private readonly historyLimit = 0) {}

  get(bucket: string, key: string): KeyValue | undefined {
    return this.buckets.get(bucket)?.get(key);
  }

  /** All kvs in a bucket whose key starts with `prefix`, sorted by key like etcd's range. */
  range(bucket: string, prefix = ''): KeyValue[] {
    const b = this.buckets.get(bucket);
    if (!b) return [];
    const out: KeyValue[] = [];
    for (const kv of b.values()) if (prefix === '' || kv.key.startsWith(prefix)) out.push(kv);
    // Keys are often inserted in order already (admission reads the few PriorityClasses on every pod create): check before sorting.
    for (let i = 1; i < out.length; i++) {
      if (out[i - 1]!.key > out[i]!.key) {
        out.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
        break;
      }
    }
    return out;
  }

  count(bucket: string): number {
    return this.buckets.get(bucket)?.size ?? 0;
  }

  /**
   * Writes `value` at `key`. When `expectedModRevision` is given the write only happens if
   * the key's current mod revision matches (0 = must not exist), like a txn compare.
   */
  put(bucket: string, key: string, value: KubeObject, expectedModRevision?: number): KeyValue | undefined {
    let b = this.buckets.get(bucket);
    if (!b) {
      b = new Map();
      this.buckets.set(bucket, b);
    }
    const prev = b.get(key);
    if (expectedModRevision !== undefined && (prev?.modRevision ?? 0) !== expectedModRevision) return undefined;
    this.revision++;
    const kv: KeyValue = {
      key,
      value,
      createRevision: prev?.createRevision ?? this.revision,
      modRevision: this.revision,
      version: (prev?.version ?? 0) + 1,
    };
    b.set(key, kv);
    this.writes++;
    if (this.heard) this.emit({ type: 'PUT', kv, prevKv: prev, bucket });
    return kv;
  }

  delete(bucket: string, key: string, expectedModRevision?: number): KeyValue | undefined {
    const b = this.buckets.get(bucket);
    const prev = b?.get(key);
    if (!b || !prev) return undefined;
    if (expectedModRevision !== undefined && prev.modRevision !== expectedModRevision) return undefined;
    this.revision++;
    b.delete(key);
    this.writes++;
    const tomb: KeyValue = { key, value: prev.value, createRevision: prev.createRevision, modRevision: this.revision, version: 0 };
    if (this.heard) this.emit({ type: 'DELETE', kv: tomb, prevKv: prev, bucket });
    return tomb;
  }

  /** Events after `fromRevision` (exclusive) still held in history. Without history, every past revision counts as compacted. */
  eventsSince(fromRevision: number): StoreEvent[] {
    const compacted = this.historyLimit > 0 ? this.compactedRevision : this.revision;
    if (fromRevision < compacted) throw new CompactedError(fromRevision, compacted);
    let lo = 0;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.history[mid]!.kv.modRevision <= fromRevision) lo = mid + 1;
      else hi = mid;
    }
    return this.history.slice(lo);
  }

  /** Drops history at or below `revision` (the API server compacts every 5 minutes). */
  compact(revision: number): void {
    const keep = this.history.filter((e) => e.kv.modRevision > revision);
    this.history = keep;
    this.compactedRevision = Math.max(this.compactedRevision, revision);
  }

  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether a write's event is kept or listened to (else it is not built). */
  private get heard(): boolean {
    return this.historyLimit > 0 || this.listeners.size > 0;
  }

  private emit(event: StoreEvent): void {
    if (this.historyLimit > 0) this.remember(event);
    for (const l of this.listeners) l(event);
  }

  private remember(event: StoreEvent): void {
    this.history.push(event);
    if (this.history.length > this.historyLimit) {
      const drop = this.history.length - Math.floor(this.historyLimit / 2);
      this.compactedRevision = this.history[drop - 1]!.kv.modRevision;
      this.history = this.history.slice(drop);
    }
  }
}
