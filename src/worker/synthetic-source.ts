import { diffRecord, emptyStore } from '../protocol/changes';
import type { Action, Change, Query, ReplyBody, ScenarioInfo, SyntheticSpec } from '../protocol/messages';
import type { ComponentRecord, NodeRecord, PodRecord, PodTone, RecordSets } from '../protocol/records';
import { assertNever } from '../protocol/version';
import type { Source } from './source';
import { syntheticTraffic } from './synthetic-traffic';

/**
 * A generated cluster for page benchmarks (U1, L2): N nodes × M pods whose statuses churn at
 * a fixed rate, with no engine behind it. Deterministic (a small LCG), so runs compare.
 */

const STATES: readonly { status: string; tone: PodTone; ready: boolean }[] = [
  { status: 'Running', tone: 'running', ready: true },
  { status: 'Running', tone: 'notready', ready: false },
  { status: 'ContainerCreating', tone: 'creating', ready: false },
  { status: 'CrashLoopBackOff', tone: 'failing', ready: false },
];

export const MAX_SYNTHETIC_NODES = 5000;
export const MAX_SYNTHETIC_PODS_PER_NODE = 110;

export class SyntheticSource implements Source {
  readonly info: ScenarioInfo;
  private readonly store = emptyStore();
  private pending: Change[] = [];
  private readonly podKeys: string[] = [];
  private simMs = 0;
  private owed = 0;
  private rng = 12345;
  private readonly spec: SyntheticSpec;

  constructor(spec: SyntheticSpec) {
    this.spec = {
      nodes: clamp(spec.nodes, 1, MAX_SYNTHETIC_NODES),
      podsPerNode: clamp(spec.podsPerNode, 0, MAX_SYNTHETIC_PODS_PER_NODE),
      churnPerSec: clamp(spec.churnPerSec, 0, 100_000),
    };
    this.info = { name: 'synthetic', title: `Synthetic ${this.spec.nodes} nodes × ${this.spec.podsPerNode} pods`, description: 'A generated cluster for page benchmarks.' };
    for (const kind of ['apiserver', 'etcd', 'scheduler', 'controller-manager'] as const) {
      const rec: ComponentRecord = { key: `${kind}/control-plane`, kind, node: 'control-plane', up: true, leader: true };
      this.store.components.set(rec.key, rec);
    }
    const cp: NodeRecord = {
      key: 'uid-control-plane', name: 'control-plane', role: 'control-plane', ready: 'True', status: 'Ready', unschedulable: false,
      taints: ['node-role.kubernetes.io/control-plane:NoSchedule'], allocatable: { cpuMillis: 4000, memoryBytes: 8 * 2 ** 30, pods: 110 },
      requested: { cpuMillis: 650, memoryBytes: 0, pods: 4 }, machineUp: true, proxyReady: true,
    };
    this.store.nodes.set(cp.key, cp);
    for (let n = 1; n <= this.spec.nodes; n++) this.addNode(n);
    this.addTraffic(spec.traffic ?? 0);
    this.pending = [];
  }

  /** Still traffic records between the nodes (the U3-flows benchmark animates them). */
  private addTraffic(count: number): void {
    if (!(count > 0)) return;
    const names = [...this.store.nodes.values()].filter((n) => n.role === 'worker').map((n) => n.name);
    const { traffic, totals } = syntheticTraffic(names, count);
    for (const r of traffic) this.store.traffic.set(r.key, r);
    this.store.trafficTotals.set(totals.key, totals);
  }

  private next(): number {
    this.rng = (Math.imul(this.rng, 1103515245) + 12345) >>> 0;
    return this.rng / 2 ** 32;
  }

  private addNode(n: number): void {
    const name = `node-${String(n).padStart(4, '0')}`;
    const podsN = this.spec.podsPerNode;
    const node: NodeRecord = {
      key: `uid-${name}`, name, role: 'worker', ready: 'True', status: 'Ready', unschedulable: false, taints: [],
      allocatable: { cpuMillis: 16000, memoryBytes: 64 * 2 ** 30, pods: 110 },
      requested: { cpuMillis: podsN * 250, memoryBytes: podsN * 128 * 2 ** 20, pods: podsN },
      machineUp: true, proxyReady: true,
    };
    this.store.nodes.set(node.key, node);
    for (let p = 0; p < podsN; p++) {
      const name2 = `app-${n}-${p}`;
      const pod: PodRecord = {
        key: `uid-${name2}`, namespace: 'default', name: name2, node: name, phase: 'Running', status: 'Running', readyText: '1/1',
        ready: true, restarts: 0, tone: 'running', ownerKind: 'ReplicaSet', ownerName: `app-${n % 10}-5d8f7c`, workloadKind: 'Deployment',
        workloadName: `app-${n % 10}`, evictAtMs: null, deleteAtMs: null, system: false, createdMs: 0,
      };
      this.store.pods.set(pod.key, pod);
      this.podKeys.push(pod.key);
    }
  }

  advance(simMs: number): void {
    this.simMs += simMs;
    this.churn(simMs);
  }

  runFor(budgetMs: number): void {
    this.advance(budgetMs * 60);
  }

  /** Changes `churnPerSec` pods per simulated second (at 1× that is per wall second). */
  private churn(simMs: number): void {
    this.owed += (this.spec.churnPerSec * simMs) / 1000;
    const n = Math.min(Math.floor(this.owed), 50_000);
    this.owed -= n;
    for (let i = 0; i < n && this.podKeys.length > 0; i++) {
      const key = this.podKeys[Math.floor(this.next() * this.podKeys.length)]!;
      const prev = this.store.pods.get(key);
      if (!prev) continue;
      const st = STATES[Math.floor(this.next() * STATES.length)]!;
      const next: PodRecord = { ...prev, status: st.status, tone: st.tone, ready: st.ready, readyText: st.ready ? '1/1' : '0/1', restarts: prev.restarts + (st.tone === 'failing' ? 1 : 0) };
      const ch = diffRecord('pods', prev, next);
      if (ch) {
        this.store.pods.set(key, next);
        this.pending.push(ch);
      }
    }
  }

  flush(): Change[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  snapshot(): RecordSets {
    return {
      nodes: [...this.store.nodes.values()], pods: [...this.store.pods.values()], workloads: [], components: [...this.store.components.values()],
      flows: [], events: [], commands: [], traffic: [...this.store.traffic.values()], trafficTotals: [...this.store.trafficTotals.values()],
    };
  }

  podCount(): number {
    return this.store.pods.size;
  }

  clock(): { nowMs: number; simTimeMs: number } {
    return { nowMs: this.simMs, simTimeMs: this.simMs };
  }

  action(a: Action): ReplyBody {
    return { kind: 'action', ok: false, command: a.kind, output: ['error: the synthetic cluster has no engine'], running: false, commandKey: null };
  }

  query(q: Query): ReplyBody {
    switch (q.kind) {
      case 'object':
        return { kind: 'object', ref: q.ref, found: false, yaml: '', conditions: [], labels: {} };
      case 'events':
        return { kind: 'events', ref: q.ref, events: [] };
      case 'decision':
        return { kind: 'decision', namespace: q.namespace, pod: q.pod, decision: null, podMessage: null };
      case 'operations':
        return { kind: 'operations', operations: [] };
      case 'interactions':
        return { kind: 'interactions', opId: q.opId, operation: null, records: [], truncated: false };
      case 'recorded':
        return { kind: 'recorded', steps: [], files: {}, truncated: false };
      case 'traces':
        return { kind: 'traces', traces: [] };
      case 'trace':
        return { kind: 'trace', id: q.id, trace: null };
      case 'session':
        return { kind: 'session', steps: [], actions: [], pending: [], truncated: false, text: null, file: 'synthetic' };
      case 'open':
        return { kind: 'opened', ok: false, errors: ['the synthetic cluster cannot open scenarios'], notices: [] };
      default:
        return assertNever(q, 'query');
    }
  }

  dispose(): void {}
}

function clamp(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, Math.floor(n))) : lo;
}
