import type { ApiServer, RequestContext } from '../api/apiserver';
import type { KubeObject } from '../api/types';
import { objectKey, type WatchEvent, type WatchHandle, type WatchOptions } from '../api/watch-hub';
import { InteractionKind, type ObjectRef } from '../log/interaction-log';
import type { ScheduledEvent } from '../sim/event-queue';

/** client-go's reflector back-off after a failed list: 800 ms, doubling, capped at 30 s. */
const RELIST_INITIAL_MS = 800;
const RELIST_MAX_MS = 30_000;

export { objectKey } from '../api/watch-hub';

/** A secondary index over an informer's cache, kept up to date with it (client-go's Indexers). */
export interface CacheIndexer {
  /**
   * `key` is the object's cache key (objectKey), handed over so that no index builds it again.
   * `old`: the object the cache held under `key` until now (every index has seen it): an index
   * can tell from it alone that the change leaves its entry where it was.
   */
  upsert(key: string, obj: KubeObject, old?: KubeObject): void;
  remove(key: string, obj: KubeObject): void;
}

/** One component's handlers on a shared informer (an `Informer` view). */
export interface InformerConsumer {
  /** Interaction-log id of the component whose handlers run. */
  readonly component: string;
  /** idHashOf(component), for the log records of its deliveries. */
  readonly componentHash: number;
  /** `key`: the object's cache key (objectKey). */
  notify(old: KubeObject | undefined, obj: KubeObject, deleted: boolean, opId: number | undefined, key: string): void;
}

/**
 * One list + watch of a resource and its cache, shared by the informers of every component
 * of one process (client-go's sharedIndexInformer): kube-controller-manager's controllers
 * all read the same pod cache fed by a single watch. Each delivery is logged once per
 * component whose handlers it reaches, so the log still says which controller heard what.
 */
export class SharedIndexInformer {
  readonly cache = new Map<string, KubeObject>();
  private consumers: readonly InformerConsumer[] = [];
  private readonly indexers = new Map<string, CacheIndexer>();
  private indexerList: readonly CacheIndexer[] = [];
  private handle: WatchHandle | undefined;
  private retry: ScheduledEvent | undefined;
  private retryDelayMs = RELIST_INITIAL_MS;
  synced = false;

  constructor(
    private readonly api: ApiServer,
    private readonly ctx: RequestContext,
    readonly resource: string,
    private readonly opts: WatchOptions = {},
  ) {}

  get running(): boolean {
    return this.handle !== undefined;
  }

  /**
   * The index named `name`, created (and filled from the cache) on first use: every
   * component of the process reading the same index shares one, as they share the cache.
   */
  indexer<I extends CacheIndexer>(name: string, create: () => I): I {
    let ix = this.indexers.get(name);
    if (!ix) {
      ix = create();
      for (const [key, obj] of this.cache) ix.upsert(key, obj);
      this.indexers.set(name, ix);
      this.indexerList = [...this.indexerList, ix];
    }
    return ix as I;
  }

  private put(key: string, obj: KubeObject, old: KubeObject | undefined): void {
    this.cache.set(key, obj);
    for (const ix of this.indexerList) ix.upsert(key, obj, old);
  }

  private drop(key: string, obj: KubeObject): void {
    this.cache.delete(key);
    for (const ix of this.indexerList) ix.remove(key, obj);
  }

  isAttached(c: InformerConsumer): boolean {
    return this.consumers.includes(c);
  }

  /**
   * Adds a consumer. A running informer replays its cache to it as adds (AddEventHandler on
   * a started informer); otherwise this lists and starts watching. False if no API server answered.
   */
  attach(c: InformerConsumer): boolean {
    if (this.isAttached(c)) return this.running;
    this.consumers = [...this.consumers, c];
    if (this.handle) {
      for (const [key, obj] of this.cache) c.notify(undefined, obj, false, undefined, key);
      return true;
    }
    return this.listAndWatch();
  }

  /** Removes a consumer; the last one out stops the watch (the cache is kept for a re-list). */
  detach(c: InformerConsumer): void {
    if (!this.isAttached(c)) return;
    this.consumers = this.consumers.filter((x) => x !== c);
    if (this.consumers.length > 0) return;
    this.handle?.stop();
    this.handle = undefined;
    this.synced = false;
    if (this.retry) this.api.env.queue.cancel(this.retry);
    this.retry = undefined;
    this.retryDelayMs = RELIST_INITIAL_MS;
  }

  private listAndWatch(): boolean {
    const res = this.api.listAndWatch<KubeObject>(this.ctx, this.resource, { ...this.opts, logDeliveries: false }, (ev) => this.onEvent(ev));
    if (!res.ok) {
      this.scheduleRelist();
      return false;
    }
    this.retryDelayMs = RELIST_INITIAL_MS;
    this.handle = res.value.handle;
    const seen = new Set<string>();
    for (const obj of res.value.items) {
      const key = objectKey(obj);
      seen.add(key);
      const old = this.cache.get(key);
      this.put(key, obj, old);
      if (old && old.metadata.resourceVersion === obj.metadata.resourceVersion) continue;
      for (const c of this.consumers) c.notify(old, obj, false, undefined, key);
    }
    for (const [key, old] of [...this.cache]) {
      if (seen.has(key)) continue;
      this.drop(key, old);
      for (const c of this.consumers) c.notify(undefined, old, true, undefined, key);
    }
    this.synced = true;
    return true;
  }

  private scheduleRelist(): void {
    if (this.retry) return;
    const delayMs = this.retryDelayMs;
    this.retryDelayMs = Math.min(RELIST_MAX_MS, delayMs * 2);
    this.retry = this.api.env.queue.after(delayMs, `${this.ctx.component}:relist ${this.resource}`, () => {
      this.retry = undefined;
      if (!this.handle && this.consumers.length > 0) this.listAndWatch();
    }, true);
  }

  /** The input of every delivery record (see onEvent). */
  private readonly deliveryLine: DeliveryLine = { kind: InteractionKind.Watch, from: 'apiserver', to: '', opId: undefined, ref: undefined };

  private onEvent(ev: WatchEvent): void {
    const obj = ev.object;
    const m = obj.metadata;
    const key = ev.key;
    const old = this.cache.get(key);
    const deleted = ev.type === 'DELETED';
    if (!deleted) this.put(key, obj, old);
    else if (old) this.drop(key, old);
    const log = this.api.env.log;
    const ref = log.recording ? { kind: obj.kind, namespace: m.namespace, name: m.name } : undefined;
    // One record per component, differing only in `to`: append copies what it keeps, so one
    // input object is refilled (every field, each time: a handler may deliver another event).
    const record = this.deliveryLine;
    // A handler may stop its component (and detach others): deliver to those still attached.
    const consumers = this.consumers;
    for (const c of consumers) {
      if (this.consumers !== consumers && !this.isAttached(c)) continue;
      record.to = c.component;
      record.opId = ev.opId;
      record.ref = ref;
      log.appendLabeled(record, ev, c.componentHash);
      if (deleted && !old) continue;
      c.notify(old, obj, deleted, ev.opId, key);
    }
  }
}

/** A delivery record's input, every field present (one shape). */
interface DeliveryLine {
  readonly kind: InteractionKind;
  readonly from: string;
  to: string;
  opId: number | undefined;
  ref: ObjectRef | undefined;
}

/** One process's shared informers, by resource and watch options (client-go's SharedInformerFactory). */
export class SharedInformerFactory {
  private readonly informers = new Map<string, SharedIndexInformer>();

  constructor(
    private readonly api: ApiServer,
    /** Interaction-log id of the process's list and watch requests. */
    readonly id: string,
  ) {}

  informerFor(resource: string, opts: WatchOptions = {}): SharedIndexInformer {
    const key = `${resource}|${opts.namespace ?? ''}|${opts.nodeName ?? ''}`;
    let inf = this.informers.get(key);
    if (!inf) this.informers.set(key, (inf = new SharedIndexInformer(this.api, { component: this.id }, resource, opts)));
    return inf;
  }
}
