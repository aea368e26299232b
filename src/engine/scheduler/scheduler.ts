import type { ApiServer } from '../api/apiserver';
import type { Namespace, Node, Pod, ReplicaSet, Service, StatefulSet } from '../api/types';
import { Component } from '../client/component';
import { EventRecorder } from '../client/event-recorder';
import type { PodDisruptionBudget } from '../disruption/types';
import type { SimEnv } from '../sim/env';
import type { ScheduledEvent } from '../sim/event-queue';
import { DecisionStore } from './decision-store';
import type { SchedulingDecision } from './decisions';
import { DEFAULT_PROFILE, DEFAULT_SCHEDULER_NAME, IN_TREE_REGISTRY } from './framework/registry';
import { informerListers, ServiceIndex } from './listers';
import { INITIAL_BACKOFF_MS } from './queue/scheduling-queue';
import { SchedulerRuntime } from './runtime';
import { scheduleOne } from './schedule-one';
import { namespacedKey } from '../util/keys';

/** backoffQ → activeQ flush period and unschedulablePods leftover flush period (upstream Run). */
const BACKOFF_FLUSH_MS = INITIAL_BACKOFF_MS;
const UNSCHEDULABLE_FLUSH_MS = 30_000;
/**
 * Most pods one cycle event takes from activeQ. kube-scheduler pops pods in a tight loop
 * while informers run beside it; taking a batch at one simulated instant models that (the
 * binds' watch events then reach the controllers together, as a burst does) and bounds the work.
 */
const MAX_PODS_PER_CYCLE = 128;

/**
 * kube-scheduler: watches pods and nodes through the API server, keeps a cache and a
 * scheduling queue, and schedules pods (a batch per event) on the simulated clock through the
 * default profile's plugins; binds through pods/<name>/binding. Every attempt leaves a
 * SchedulingDecision (pod → node → plugin → verdict / score).
 */
export class Scheduler extends Component {
  private readonly recorder: EventRecorder;
  private readonly decisions = new DecisionStore();
  private runtime: SchedulerRuntime | undefined;
  private cycle: ScheduledEvent | undefined;
  private backoffTick: ScheduledEvent | undefined;
  private startedAtMs = 0;

  constructor(env: SimEnv, api: ApiServer, id = 'scheduler') {
    super(env, api, id);
    this.recorder = new EventRecorder(env, api, DEFAULT_SCHEDULER_NAME);
  }

  /**
   * Informers and the runtime (cache, queue) are built on the first start and kept: after a
   * stop (lost leadership, node down) the informers re-list and bring them up to date.
   */
  protected onStart(): void {
    this.startedAtMs = this.env.now();
    this.runtime ??= this.setUp();
    const rt = this.runtime;
    this.every(UNSCHEDULABLE_FLUSH_MS, 'flush-unschedulable-pods-leftover', () => this.react(() => rt.queue.flushUnschedulableLeftover()));
    // Pods queued before a stop need a cycle even if the re-list brings no change.
    this.after(0, 'resume', () => this.kick());
  }

  private setUp(): SchedulerRuntime {
    const nodes = this.informer<Node>('nodes');
    const services = new ServiceIndex();
    const serviceInformer = this.informer<Service>('services');
    const replicaSets = this.informer<ReplicaSet>('replicasets');
    const statefulSets = this.informer<StatefulSet>('statefulsets');
    const namespaces = this.informer<Namespace>('namespaces');
    const pdbs = this.informer<PodDisruptionBudget>('poddisruptionbudgets');
    const pods = this.informer<Pod>('pods');
    const rt = new SchedulerRuntime({
      env: this.env,
      api: this.api,
      id: this.id,
      recorder: this.recorder,
      decisions: this.decisions,
      listers: informerListers({ services, replicaSets, statefulSets, namespaces, pdbs }),
      profile: DEFAULT_PROFILE,
      registry: IN_TREE_REGISTRY,
      podByKey: (key) => pods.getByKey(key),
    });
    serviceInformer.on({ add: (s) => services.put(s), update: (_o, s) => services.put(s), delete: (s) => services.remove(s) });
    nodes.on({
      add: (n) => this.react(() => rt.onNodeAdd(n)),
      update: (o, n) => this.react(() => rt.onNodeUpdate(o, n)),
      delete: (n) => this.react(() => rt.onNodeDelete(n)),
    });
    pods.on({
      add: (p, opId) => this.react(() => rt.onPodAdd(p, opId)),
      update: (o, p, opId, key) => this.react(() => rt.onPodUpdate(o, p, opId, key)),
      delete: (p) => this.react(() => rt.onPodDelete(p)),
    });
    return rt;
  }

  protected override onStop(): void {
    // Component.stop cancelled the timers; forget their handles.
    this.cycle = undefined;
    this.backoffTick = undefined;
  }

  /** The latest scheduling decision for a pod (undefined if none is retained). */
  decisionFor(namespace: string, pod: string): SchedulingDecision | undefined {
    return this.decisions.get(namespacedKey(namespace, pod));
  }

  /** Queue lengths, for tests and the inspector. */
  queueStats(): { active: number; backoff: number; unschedulable: number; gated: number } | undefined {
    const q = this.runtime?.queue;
    return q && { active: q.activeLength, backoff: q.backoffLength, unschedulable: q.unschedulableLength, gated: q.gatedLength };
  }

  /** Apply a change, then make sure a cycle / back-off flush is scheduled if work is waiting. */
  private react(change: () => unknown): void {
    change();
    this.kick();
  }

  private kick(): void {
    const rt = this.runtime;
    if (!rt || !this.running) return;
    if (!this.cycle && rt.queue.activeLength > 0) {
      this.cycle = this.after(0, 'schedule-one', () => this.runCycle());
    }
    if (!this.backoffTick && rt.queue.backoffLength > 0) {
      // The flush runs on the scheduler's 1 s grid, as upstream's ticker does.
      const since = this.env.now() - this.startedAtMs;
      const next = (Math.floor(since / BACKOFF_FLUSH_MS) + 1) * BACKOFF_FLUSH_MS - since;
      this.backoffTick = this.after(next, 'flush-backoff-q', () => {
        this.backoffTick = undefined;
        this.react(() => rt.queue.flushBackoffCompleted());
      });
    }
  }

  private runCycle(): void {
    this.cycle = undefined;
    const rt = this.runtime;
    if (!rt) return;
    for (let i = 0; i < MAX_PODS_PER_CYCLE && this.running; i++) {
      const q = rt.queue.pop();
      if (!q) break;
      scheduleOne(rt, q);
    }
    this.kick();
  }
}
