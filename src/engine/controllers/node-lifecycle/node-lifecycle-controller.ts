import type { ApiServer } from '../../api/apiserver';
import type { Condition, InvolvedObject, Lease, Node, Pod } from '../../api/types';
import { Component } from '../../client/component';
import { EventRecorder } from '../../client/event-recorder';
import type { Informer } from '../../client/informer';
import type { WorkQueue } from '../../client/workqueue';
import type { SimEnv } from '../../sim/env';
import type { ScheduledEvent } from '../../sim/event-queue';
import { rfc3339 } from '../../sim/time';
import { tryUpdateNodeHealth, unknownConditions, type NodeHealth } from './node-health';
import { markPodsNotReady, patchNodeTaints, writeNodeConditions } from './node-writes';
import { PodsByNode } from './pods-by-node';
import { RateLimitedTimedQueue } from './rate-limited-queue';
import {
  desiredNoScheduleKeys, NOT_READY_NO_EXECUTE, readyCondition, reconcileNoSchedule, swapTaints, taintExists, UNREACHABLE_NO_EXECUTE,
} from './taints';
import { computeZoneState, EVICTION_QPS, excludedFromDisruption, ZoneState, zoneKey, zoneQps } from './zones';

/** --node-monitor-period, and the NoExecute tainting loop's period (nodeEvictionPeriod). */
export const NODE_MONITOR_PERIOD_MS = 5000;
export const NO_EXECUTE_TAINT_PERIOD_MS = 100;

/**
 * kube-controller-manager's node lifecycle controller: watches Nodes and Leases, marks nodes
 * that stopped heartbeating Unknown after the grace period, marks their pods not Ready,
 * applies NoSchedule taints at once and NoExecute taints through per-zone rate-limited
 * queues, and stops tainting when every zone looks down (master disruption mode).
 */
export class NodeLifecycleController extends Component {
  private nodes!: Informer<Node>;
  private leases!: Informer<Lease>;
  private readonly pods = new PodsByNode();
  private noScheduleQueue!: WorkQueue;
  private readonly recorder: EventRecorder;
  private readonly health = new Map<string, NodeHealth>();
  /** knownNodeSet: node name → its zone when first seen. */
  private readonly known = new Map<string, string>();
  private readonly zoneStates = new Map<string, ZoneState>();
  private readonly tainters = new Map<string, RateLimitedTimedQueue>();
  private taintTick: ScheduledEvent | undefined;

  constructor(env: SimEnv, api: ApiServer) {
    super(env, api, 'kcm/node-lifecycle-controller');
    this.recorder = new EventRecorder(env, api, 'node-controller');
  }

  protected onStart(): void {
    this.nodes = this.informer<Node>('nodes');
    this.leases = this.informer<Lease>('leases', { namespace: 'kube-node-lease' });
    this.pods.attach(this.informer<Pod>('pods'));
    this.noScheduleQueue = this.workqueue('no-schedule-taints', (name, opId) => this.doNoScheduleTaintingPass(name, opId));
    this.nodes.on({
      add: (n, opId) => this.noScheduleQueue.add(n.metadata.name, opId),
      update: (_o, n, opId) => this.noScheduleQueue.add(n.metadata.name, opId),
    });
    this.every(NODE_MONITOR_PERIOD_MS, 'monitor', () => this.monitorNodeHealth());
  }

  private nodeRef(node: Node): InvolvedObject {
    return { apiVersion: 'v1', kind: 'Node', name: node.metadata.name, uid: node.metadata.uid };
  }

  private recordNodeEvent(node: Node, reason: string, message: string): void {
    this.recorder.record(this.ctx(), this.nodeRef(node), 'Normal', reason, `Node ${node.metadata.name} event: ${message}`);
  }

  private tainter(zone: string): RateLimitedTimedQueue {
    let q = this.tainters.get(zone);
    if (!q) {
      q = new RateLimitedTimedQueue(EVICTION_QPS, this.env.now());
      this.tainters.set(zone, q);
      if (!this.zoneStates.has(zone)) this.zoneStates.set(zone, ZoneState.Initial);
    }
    return q;
  }

  private doNoScheduleTaintingPass(name: string, opId: number | undefined): void {
    const node = this.nodes.get(undefined, name);
    if (!node) return;
    const now = rfc3339(this.env.now());
    patchNodeTaints(this.api, this.ctx(opId), node, (n) => reconcileNoSchedule(n.spec.taints, desiredNoScheduleKeys(n), now));
  }

  /** monitorNodeHealth: one pass over every node, every 5 s. */
  private monitorNodeHealth(): void {
    const now = this.env.now();
    const nodes = [...this.nodes.list()].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    this.classifyNodes(nodes);
    const zoneConditions = new Map<string, (Condition | undefined)[]>();
    for (const node of nodes) {
      const name = node.metadata.name;
      const res = tryUpdateNodeHealth(node, this.health.get(name), this.leases.get('kube-node-lease', name), now);
      let current = node;
      if (res.conditions) {
        const stamp = rfc3339(now);
        const heartbeat = readyCondition(node)?.lastHeartbeatTime;
        // On a conflict the node is re-read: if the kubelet posted meanwhile, it is alive after all.
        const written = writeNodeConditions(this.api, this.ctx(), node, (n) => (readyCondition(n)?.lastHeartbeatTime === heartbeat ? unknownConditions(n, stamp) : undefined));
        if (!written) continue;
        current = written;
      }
      this.health.set(name, res.health);
      const zone = zoneKey(node);
      if (!excludedFromDisruption(node)) {
        const list = zoneConditions.get(zone);
        if (list) list.push(res.currentReady);
        else zoneConditions.set(zone, [res.currentReady]);
      }
      if (!res.currentReady) continue;
      this.processTaintBaseEviction(current, res.currentReady);
      if (res.observedReady.status === 'True' && res.currentReady.status !== 'True') {
        this.recorder.record(this.ctx(), this.nodeRef(node), 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
        markPodsNotReady(this.api, this.recorder, this.ctx(), this.pods.on(name), name, rfc3339(now));
      }
    }
    this.handleDisruption(zoneConditions, nodes);
    this.ensureTaintTick();
  }

  private classifyNodes(nodes: readonly Node[]): void {
    for (const node of nodes) {
      if (this.known.has(node.metadata.name)) continue;
      this.recordNodeEvent(node, 'RegisteredNode', `Registered Node ${node.metadata.name} in Controller`);
      this.known.set(node.metadata.name, zoneKey(node));
      this.tainter(zoneKey(node));
      this.markNodeAsReachable(node);
    }
    // Every listed node is known now: as many known as listed means none was removed (the usual tick).
    if (this.known.size === nodes.length) return;
    const present = new Set(nodes.map((n) => n.metadata.name));
    for (const [name, zone] of [...this.known].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (present.has(name)) continue;
      const ref: Node = { apiVersion: 'v1', kind: 'Node', metadata: { name }, spec: {} };
      this.recordNodeEvent(ref, 'RemovingNode', `Removing Node ${name} from Controller`);
      this.known.delete(name);
      this.health.delete(name);
      this.tainters.get(zone)?.remove(name);
    }
  }

  private processTaintBaseEviction(node: Node, ready: Condition): void {
    const now = rfc3339(this.env.now());
    if (ready.status === 'False' && taintExists(node.spec.taints, UNREACHABLE_NO_EXECUTE)) {
      patchNodeTaints(this.api, this.ctx(), node, (n) => swapTaints(n.spec.taints, [NOT_READY_NO_EXECUTE], [UNREACHABLE_NO_EXECUTE], now));
    } else if (ready.status === 'Unknown' && taintExists(node.spec.taints, NOT_READY_NO_EXECUTE)) {
      patchNodeTaints(this.api, this.ctx(), node, (n) => swapTaints(n.spec.taints, [UNREACHABLE_NO_EXECUTE], [NOT_READY_NO_EXECUTE], now));
    } else if (ready.status === 'True') {
      this.markNodeAsReachable(node);
    } else {
      const q = this.tainter(zoneKey(node));
      const wanted = ready.status === 'False' ? NOT_READY_NO_EXECUTE : UNREACHABLE_NO_EXECUTE;
      if (!taintExists(node.spec.taints, wanted)) q.remove(node.metadata.name);
      q.add(node.metadata.name, this.env.now());
    }
  }

  private markNodeAsReachable(node: Node): void {
    const now = rfc3339(this.env.now());
    if (taintExists(node.spec.taints, NOT_READY_NO_EXECUTE) || taintExists(node.spec.taints, UNREACHABLE_NO_EXECUTE)) {
      patchNodeTaints(this.api, this.ctx(), node, (n) => swapTaints(n.spec.taints, [], [NOT_READY_NO_EXECUTE, UNREACHABLE_NO_EXECUTE], now));
    }
    this.tainter(zoneKey(node)).remove(node.metadata.name);
  }

  /** doNoExecuteTaintingPass: every 100 ms while some zone has nodes waiting and may taint. */
  private ensureTaintTick(): void {
    if (this.taintTick) return;
    const pending = [...this.tainters.values()].some((q) => q.length > 0 && q.qps > 0);
    if (!pending) return;
    const delay = NO_EXECUTE_TAINT_PERIOD_MS - (this.env.now() % NO_EXECUTE_TAINT_PERIOD_MS);
    this.taintTick = this.after(delay, 'no-execute-taints', () => {
      this.taintTick = undefined;
      this.doNoExecuteTaintingPass();
      this.ensureTaintTick();
    }, true);
  }

  private doNoExecuteTaintingPass(): void {
    const now = this.env.now();
    const stamp = rfc3339(now);
    for (const zone of [...this.tainters.keys()].sort()) {
      this.tainters.get(zone)!.tryProcess(now, (name) => {
        const node = this.nodes.get(undefined, name);
        if (!node) return [true, 0];
        const cond = readyCondition(node);
        if (!cond) return [false, 50];
        if (cond.status === 'True') return [true, 0];
        const [add, opposite] = cond.status === 'False' ? [NOT_READY_NO_EXECUTE, UNREACHABLE_NO_EXECUTE] : [UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE];
        return [patchNodeTaints(this.api, this.ctx(), node, (n) => swapTaints(n.spec.taints, [add], [opposite], stamp)), 0];
      });
    }
  }

  /** handleDisruption: zone states, eviction rates, and master disruption mode. */
  private handleDisruption(zoneConditions: Map<string, (Condition | undefined)[]>, nodes: readonly Node[]): void {
    const now = this.env.now();
    const newStates = new Map<string, ZoneState>();
    let allAreFull = true;
    for (const [zone, conds] of zoneConditions) {
      const state = computeZoneState(conds);
      if (state !== ZoneState.FullDisruption) allAreFull = false;
      newStates.set(zone, state);
      if (!this.zoneStates.has(zone)) this.zoneStates.set(zone, ZoneState.Initial);
    }
    let allWereFull = true;
    for (const [zone, state] of [...this.zoneStates]) {
      if (!zoneConditions.has(zone)) {
        this.zoneStates.delete(zone);
        continue;
      }
      if (state !== ZoneState.FullDisruption) allWereFull = false;
    }
    if (allAreFull && allWereFull) return;
    if (allAreFull) {
      for (const node of nodes) this.markNodeAsReachable(node);
      for (const zone of this.zoneStates.keys()) {
        this.tainter(zone).swapLimiter(0, now);
        this.zoneStates.set(zone, ZoneState.FullDisruption);
      }
      return;
    }
    if (allWereFull) {
      for (const node of nodes) {
        const h = this.health.get(node.metadata.name);
        if (h) this.health.set(node.metadata.name, { ...h, probeTimestampMs: now, readyTransitionTimestampMs: now });
      }
    }
    for (const [zone, state] of [...this.zoneStates]) {
      const next = newStates.get(zone) ?? state;
      if (!allWereFull && next === state) continue;
      this.tainter(zone).swapLimiter(zoneQps(next, zoneConditions.get(zone)?.length ?? 0), now);
      this.zoneStates.set(zone, next);
    }
  }
}
