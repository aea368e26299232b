import type { ApiServer, RequestContext } from '../api/apiserver';
import type { KubeObject } from '../api/types';
import type { WatchOptions } from '../api/watch-hub';
import type { SimEnv } from '../sim/env';
import type { ScheduledEvent } from '../sim/event-queue';
import { Informer } from './informer';
import type { SharedInformerFactory } from './shared-informer';
import { WorkQueue } from './workqueue';

/**
 * Base of every simulated process (controllers, scheduler, kubelet): owns its informers,
 * work queues and timers so that stopping it (its node died) silences all of them at once.
 */
export abstract class Component {
  private readonly informers: Informer<KubeObject>[] = [];
  private readonly queues: WorkQueue[] = [];
  private readonly timers = new Set<ScheduledEvent>();
  /** The process's shared informers, when the component runs inside one (kube-controller-manager). */
  private shared: SharedInformerFactory | undefined;
  running = false;

  constructor(
    readonly env: SimEnv,
    readonly api: ApiServer,
    /** Interaction-log id, e.g. `scheduler`, `kcm/replicaset-controller`, `kubelet/worker-1`. */
    readonly id: string,
  ) {}

  ctx(opId?: number): RequestContext {
    return { component: this.id, opId };
  }

  /** Informers created from now on read the process's shared informers (call before start). */
  shareInformers(factory: SharedInformerFactory): void {
    this.shared = factory;
  }

  protected informer<T extends KubeObject>(resource: string, opts: WatchOptions = {}): Informer<T> {
    const inf = new Informer<T>(this.api, { component: this.id }, resource, opts, this.shared?.informerFor(resource, opts));
    this.informers.push(inf as unknown as Informer<KubeObject>);
    return inf;
  }

  protected workqueue(label: string, process: (key: string, opId: number | undefined) => void): WorkQueue {
    const q = new WorkQueue(this.env, `${this.id}:${label}`, process);
    this.queues.push(q);
    return q;
  }

  /** Runs `fn` after `delayMs`; cancelled automatically when the component stops. */
  protected after(delayMs: number, label: string, fn: () => void, background = false): ScheduledEvent {
    const ev = this.env.queue.after(
      delayMs,
      `${this.id}:${label}`,
      () => {
        this.timers.delete(ev);
        if (this.running) fn();
      },
      background,
    );
    this.timers.add(ev);
    return ev;
  }

  protected cancel(ev: ScheduledEvent | undefined): void {
    if (!ev) return;
    this.env.queue.cancel(ev);
    this.timers.delete(ev);
  }

  /** Runs `fn` every `periodMs` as a background tick while the component runs. */
  protected every(periodMs: number, label: string, fn: () => void, firstDelayMs = periodMs): void {
    const tick = (): void => {
      fn();
      if (this.running) this.after(periodMs, label, tick, true);
    };
    this.after(firstDelayMs, label, tick, true);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.onStart();
    for (const inf of this.informers) inf.start();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    for (const inf of this.informers) inf.stop();
    for (const q of this.queues) q.stop();
    for (const t of this.timers) this.env.queue.cancel(t);
    this.timers.clear();
    this.onStop();
  }

  /** Set up informers and handlers (called before informers start). */
  protected abstract onStart(): void;
  protected onStop(): void {}
}
