import type { ApiServer } from '../../api/apiserver';
import type { Condition, Lease, Node, Pod, PodStatus } from '../../api/types';
import { Component } from '../../client/component';
import type { Informer } from '../../client/informer';
import { objectKey } from '../../client/informer';
import type { SimEnv } from '../../sim/env';
import { rfc3339, rfc3339Micro } from '../../sim/time';
import { findUntoleratedTaint, requiredNodeAffinityMatches } from '../daemonset/eligibility';
import { isPodTerminal, pinnedNodeName } from '../shared/pod-util';
import { compareStrings } from '../shared/owner-refs';

/** What the fake kubelet makes of a pod once it is bound. */
export type PodOutcome =
  | { kind: 'ready' }
  | { kind: 'not-ready' }
  | { kind: 'pending' }
  | { kind: 'succeed'; afterMs: number }
  | { kind: 'fail'; afterMs: number };

export interface FakeAgentOptions {
  /** Bind → Running (and Ready, per outcome). */
  startDelayMs?: number;
  /** deletionTimestamp → object removed (the kubelet's kill + final delete). */
  terminationDelayMs?: number;
  outcome?: (pod: Pod) => PodOutcome;
}

/**
 * TEST ONLY: a stand-in for the scheduler and every kubelet while those are being written.
 * It binds pending pods (honouring DaemonSet pinning, nodeSelector, affinity and taints),
 * marks them Running/Ready with a pod IP, finishes graceful deletions, and keeps node
 * heartbeats fresh — all through the API server, like the real components.
 */
export class FakeNodeAgent extends Component {
  private pods!: Informer<Pod>;
  private nodes!: Informer<Node>;
  private readonly handled = new Set<string>();
  private readonly killing = new Set<string>();
  private readonly ipCounter = new Map<string, number>();
  private readonly load = new Map<string, Set<string>>();

  constructor(env: SimEnv, api: ApiServer, private readonly opts: FakeAgentOptions = {}) {
    super(env, api, 'test/fake-node-agent');
  }

  protected onStart(): void {
    this.nodes = this.informer<Node>('nodes');
    this.pods = this.informer<Pod>('pods');
    this.pods.on({ add: (p) => this.handle(p), update: (_o, p) => this.handle(p), delete: (p) => this.unload(p) });
    this.every(10_000, 'heartbeat', () => this.heartbeat(), 0);
  }

  private handle(pod: Pod): void {
    const uid = pod.metadata.uid ?? '';
    if (pod.spec.nodeName) this.track(pod);
    if (pod.metadata.deletionTimestamp) {
      if (!this.killing.has(uid)) {
        this.killing.add(uid);
        this.after(this.opts.terminationDelayMs ?? 1000, 'kill', () => this.finishDeletion(objectKey(pod), uid));
      }
      return;
    }
    if (!pod.spec.nodeName) {
      this.bind(pod);
      return;
    }
    if (this.handled.has(uid) || isPodTerminal(pod) || pod.status?.phase === 'Running') return;
    this.handled.add(uid);
    this.after(this.opts.startDelayMs ?? 500, 'start', () => this.startPod(objectKey(pod), uid));
  }

  private track(pod: Pod): void {
    const node = pod.spec.nodeName!;
    let s = this.load.get(node);
    if (!s) this.load.set(node, (s = new Set()));
    if (isPodTerminal(pod)) s.delete(objectKey(pod));
    else s.add(objectKey(pod));
  }

  private unload(pod: Pod): void {
    if (pod.spec.nodeName) this.load.get(pod.spec.nodeName)?.delete(objectKey(pod));
  }

  private bind(pod: Pod): void {
    const pinned = pinnedNodeName(pod);
    const candidates = [...this.nodes.list()]
      .filter((n) => (pinned ? n.metadata.name === pinned : !n.spec.unschedulable))
      .filter((n) => !findUntoleratedTaint(n.spec.taints, pod.spec.tolerations, (t) => t.effect !== 'PreferNoSchedule'))
      .filter((n) => requiredNodeAffinityMatches(pod.spec, n))
      .sort((a, b) => (this.load.get(a.metadata.name)?.size ?? 0) - (this.load.get(b.metadata.name)?.size ?? 0) || compareStrings(a.metadata.name, b.metadata.name));
    const node = candidates[0];
    if (node) this.api.bind(this.ctx(), pod.metadata.namespace ?? 'default', pod.metadata.name, node.metadata.name);
  }

  private fresh(key: string, uid: string): Pod | undefined {
    const pod = this.pods.getByKey(key);
    return pod && pod.metadata.uid === uid ? pod : undefined;
  }

  private startPod(key: string, uid: string): void {
    const pod = this.fresh(key, uid);
    if (!pod || pod.metadata.deletionTimestamp || !pod.spec.nodeName) return;
    const outcome = this.opts.outcome?.(pod) ?? { kind: 'ready' };
    if (outcome.kind === 'pending') return;
    this.writeStatus(pod, this.runningStatus(pod, outcome.kind !== 'not-ready'));
    if (outcome.kind === 'succeed' || outcome.kind === 'fail') {
      const exitCode = outcome.kind === 'succeed' ? 0 : 1;
      this.after(outcome.afterMs, 'exit', () => {
        const p = this.fresh(key, uid);
        if (p && !isPodTerminal(p)) this.writeStatus(p, this.terminatedStatus(p, exitCode));
      });
    }
  }

  private finishDeletion(key: string, uid: string): void {
    const pod = this.fresh(key, uid);
    if (!pod) return;
    if (pod.spec.nodeName && !isPodTerminal(pod)) this.writeStatus(pod, this.terminatedStatus(pod, 137));
    this.api.delete(this.ctx(), 'pods', pod.metadata.namespace, pod.metadata.name, { gracePeriodSeconds: 0, preconditions: { uid } });
  }

  private nextIp(nodeName: string): string {
    const node = this.nodes.get(undefined, nodeName);
    const prefix = (node?.spec.podCIDR ?? '10.244.0.0/24').replace(/\.0\/24$/, '');
    const n = (this.ipCounter.get(nodeName) ?? 1) + 1;
    this.ipCounter.set(nodeName, n);
    return `${prefix}.${n}`;
  }

  private runningStatus(pod: Pod, ready: boolean): PodStatus {
    const now = rfc3339(this.env.now());
    const flag = ready ? 'True' : 'False';
    const cond = (type: string, status: 'True' | 'False'): Condition => ({ type, status, lastProbeTime: null, lastTransitionTime: now });
    const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled') ?? cond('PodScheduled', 'True');
    return {
      ...(pod.status ?? {}),
      phase: 'Running',
      podIP: this.nextIp(pod.spec.nodeName!),
      startTime: now,
      conditions: [cond('Initialized', 'True'), cond('Ready', flag), cond('ContainersReady', flag), scheduled],
      containerStatuses: pod.spec.containers.map((c) => ({ name: c.name, image: c.image, ready, restartCount: 0, started: true, state: { running: { startedAt: now } } })),
    };
  }

  private terminatedStatus(pod: Pod, exitCode: number): PodStatus {
    const now = rfc3339(this.env.now());
    const reason = exitCode === 0 ? 'Completed' : 'Error';
    const conditions = (pod.status?.conditions ?? []).map((c) => (c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, status: 'False' as const, lastTransitionTime: now } : c));
    return {
      ...(pod.status ?? {}),
      phase: exitCode === 0 ? 'Succeeded' : 'Failed',
      conditions,
      containerStatuses: pod.spec.containers.map((c) => ({ name: c.name, image: c.image, ready: false, restartCount: 0, started: false, state: { terminated: { exitCode, reason, finishedAt: now } } })),
    };
  }

  private writeStatus(pod: Pod, status: PodStatus): void {
    this.api.update(this.ctx(), 'pods', { ...pod, status }, 'status');
  }

  private heartbeat(): void {
    const now = this.env.now();
    for (const node of this.nodes.list()) {
      const conditions = (node.status?.conditions ?? []).map((c) => (c.type === 'Ready' ? { ...c, lastHeartbeatTime: rfc3339(now) } : c));
      this.api.patch(this.ctx(), 'nodes', undefined, node.metadata.name, { status: { conditions } }, 'status');
      const lease = this.api.peek<Lease>('leases', 'kube-node-lease', node.metadata.name);
      if (lease) this.api.patch(this.ctx(), 'leases', 'kube-node-lease', node.metadata.name, { spec: { renewTime: rfc3339Micro(now) } });
    }
  }
}
