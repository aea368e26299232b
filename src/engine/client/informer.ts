import type { ApiServer, RequestContext } from '../api/apiserver';
import type { KubeObject } from '../api/types';
import type { WatchEvent, WatchHandle, WatchOptions } from '../api/watch-hub';

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

  /** Lists and starts watching. Returns false if the API server refused (e.g. no quorum). */
  start(): boolean {
    if (this.handle) return true;
    const res = this.api.listAndWatch<T>(this.ctx, this.resource, this.opts, (ev) => this.onEvent(ev));
    if (!res.ok) return false;
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
