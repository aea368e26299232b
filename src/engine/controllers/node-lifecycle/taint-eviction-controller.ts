import type { ApiServer } from '../../api/apiserver';
import type { Condition, InvolvedObject, Node, Pod, Taint } from '../../api/types';
import { Component } from '../../client/component';
import { EventRecorder } from '../../client/event-recorder';
import { objectKey } from '../../client/informer';
import type { SimEnv } from '../../sim/env';
import type { ScheduledEvent } from '../../sim/event-queue';
import { rfc3339 } from '../../sim/time';
import { deepEqual } from '../../util/clone';
import { PodsByNode } from './pods-by-node';
import { noExecuteTaints } from './taints';
import { matchingTolerations, minTolerationMs } from './tolerations';

interface ScheduledEviction {
  readonly createdAtMs: number;
  readonly fireAtMs: number;
  readonly timer: ScheduledEvent;
}

/**
 * The taint-eviction-controller (pkg/controller/tainteviction): for every pod on a node with
 * NoExecute taints, delete it at once if a taint is not tolerated, else at (first seen +
 * the smallest matching tolerationSeconds); tolerations without seconds mean never.
 * Deletion is cancelled if the taints go away first.
 */
export class TaintEvictionController extends Component {
  private readonly pods = new PodsByNode();
  private readonly recorder: EventRecorder;
  /** Nodes with NoExecute taints, and those taints. */
  private readonly taintedNodes = new Map<string, Taint[]>();
  private readonly work = new Map<string, ScheduledEviction>();

  constructor(env: SimEnv, api: ApiServer) {
    super(env, api, 'kcm/taint-eviction-controller');
    this.recorder = new EventRecorder(env, api, 'taint-eviction-controller');
  }

  protected onStart(): void {
    this.informer<Node>('nodes').on({
      add: (n, opId) => this.nodeUpdated(undefined, n, opId),
      update: (o, n, opId) => this.nodeUpdated(o, n, opId),
      delete: (n, opId) => this.nodeUpdated(n, { ...n, spec: { ...n.spec, taints: [] } }, opId),
    });
    const pods = this.informer<Pod>('pods');
    this.pods.attach(pods);
    pods.on({
      add: (p, opId) => this.podUpdated(undefined, p, opId),
      update: (o, p, opId) => this.podUpdated(o, p, opId),
      delete: (p) => this.cancelWork(objectKey(p), false),
    });
  }

  private nodeUpdated(old: Node | undefined, node: Node, opId: number | undefined): void {
    const taints = noExecuteTaints(node.spec.taints);
    if (old && deepEqual(noExecuteTaints(old.spec.taints), taints)) return;
    const name = node.metadata.name;
    if (taints.length === 0) this.taintedNodes.delete(name);
    else this.taintedNodes.set(name, taints);
    const pods = this.pods.on(name);
    if (taints.length === 0) {
      for (const p of pods) this.cancelWork(objectKey(p), true);
      return;
    }
    const now = this.env.now();
    for (const p of pods) this.processPodOnNode(p, taints, now, opId);
  }

  private podUpdated(old: Pod | undefined, pod: Pod, opId: number | undefined): void {
    if (old && deepEqual(old.spec.tolerations, pod.spec.tolerations) && old.spec.nodeName === pod.spec.nodeName) return;
    const node = pod.spec.nodeName;
    const taints = node ? this.taintedNodes.get(node) : undefined;
    if (!taints) return;
    this.processPodOnNode(pod, taints, this.env.now(), opId);
  }

  private processPodOnNode(pod: Pod, taints: readonly Taint[], nowMs: number, opId: number | undefined): void {
    const key = objectKey(pod);
    const { allTolerated, used } = matchingTolerations(taints, pod.spec.tolerations);
    if (!allTolerated) {
      this.cancelWork(key, true);
      this.addWork(key, nowMs, nowMs, opId);
      return;
    }
    const minMs = minTolerationMs(used);
    if (minMs < 0) {
      this.cancelWork(key, true);
      return;
    }
    let startMs = nowMs;
    const existing = this.work.get(key);
    if (existing) {
      startMs = existing.createdAtMs;
      // Already scheduled from an earlier sighting: that first-seen time stands.
      if (startMs + minMs <= nowMs + minMs) return;
      this.cancelWork(key, true);
    }
    this.addWork(key, startMs, nowMs + minMs, opId);
  }

  private podRef(key: string): InvolvedObject {
    const slash = key.indexOf('/');
    return { apiVersion: 'v1', kind: 'Pod', namespace: key.slice(0, slash), name: key.slice(slash + 1) };
  }

  private addWork(key: string, createdAtMs: number, fireAtMs: number, opId: number | undefined): void {
    const delay = Math.max(0, fireAtMs - this.env.now());
    const timer = this.after(delay, 'evict', () => this.evict(key, opId), delay > 0);
    this.work.set(key, { createdAtMs, fireAtMs, timer });
  }

  private cancelWork(key: string, withEvent: boolean): void {
    const w = this.work.get(key);
    if (!w) return;
    this.cancel(w.timer);
    this.work.delete(key);
    if (withEvent) this.recorder.record(this.ctx(), this.podRef(key), 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
  }

  /** The timer fired: event, DisruptionTarget condition, then a normal graceful DELETE. */
  private evict(key: string, opId: number | undefined): void {
    this.work.delete(key);
    const ctx = this.ctx(opId);
    const ref = this.podRef(key);
    this.recorder.record(ctx, ref, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`);
    const got = this.api.get<Pod>(ctx, 'pods', ref.namespace, ref.name);
    if (!got.ok) return;
    const pod = got.value;
    const conditions = pod.status?.conditions ?? [];
    const old = conditions.find((c) => c.type === 'DisruptionTarget');
    const target: Condition = {
      type: 'DisruptionTarget',
      status: 'True',
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
      lastProbeTime: null,
      lastTransitionTime: old?.status === 'True' && old.lastTransitionTime ? old.lastTransitionTime : rfc3339(this.env.now()),
    };
    if (!deepEqual(old, target)) {
      const next = old ? conditions.map((c) => (c === old ? target : c)) : [...conditions, target];
      this.api.update(ctx, 'pods', { ...pod, status: { ...pod.status, conditions: next } }, 'status');
    }
    this.api.delete(ctx, 'pods', ref.namespace, ref.name, { preconditions: { uid: pod.metadata.uid } });
  }
}
