import type { ApiServer, RequestContext } from '../api/apiserver';
import type { KubeObject } from '../api/types';
import type { WatchOptions } from '../api/watch-hub';
import { SharedIndexInformer, type CacheIndexer, type InformerConsumer } from './shared-informer';
import { namespacedKey } from '../util/keys';
import { idHashOf } from '../log/interaction-log';

export { objectKey } from './shared-informer';

/** `key`: the object's cache key (objectKey), handed over so that a handler need not build it again. */
export type InformerHandler<T extends KubeObject> = {
  add?(obj: T, opId: number | undefined, key: string): void;
  update?(oldObj: T, newObj: T, opId: number | undefined, key: string): void;
  delete?(obj: T, opId: number | undefined, key: string): void;
};

/**
 * A component's view of one resource, filled by list + watch through the API server (never
 * by reading another component's memory). Handlers run on each delivery. The list, watch
 * and cache are its own, or its process's shared informer's (see SharedInformerFactory).
 */
export class Informer<T extends KubeObject> implements InformerConsumer {
  private readonly handlers: InformerHandler<T>[] = [];
  private readonly source: SharedIndexInformer;
  readonly component: string;
  readonly componentHash: number;

  constructor(
    api: ApiServer,
    ctx: RequestContext,
    readonly resource: string,
    opts: WatchOptions = {},
    shared?: SharedIndexInformer,
  ) {
    this.component = ctx.component;
    this.componentHash = idHashOf(ctx.component);
    this.source = shared ?? new SharedIndexInformer(api, ctx, resource, opts);
  }

  on(handler: InformerHandler<T>): this {
    this.handlers.push(handler);
    return this;
  }

  /**
   * Lists and starts watching. Returns false if no API server answered; the reflector then
   * lists again with back-off until it succeeds or the informer is stopped.
   */
  start(): boolean {
    return this.source.attach(this);
  }

  stop(): void {
    this.source.detach(this);
  }

  /** A secondary index over the cache, shared by every informer reading the same cache. */
  indexer<I extends CacheIndexer>(name: string, create: () => I): I {
    return this.source.indexer(name, create);
  }

  get synced(): boolean {
    return this.source.isAttached(this) && this.source.synced;
  }

  get running(): boolean {
    return this.source.isAttached(this) && this.source.running;
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.source.cache.get(namespace ? namespacedKey(namespace, name) : name) as T | undefined;
  }

  getByKey(key: string): T | undefined {
    return this.source.cache.get(key) as T | undefined;
  }

  list(): IterableIterator<T> {
    return this.source.cache.values() as IterableIterator<T>;
  }

  get size(): number {
    return this.source.cache.size;
  }

  notify(old: KubeObject | undefined, obj: KubeObject, deleted: boolean, opId: number | undefined, key: string): void {
    const o = old as T | undefined;
    const n = obj as T;
    for (const h of this.handlers) {
      if (deleted) h.delete?.(n, opId, key);
      else if (o) h.update?.(o, n, opId, key);
      else h.add?.(n, opId, key);
    }
  }
}
