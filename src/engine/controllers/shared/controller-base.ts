import type { ApiServer, RequestContext } from '../../api/apiserver';
import { Component } from '../../client/component';
import { EventRecorder } from '../../client/event-recorder';
import type { WorkQueue } from '../../client/workqueue';
import type { SimEnv } from '../../sim/env';

/** Per-item retry back-off of client-go's default controller rate limiter: 5 ms doubling. */
const RETRY_BASE_MS = 5;
const RETRY_MAX_MS = 1000_000;

/** What a sync pass tells its queue. */
export type SyncResult = 'done' | 'retry';

/**
 * A kube-controller-manager loop: one Component with a work queue of object keys, an event
 * recorder named like the upstream controller, and per-key exponential retry on failure.
 */
export abstract class QueueController extends Component {
  protected readonly recorder: EventRecorder;
  protected queue!: WorkQueue;
  private readonly failures = new Map<string, number>();

  constructor(env: SimEnv, api: ApiServer, name: string, eventSource: string = name) {
    super(env, api, `kcm/${name}`);
    this.recorder = new EventRecorder(env, api, eventSource);
  }

  protected onStart(): void {
    this.queue = this.workqueue('sync', (key, opId) => this.process(key, opId));
    this.setup();
  }

  /** Creates informers and handlers; runs before the informers list. */
  protected abstract setup(): void;

  /** Reconciles one key. Returning 'retry' requeues it with back-off. */
  protected abstract sync(key: string, ctx: RequestContext): SyncResult;

  protected enqueue(key: string, opId?: number): void {
    this.queue.add(key, opId);
  }

  protected enqueueAfter(key: string, delayMs: number, opId?: number): void {
    this.queue.addAfter(key, Math.max(0, Math.ceil(delayMs)), opId);
  }

  private process(key: string, opId: number | undefined): void {
    const result = this.sync(key, this.ctx(opId));
    if (result === 'done') {
      this.failures.delete(key);
      return;
    }
    const n = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, n);
    this.queue.addAfter(key, Math.min(RETRY_BASE_MS * 2 ** Math.min(n - 1, 30), RETRY_MAX_MS), opId);
  }
}
