import { loadavg } from 'node:os';
import type { Change } from '../src/protocol/messages';
import type { NodeRecord, PodRecord, PodTone, RecordSets } from '../src/protocol/records';
import { Mirror } from '../src/ui/mirror/mirror';
import type { BenchResult } from './types';
import { median } from './util';

/**
 * M2: applying a 1,000-change batch to a 50,000-pod mirror (the page's in-place store), in
 * Node. A batch looks like a busy cluster: 80% status patches, 10% new pods (scheduled onto
 * nodes), 10% deletions. Value: median wall ms per batch (median of 3 runs of 40 batches).
 * On a shared machine wall time also measures the neighbours, so the notes add each run's
 * fastest batch and the load average at the time.
 */
const NODES = 500;
const PODS = 50_000;
const BATCH = 1000;
const BATCHES = 40;
const RUNS = 3;

const STATES: readonly { status: string; tone: PodTone; ready: boolean }[] = [
  { status: 'Running', tone: 'running', ready: true },
  { status: 'ContainerCreating', tone: 'creating', ready: false },
  { status: 'CrashLoopBackOff', tone: 'failing', ready: false },
  { status: 'Terminating', tone: 'terminating', ready: false },
];

function nodeName(i: number): string {
  return `node-${String(i).padStart(4, '0')}`;
}

function node(i: number): NodeRecord {
  return {
    key: `uid-n${i}`, name: nodeName(i), role: 'worker', ready: 'True', status: 'Ready', unschedulable: false, taints: [],
    allocatable: { cpuMillis: 16000, memoryBytes: 64 * 2 ** 30, pods: 110 }, requested: { cpuMillis: 0, memoryBytes: 0, pods: 100 },
    machineUp: true, proxyReady: true,
  };
}

function pod(i: number): PodRecord {
  return {
    key: `uid-p${i}`, namespace: 'default', name: `app-${i % 97}-5d8f7c-${i.toString(36)}`, node: nodeName(i % NODES), phase: 'Running',
    status: 'Running', readyText: '1/1', ready: true, restarts: 0, tone: 'running', ownerKind: 'ReplicaSet', ownerName: `app-${i % 97}-5d8f7c`,
    workloadKind: 'Deployment', workloadName: `app-${i % 97}`, evictAtMs: null, deleteAtMs: null, system: false, createdMs: 0,
  };
}

/** A deterministic stream of batches against the live key set. */
class Churn {
  private rng = 42;
  private next = PODS;
  private readonly live: number[] = Array.from({ length: PODS }, (_, i) => i);

  private rand(n: number): number {
    this.rng = (Math.imul(this.rng, 1103515245) + 12345) >>> 0;
    return this.rng % n;
  }

  batch(): Change[] {
    const out: Change[] = [];
    for (let k = 0; k < BATCH; k++) {
      const r = this.rand(10);
      if (r < 8) {
        const st = STATES[this.rand(STATES.length)]!;
        const i = this.live[this.rand(this.live.length)]!;
        out.push({ op: 'patch', c: 'pods', key: `uid-p${i}`, set: { status: st.status, tone: st.tone, ready: st.ready, readyText: st.ready ? '1/1' : '0/1' } });
      } else if (r === 8) {
        const i = this.next++;
        this.live.push(i);
        out.push({ op: 'put', c: 'pods', rec: pod(i) });
      } else {
        const at = this.rand(this.live.length);
        const i = this.live[at]!;
        this.live[at] = this.live[this.live.length - 1]!;
        this.live.pop();
        out.push({ op: 'remove', c: 'pods', key: `uid-p${i}` });
      }
    }
    return out;
  }
}

interface Once {
  wall: number;
  wallMin: number;
}

function once(): Once {
  const sets: RecordSets = {
    nodes: Array.from({ length: NODES }, (_, i) => node(i)),
    pods: Array.from({ length: PODS }, (_, i) => pod(i)),
    workloads: [], components: [], flows: [], events: [], commands: [], traffic: [], trafficTotals: [],
  };
  const mirror = new Mirror();
  mirror.reset(sets);
  const churn = new Churn();
  const batches = Array.from({ length: BATCHES + 5 }, () => churn.batch());
  const wall: number[] = [];
  batches.forEach((b, i) => {
    const t0 = performance.now();
    const ok = mirror.apply(b);
    const dt = performance.now() - t0;
    if (!ok) throw new Error('mirror rejected a legal batch');
    // The first batches warm the JIT.
    if (i >= 5) wall.push(dt);
  });
  return { wall: median(wall), wallMin: Math.min(...wall) };
}

export async function run(): Promise<BenchResult> {
  const all: Once[] = [];
  for (let i = 0; i < RUNS; i++) all.push(once());
  const runs = all.map((r) => r.wall);
  return {
    id: 'M2',
    title: '1,000-change batch into a 50,000-pod mirror',
    value: median(runs),
    unit: 'ms',
    target: 2,
    better: 'lower',
    runs,
    notes: `fastest batch per run ${all.map((r) => r.wallMin.toFixed(2)).join(', ')} ms; load average ${loadavg()[0]!.toFixed(1)}; ${NODES} nodes × ${PODS / NODES} pods; 80% patches, 10% puts, 10% removes; median of ${BATCHES} batches per run`,
  };
}
