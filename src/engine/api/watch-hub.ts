import type { SimEnv } from '../sim/env';
import type { ScheduledEvent } from '../sim/event-queue';
import type { ResourceInfo } from './resources';
import type { KubeObject, Pod } from './types';
import { InteractionKind } from '../log/interaction-log';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  readonly type: WatchEventType;
  readonly object: KubeObject;
  /** The user operation whose request caused this change, carried along for causality. */
  readonly opId?: number;
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
   * watchers, and a burst keeps thousands queued, so no wrapper object per entry.
   */
  queue: WatchEvent[] = [];
  dues: number[] = [];
  head = 0;
  flush: ScheduledEvent | undefined;
  /** Delivers what is due: one closure per watcher, not one per scheduled flush. */
  deliverDue: () => void = () => undefined;
  stopped = false;

  constructor(
    readonly hub: WatchHub,
    readonly resource: ResourceInfo,
    readonly component: string,
    readonly opts: WatchOptions,
    readonly handler: (ev: WatchEvent) => void,
  ) {}

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.hub.env.queue.cancel(this.flush);
    this.hub.remove(this);
  }
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
    if (w.opts.nodeName !== undefined) this.byNode.get(w.resource.resource)?.get(w.opts.nodeName)?.delete(w);
    else this.all.get(w.resource.resource)?.delete(w);
  }

  /** Called once per committed write, with the object before and after (undefined = absent). */
  publish(resource: ResourceInfo, prev: KubeObject | undefined, next: KubeObject | undefined, opId: number | undefined): void {
    const obj = next ?? prev;
    if (!obj) return;
    const ns = obj.metadata.namespace;
    const type: WatchEventType = !prev ? 'ADDED' : !next ? 'DELETED' : 'MODIFIED';
    const plain = this.all.get(resource.resource);
    if (plain && plain.size > 0) {
      // One event object for every watcher: events are immutable.
      const ev: WatchEvent = { type, object: obj, opId };
      for (const w of plain) {
        if (w.opts.namespace !== undefined && w.opts.namespace !== ns) continue;
        this.enqueue(w, ev);
      }
    }
    const indexed = this.byNode.get(resource.resource);
    if (indexed) {
      const before = nodeNameOf(prev);
      const after = nodeNameOf(next);
      if (before && before === after) {
        this.fanNode(indexed, before, ns, { type, object: obj, opId });
      } else {
        if (before) this.fanNode(indexed, before, ns, { type: 'DELETED', object: obj, opId });
        if (after) this.fanNode(indexed, after, ns, { type: next && prev ? 'ADDED' : type, object: obj, opId });
      }
    }
  }

  private fanNode(indexed: Map<string, Set<Watcher>>, node: string, ns: string | undefined, ev: WatchEvent): void {
    const set = indexed.get(node);
    if (!set) return;
    for (const w of set) {
      if (w.opts.namespace !== undefined && w.opts.namespace !== ns) continue;
      this.enqueue(w, ev);
    }
  }

  private enqueue(w: Watcher, event: WatchEvent): void {
    const dueMs = this.env.now() + this.env.config.watchLatencyMs;
    w.queue.push(event);
    w.dues.push(dueMs);
    if (!w.flush) w.flush = this.env.queue.schedule(dueMs, 'watch-delivery', w.deliverDue);
  }

  private deliver(w: Watcher): void {
    w.flush = undefined;
    const now = this.env.now();
    while (!w.stopped && w.head < w.queue.length && w.dues[w.head]! <= now) {
      const event = w.queue[w.head++]!;
      const m = event.object.metadata;
      if (w.opts.logDeliveries !== false) this.env.log.append({
        kind: InteractionKind.Watch,
        from: 'apiserver',
        to: w.component,
        label: `watch ${event.type} ${event.object.kind} ${m.name}`,
        opId: event.opId,
        ref: { kind: event.object.kind, namespace: m.namespace, name: m.name },
      });
      w.handler(event);
    }
    if (w.head >= w.queue.length) {
      w.queue = [];
      w.dues = [];
      w.head = 0;
    } else if (!w.stopped) {
      w.flush = this.env.queue.schedule(w.dues[w.head]!, 'watch-delivery', w.deliverDue);
    }
  }
}
