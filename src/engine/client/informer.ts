import type { ApiServer, RequestContext } from '../api/apiserver';
import type { KubeObject } from '../api/types';
import type { WatchEvent, WatchHandle, WatchOptions } from '../api/watch-hub';
import type { ScheduledEvent } from '../sim/event-queue';

/** client-go's reflector back-off after a failed list: 800 ms, doubling, capped at 30 s. */
const RELIST_INITIAL_MS = 800;
const RELIST_MAX_MS = 30_000;

export type InformerHandler<T extends KubeObject> = {
  add?(obj: T, opId: number | undefined): void;
  update?(oldObj: T, newObj: T, opId: number | undefined): void;
  delete?(obj: T, opId: number | undefined): void;
};

export function objectKey(obj: KubeObject): string {
  const ns = obj.metadata.namespace;
  return ns ? `${ns}/${obj.metadata.name}` : obj.metadata.name;
}

/**
 * A component's private cache of one resource, filled by list + watch through the API
 * server (never by reading another component's memory). Handlers run on each delivery.
 */
export class Informer<T extends KubeObject> {
  private readonly cache = new Map<string, T>();
  private readonly handlers: InformerHandler<T>[] = [];
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

  on(handler: InformerHandler<T>): this {
    this.handlers.push(handler);
    return this;
  }

  /**
   * Lists and starts watching. Returns false if no API server answered; the reflector then
   * lists again with back-off until it succeeds or the informer is stopped.
   */
  start(): boolean {
    if (this.handle) return true;
    const res = this.api.listAndWatch<T>(this.ctx, this.resource, this.opts, (ev) => this.onEvent(ev));
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
      this.cache.set(key, obj);
      for (const h of this.handlers) {
        if (old) {
          if (old.metadata.resourceVersion !== obj.metadata.resourceVersion) h.update?.(old, obj, undefined);
        } else h.add?.(obj, undefined);
      }
    }
    for (const [key, old] of [...this.cache]) {
      if (!seen.has(key)) {
        this.cache.delete(key);
        for (const h of this.handlers) h.delete?.(old, undefined);
      }
    }
    this.synced = true;
    return true;
  }

  stop(): void {
    this.handle?.stop();
    this.handle = undefined;
    this.synced = false;
    if (this.retry) this.api.env.queue.cancel(this.retry);
    this.retry = undefined;
    this.retryDelayMs = RELIST_INITIAL_MS;
  }

  private scheduleRelist(): void {
    if (this.retry) return;
    const delayMs = this.retryDelayMs;
    this.retryDelayMs = Math.min(RELIST_MAX_MS, delayMs * 2);
    this.retry = this.api.env.queue.after(delayMs, `${this.ctx.component}:relist ${this.resource}`, () => {
      this.retry = undefined;
      this.start();
    }, true);
  }

  get running(): boolean {
    return this.handle !== undefined;
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.cache.get(namespace ? `${namespace}/${name}` : name);
  }

  getByKey(key: string): T | undefined {
    return this.cache.get(key);
  }

  list(): IterableIterator<T> {
    return this.cache.values();
  }

  get size(): number {
    return this.cache.size;
  }

  private onEvent(ev: WatchEvent): void {
    const obj = ev.object as T;
    const key = objectKey(obj);
    const old = this.cache.get(key);
    if (ev.type === 'DELETED') {
      if (!old) return;
      this.cache.delete(key);
      for (const h of this.handlers) h.delete?.(obj, ev.opId);
      return;
    }
    this.cache.set(key, obj);
    for (const h of this.handlers) {
      if (old) h.update?.(old, obj, ev.opId);
      else h.add?.(obj, ev.opId);
    }
  }
}
