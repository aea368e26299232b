import type { SimEnv } from '../sim/env';
import type { ScheduledEvent } from '../sim/event-queue';
import type { ResourceInfo } from './resources';
import type { KubeObject, Pod } from './types';
import { idHashOf, InteractionKind, labelHashOf, type ObjectRef } from '../log/interaction-log';
import { namespacedKey } from '../util/keys';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  readonly type: WatchEventType;
  readonly object: KubeObject;
  /** The user operation whose request caused this change, carried along for causality. */
  readonly opId?: number;
  /** The object's cache key (`namespace/name`, or `name`): built once per write, not per watcher. */
  readonly key: string;
  /** `watch <type> <kind> <name>`, the delivery's log label, and its hash: built once per event, not per delivery. */
  readonly label: string;
  readonly labelHash: number;
}

export interface WatchOptions {
  namespace?: string;
  /** fieldSelector spec.nodeName=<node> (pods only): indexed, as the watch cache does. */
  nodeName?: string;
  /** false: the watcher logs its own deliveries (a shared informer logs one per component it serves). */
  logDeliveries?: boolean;
}

export interface WatchHandle {
  stop(): void;
}

class Watcher implements WatchHandle {
  /**
   * Pending events and their delivery times, side by side: a write fans out to a dozen
   * watchers, and a burst keeps thousands queued, so no wrapper object per entry. Entries
   * head..tail are pending; the arrays are reused from 0 once drained (a fresh pair per
   * burst regrew from nothing, burst after burst), delivered slots cleared.
   */
  readonly queue: (WatchEvent | undefined)[] = [];
  readonly dues: number[] = [];
  head = 0;
  tail = 0;
  flush: ScheduledEvent | undefined;
  /** Delivers what is due: one closure per watcher, not one per scheduled flush. */
  deliverDue: () => void = () => undefined;
  stopped = false;
  /** idHashOf(component): the `to` of every delivery it logs. */
  readonly componentHash: number;
  /**
   * The options the fan-out reads, copied into fields of this class: callers build their
   * options in many shapes (a spread per informer), and reading them there for every write
   * and delivery went through megamorphic lookups.
   */
  readonly namespace: string | undefined;
  readonly nodeName: string | undefined;
  readonly logDeliveries: boolean;

  constructor(
    readonly hub: WatchHub,
    readonly resource: ResourceInfo,
    readonly component: string,
    opts: WatchOptions,
    readonly handler: (ev: WatchEvent) => void,
  ) {
    this.componentHash = idHashOf(component);
    this.namespace = opts.namespace;
    this.nodeName = opts.nodeName;
    this.logDeliveries = opts.logDeliveries !== false;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.hub.env.queue.cancel(this.flush);
    this.hub.remove(this);
  }
}

/** The key informer caches file `obj` under (client-go's MetaNamespaceKeyFunc). */
export function objectKey(obj: KubeObject): string {
  const ns = obj.metadata.namespace;
  return ns ? namespacedKey(ns, obj.metadata.name) : obj.metadata.name;
}

/** objectKey(obj), given `storeKey`, the same text as the API server files it (kept as the shared string). */
function publishedKey(obj: KubeObject, storeKey: string | undefined): string {
  const ns = obj.metadata.namespace;
  return ns ? namespacedKey(ns, obj.metadata.name, storeKey) : obj.metadata.name;
}

/** Hashes of the label prefixes `watch <type> <kind> `, by type and kind (a few dozen). */
const LABEL_PREFIX_HASHES = new Map<string, number>();

function labelPrefixHash(type: WatchEventType, kind: string): number {
  const prefixKey = type + kind;
  let h = LABEL_PREFIX_HASHES.get(prefixKey);
  if (h === undefined) {
    if (LABEL_PREFIX_HASHES.size >= 4096) LABEL_PREFIX_HASHES.clear();
    h = labelHashOf(`watch ${type} ${kind} `);
    LABEL_PREFIX_HASHES.set(prefixKey, h);
  }
  return h;
}

/**
 * A watch event with its log label's hash; the label text is only built when a delivery's
 * record is kept or heard (benchmarks log hashes only).
 */
class PublishedEvent implements WatchEvent {
  readonly labelHash: number;
  private text: string | undefined;

  constructor(
    readonly type: WatchEventType,
    readonly object: KubeObject,
    readonly opId: number | undefined,
    readonly key: string,
  ) {
    this.labelHash = labelHashOf(object.metadata.name, labelPrefixHash(type, object.kind));
  }

  get label(): string {
    return (this.text ??= `watch ${this.type} ${this.object.kind} ${this.object.metadata.name}`);
  }
}

function watchEvent(type: WatchEventType, object: KubeObject, opId: number | undefined, key: string): WatchEvent {
  return new PublishedEvent(type, object, opId, key);
}

function nodeNameOf(obj: KubeObject | undefined): string | undefined {
  return obj ? (obj as Pod).spec?.nodeName : undefined;
}

/**
 * Fans committed changes out to watchers, each with its own FIFO and a simulated delivery
 * latency. Pod watchers with a node field selector are indexed by node name so that a
 * write reaches only the kubelet it concerns.
 */
export class WatchHub {
  private readonly all = new Map<string, Set<Watcher>>();
  private readonly byNode = new Map<string, Map<string, Set<Watcher>>>();

  constructor(readonly env: SimEnv) {}

  add(resource: ResourceInfo, component: string, opts: WatchOptions, handler: (ev: WatchEvent) => void): WatchHandle {
    const w = new Watcher(this, resource, component, opts, handler);
    w.deliverDue = () => this.deliver(w);
    if (opts.nodeName !== undefined) {
      let m = this.byNode.get(resource.resource);
      if (!m) this.byNode.set(resource.resource, (m = new Map()));
      let s = m.get(opts.nodeName);
      if (!s) m.set(opts.nodeName, (s = new Set()));
      s.add(w);
    } else {
      let s = this.all.get(resource.resource);
      if (!s) this.all.set(resource.resource, (s = new Set()));
      s.add(w);
    }
    return w;
  }

  remove(w: Watcher): void {
    if (w.nodeName !== undefined) this.byNode.get(w.resource.resource)?.get(w.nodeName)?.delete(w);
    else this.all.get(w.resource.resource)?.delete(w);
  }

  /**
   * Called once per committed write, with the object before and after (undefined = absent).
   * `storeKey`: the object's key in the API server's store (storeKey in resources.ts).
   */
  publish(resource: ResourceInfo, prev: KubeObject | undefined, next: KubeObject | undefined, opId: number | undefined, storeKey?: string): void {
    const obj = next ?? prev;
    if (!obj) return;
    const ns = obj.metadata.namespace;
    const type: WatchEventType = !prev ? 'ADDED' : !next ? 'DELETED' : 'MODIFIED';
    const plain = this.all.get(resource.resource);
    // One event object for every watcher: events are immutable.
    let ev: WatchEvent | undefined;
    if (plain && plain.size > 0) {
      ev = watchEvent(type, obj, opId, publishedKey(obj, storeKey));
      for (const w of plain) {
        if (w.namespace !== undefined && w.namespace !== ns) continue;
        this.enqueue(w, ev);
      }
    }
    const indexed = this.byNode.get(resource.resource);
    if (indexed) {
      const before = nodeNameOf(prev);
      const after = nodeNameOf(next);
      if (before && before === after) {
        // The node's watchers hear the same change as everyone: the same event object.
        this.fanNode(indexed, before, ns, type, obj, opId, storeKey, ev);
      } else {
        if (before) this.fanNode(indexed, before, ns, 'DELETED', obj, opId, storeKey);
        if (after) this.fanNode(indexed, after, ns, next && prev ? 'ADDED' : type, obj, opId, storeKey);
      }
    }
  }

  /** `ev`: an event of this type for `obj` made already (for the unindexed watchers), or undefined. */
  private fanNode(indexed: Map<string, Set<Watcher>>, node: string, ns: string | undefined, type: WatchEventType, obj: KubeObject, opId: number | undefined, storeKey: string | undefined, ev?: WatchEvent): void {
    const set = indexed.get(node);
    if (!set || set.size === 0) return;
    for (const w of set) {
      if (w.namespace !== undefined && w.namespace !== ns) continue;
      this.enqueue(w, (ev ??= watchEvent(type, obj, opId, publishedKey(obj, storeKey))));
    }
  }

  private enqueue(w: Watcher, event: WatchEvent): void {
    const dueMs = this.env.now() + this.env.config.watchLatencyMs;
    const at = w.tail++;
    w.queue[at] = event;
    w.dues[at] = dueMs;
    if (!w.flush) w.flush = this.env.queue.schedule(dueMs, 'watch-delivery', w.deliverDue);
  }

  /**
   * The input of every delivery record, refilled: the log copies what it keeps, and the ref
   * (kept with a record) is only built when something records.
   */
  private readonly deliveryLine: DeliveryLine = { kind: InteractionKind.Watch, from: 'apiserver', to: '', opId: undefined, ref: undefined };

  private logDelivery(w: Watcher, event: WatchEvent): void {
    const { log } = this.env;
    const m = event.object.metadata;
    const line = this.deliveryLine;
    line.to = w.component;
    line.opId = event.opId;
    line.ref = log.recording ? { kind: event.object.kind, namespace: m.namespace, name: m.name } : undefined;
    log.appendLabeled(line, event, w.componentHash);
  }

  private deliver(w: Watcher): void {
    w.flush = undefined;
    const now = this.env.now();
    while (!w.stopped && w.head < w.tail && w.dues[w.head]! <= now) {
      const at = w.head++;
      const event = w.queue[at]!;
      w.queue[at] = undefined;
      if (w.logDeliveries) this.logDelivery(w, event);
      w.handler(event);
    }
    if (w.head >= w.tail) {
      w.head = 0;
      w.tail = 0;
    } else if (!w.stopped) {
      w.flush = this.env.queue.schedule(w.dues[w.head]!, 'watch-delivery', w.deliverDue);
    }
  }
}

/** A delivery record's input, every field present (one shape): see WatchHub.deliveryLine. */
interface DeliveryLine {
  kind: InteractionKind;
  from: string;
  to: string;
  opId: number | undefined;
  ref: ObjectRef | undefined;
}
