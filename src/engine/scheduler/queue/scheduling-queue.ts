import type { PodInfo } from '../cache/pod-info';
import type { QueuedPodInfo } from '../framework/interfaces';
import type { Result } from '../framework/status';
import { eventMayHelp, type ClusterEvent } from './cluster-events';
import { KeyedHeap } from './heap';

/** Upstream defaults: podInitialBackoffSeconds 1, podMaxBackoffSeconds 10, podMaxInUnschedulablePodsDuration 5m. */
export const INITIAL_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 10_000;
export const MAX_IN_UNSCHEDULABLE_MS = 5 * 60_000;

export interface QueueDeps {
  now(): number;
  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean;
  preEnqueue(pod: PodInfo): Result;
}

/** 1 s × 2^(attempts−1), capped at 10 s; no penalty before the first attempt. */
export function backoffDurationMs(attempts: number): number {
  if (attempts === 0) return 0;
  let d = INITIAL_BACKOFF_MS;
  for (let i = 1; i < attempts; i++) {
    if (d > MAX_BACKOFF_MS - d) return MAX_BACKOFF_MS;
    d += d;
  }
  return d;
}

export type QueueName = 'activeQ' | 'backoffQ' | 'unschedulablePods' | 'gated';

/**
 * The scheduling queue (upstream PriorityQueue): activeQ ordered by QueueSort, backoffQ
 * ordered by back-off expiry, unschedulablePods waiting for a cluster event, and pods held
 * by a PreEnqueue plugin (scheduling gates).
 */
export class SchedulingQueue {
  private readonly activeQ: KeyedHeap<QueuedPodInfo>;
  private readonly backoffQ: KeyedHeap<QueuedPodInfo>;
  private readonly unschedulable = new Map<string, QueuedPodInfo>();
  private readonly gated = new Map<string, QueuedPodInfo>();
  private seq = 0;

  constructor(private readonly deps: QueueDeps) {
    this.activeQ = new KeyedHeap((q) => q.key, deps.less);
    this.backoffQ = new KeyedHeap((q) => q.key, (a, b) => {
      const ea = this.backoffExpiry(a);
      const eb = this.backoffExpiry(b);
      return ea !== eb ? ea < eb : a.seq < b.seq;
    });
  }

  backoffExpiry(q: QueuedPodInfo): number {
    return q.timestamp + backoffDurationMs(q.attempts);
  }

  isBackingOff(q: QueuedPodInfo): boolean {
    return this.backoffExpiry(q) > this.deps.now();
  }

  /** A new unscheduled pod: to activeQ unless a PreEnqueue plugin holds it. */
  add(pod: PodInfo, opId: number | undefined): void {
    if (this.where(pod.key)) {
      this.update(pod, opId, true);
      return;
    }
    const q: QueuedPodInfo = { key: pod.key, podInfo: pod, timestamp: this.deps.now(), initialAttemptTimestamp: undefined, attempts: 0, unschedulablePlugins: new Set(), opId, seq: this.seq++, heapIndex: -1 };
    this.enqueueActiveOrGated(q);
  }

  /** The pod object changed; `relevant` = its spec or labels changed (not just status). */
  update(pod: PodInfo, opId: number | undefined, relevant: boolean): void {
    const q = this.find(pod.key);
    if (!q) {
      this.add(pod, opId);
      return;
    }
    q.podInfo = pod;
    if (opId !== undefined) q.opId = opId;
    const where = this.where(pod.key);
    if (where === 'activeQ') this.activeQ.push(q);
    else if (where === 'backoffQ') this.backoffQ.push(q);
    else if (where === 'gated') {
      this.gated.delete(q.key);
      this.enqueueActiveOrGated(q);
    } else if (where === 'unschedulablePods' && relevant) {
      this.unschedulable.delete(q.key);
      this.requeue(q);
    }
  }

  delete(key: string): void {
    this.activeQ.remove(key);
    this.backoffQ.remove(key);
    this.unschedulable.delete(key);
    this.gated.delete(key);
  }

  /** Next pod to schedule, counting the attempt. */
  pop(): QueuedPodInfo | undefined {
    const q = this.activeQ.pop();
    if (!q) return undefined;
    q.attempts++;
    if (q.initialAttemptTimestamp === undefined) q.initialAttemptTimestamp = this.deps.now();
    return q;
  }

  /**
   * After a failed attempt: unschedulable pods wait for a cluster event that may help
   * (any event when no plugin is to blame); pods that failed with an error retry after
   * their back-off.
   */
  addUnschedulable(q: QueuedPodInfo, rejectors: ReadonlySet<string>, error = false): void {
    q.timestamp = this.deps.now();
    q.unschedulablePlugins = new Set(rejectors);
    if (error) this.backoffQ.push(q);
    else this.unschedulable.set(q.key, q);
  }

  /** Moves the unschedulable pods this event may help (and that pass `check`) to backoffQ / activeQ. */
  onClusterEvent(event: ClusterEvent, check?: (pod: PodInfo) => boolean): number {
    let moved = 0;
    for (const q of [...this.unschedulable.values()]) {
      if (!eventMayHelp(event, q.unschedulablePlugins)) continue;
      if (check && !check(q.podInfo)) continue;
      this.unschedulable.delete(q.key);
      this.requeue(q);
      moved++;
    }
    return moved;
  }

  /** The 1 s tick: pods whose back-off has ended go to activeQ. */
  flushBackoffCompleted(): number {
    let moved = 0;
    const now = this.deps.now();
    for (let q = this.backoffQ.peek(); q && this.backoffExpiry(q) <= now; q = this.backoffQ.peek()) {
      this.backoffQ.pop();
      this.activeQ.push(q);
      moved++;
    }
    return moved;
  }

  /** The 30 s tick: pods unschedulable for longer than 5 minutes get another try. */
  flushUnschedulableLeftover(): number {
    const now = this.deps.now();
    let moved = 0;
    for (const q of [...this.unschedulable.values()]) {
      if (now - q.timestamp <= MAX_IN_UNSCHEDULABLE_MS) continue;
      this.unschedulable.delete(q.key);
      this.requeue(q);
      moved++;
    }
    return moved;
  }

  nextBackoffExpiry(): number | undefined {
    const q = this.backoffQ.peek();
    return q ? this.backoffExpiry(q) : undefined;
  }

  where(key: string): QueueName | undefined {
    if (this.activeQ.has(key)) return 'activeQ';
    if (this.backoffQ.has(key)) return 'backoffQ';
    if (this.unschedulable.has(key)) return 'unschedulablePods';
    if (this.gated.has(key)) return 'gated';
    return undefined;
  }

  get activeLength(): number {
    return this.activeQ.size;
  }

  get backoffLength(): number {
    return this.backoffQ.size;
  }

  get unschedulableLength(): number {
    return this.unschedulable.size;
  }

  get gatedLength(): number {
    return this.gated.size;
  }

  private find(key: string): QueuedPodInfo | undefined {
    return this.activeQ.get(key) ?? this.backoffQ.get(key) ?? this.unschedulable.get(key) ?? this.gated.get(key);
  }

  private requeue(q: QueuedPodInfo): void {
    if (this.isBackingOff(q)) this.backoffQ.push(q);
    else this.activeQ.push(q);
  }

  private enqueueActiveOrGated(q: QueuedPodInfo): void {
    if (this.deps.preEnqueue(q.podInfo) === null) this.activeQ.push(q);
    else this.gated.set(q.key, q);
  }
}
