import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffRecord, emptyStore, setsFromStore, storesEqual, type RecordStore } from '../../protocol/changes';
import type { BatchMessage, Change, SnapshotMessage } from '../../protocol/messages';
import type { PodRecord, RecordSets } from '../../protocol/records';
import { PROTOCOL_VERSION } from '../../protocol/version';
import { Mirror } from './mirror';
import { Sequencer, type Delivery } from './sequencer';

/**
 * Invariant 11: the page's mirror equals the worker's state after any legal batching of
 * diffs, including duplicated, reordered and lost deliveries (lost ones via resync).
 */

const CLOCK = { nowMs: 0, simTimeMs: 0, speed: 10 as const, paused: false };
const NODES = ['w1', 'w2', 'w3'];

function pod(i: number, node: string | null, status: string): PodRecord {
  return {
    key: `p${i}`, namespace: 'default', name: `web-${i}`, node, phase: 'Running', status, readyText: '1/1', ready: status === 'Running',
    restarts: 0, tone: status === 'Running' ? 'running' : 'pending', ownerKind: null, ownerName: null, workloadKind: null, workloadName: null,
    evictAtMs: null, deleteAtMs: null, system: false, createdMs: 0,
  };
}

type Op = { kind: 'upsert'; i: number; node: number; status: number } | { kind: 'delete'; i: number } | { kind: 'flush' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('upsert' as const), i: fc.integer({ min: 0, max: 12 }), node: fc.integer({ min: -1, max: 2 }), status: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant('delete' as const), i: fc.integer({ min: 0, max: 12 }) }),
  fc.constant({ kind: 'flush' as const }),
);

/** A model worker: mutates its truth, and at each flush posts the diff against what it sent. */
class ModelWorker {
  truth = emptyStore();
  sent = emptyStore();
  seq = 0;
  posted: Delivery[] = [];

  constructor() {
    for (const n of NODES) this.truth.nodes.set(n, { key: n, name: n, role: 'worker', ready: 'True', status: 'Ready', unschedulable: false, taints: [], allocatable: { cpuMillis: 1, memoryBytes: 1, pods: 1 }, requested: { cpuMillis: 0, memoryBytes: 0, pods: 0 }, machineUp: true, proxyReady: true });
    this.posted.push(this.snapshot());
  }

  apply(op: Op): void {
    if (op.kind === 'upsert') this.truth.pods.set(`p${op.i}`, pod(op.i, op.node < 0 ? null : NODES[op.node]!, ['Running', 'Pending', 'Terminating'][op.status]!));
    else if (op.kind === 'delete') this.truth.pods.delete(`p${op.i}`);
    else this.flush();
  }

  flush(): void {
    const changes: Change[] = [];
    for (const [k, rec] of this.truth.pods) {
      const ch = diffRecord('pods', this.sent.pods.get(k), rec);
      if (ch) changes.push(ch);
    }
    for (const [k, rec] of this.sent.pods) if (!this.truth.pods.has(k)) changes.push({ op: 'remove', c: 'pods', key: rec.key });
    for (const [k, rec] of this.truth.nodes) {
      const ch = diffRecord('nodes', this.sent.nodes.get(k), rec);
      if (ch) changes.push(ch);
    }
    this.sent = cloneStore(this.truth);
    const msg: BatchMessage = { type: 'batch', v: PROTOCOL_VERSION, seq: ++this.seq, clock: CLOCK, changes };
    this.posted.push(msg);
  }

  snapshot(): SnapshotMessage {
    this.sent = cloneStore(this.truth);
    return { type: 'snapshot', v: PROTOCOL_VERSION, seq: ++this.seq, clock: CLOCK, scenario: { name: 't', title: 't', description: '' }, records: setsFromStore(this.sent) };
  }
}

function cloneStore(s: RecordStore): RecordStore {
  const sets: RecordSets = structuredClone(setsFromStore(s));
  const out = emptyStore();
  for (const r of sets.nodes) out.nodes.set(r.key, r);
  for (const r of sets.pods) out.pods.set(r.key, r);
  return out;
}

/** The page side: sequencer + mirror, resyncing when told a gap will not fill. */
class ModelPage {
  seq = new Sequencer();
  mirror = new Mirror();
  receive(d: Delivery): boolean {
    let ok = true;
    for (const m of this.seq.receive(d)) {
      if (m.type === 'snapshot') this.mirror.reset(m.records);
      else ok = this.mirror.apply(m.changes) && ok;
    }
    return ok;
  }
}

/** Delivery schedule: every message delivered once, some duplicated, in a shuffled order, some lost. */
const deliveryArb = (n: number) =>
  fc.record({
    order: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
    dups: fc.array(fc.integer({ min: 0, max: Math.max(0, n - 1) }), { maxLength: 5 }),
    lost: fc.array(fc.integer({ min: 0, max: Math.max(0, n - 1) }), { maxLength: 2 }),
  });

describe('mirror convergence (invariant 11)', () => {
  it('equals the worker after any reordering and duplication', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (ops, seed) => {
        const w = new ModelWorker();
        for (const op of ops) w.apply(op);
        w.flush();
        const n = w.posted.length;
        const sched = fc.sample(deliveryArb(n), { seed, numRuns: 1 })[0]!;
        const page = new ModelPage();
        const order = [...sched.order];
        for (const d of sched.dups) order.splice((d * 7) % (order.length + 1), 0, d);
        for (const i of order) expect(page.receive(w.posted[i]!)).toBe(true);
        expect(page.seq.hasGap()).toBe(false);
        expect(storesEqual(page.mirror.data, w.sent)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('converges after lost deliveries once it resyncs', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (ops, seed) => {
        const w = new ModelWorker();
        for (const op of ops) w.apply(op);
        w.flush();
        const n = w.posted.length;
        const sched = fc.sample(deliveryArb(n), { seed, numRuns: 1 })[0]!;
        const lost = new Set(sched.lost.filter((i) => i > 0));
        const page = new ModelPage();
        for (const i of sched.order) if (!lost.has(i)) page.receive(w.posted[i]!);
        // The page notices (pending batches, or the heartbeat's seq) and asks for a snapshot.
        if (page.seq.hasGap(w.seq)) page.receive(w.snapshot());
        expect(page.seq.hasGap(w.seq)).toBe(false);
        expect(storesEqual(page.mirror.data, w.sent)).toBe(true);
        // And keeps converging afterwards.
        w.apply({ kind: 'upsert', i: 99, node: 0, status: 0 });
        w.flush();
        page.receive(w.posted.at(-1)!);
        expect(storesEqual(page.mirror.data, w.sent)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps its per-node index in step with the records', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80 }), (ops) => {
        const w = new ModelWorker();
        const page = new ModelPage();
        page.receive(w.posted[0]!);
        for (const op of ops) {
          w.apply(op);
          if (op.kind === 'flush') page.receive(w.posted.at(-1)!);
        }
        w.flush();
        page.receive(w.posted.at(-1)!);
        for (const n of NODES) {
          const want = [...w.sent.pods.values()].filter((p) => p.node === n).map((p) => p.key).sort();
          expect((page.mirror.podsByNode.get(n) ?? []).map((p) => p.key).sort()).toEqual(want);
        }
        const pending = [...w.sent.pods.values()].filter((p) => p.node === null).map((p) => p.key).sort();
        expect(page.mirror.pendingPods.map((p) => p.key).sort()).toEqual(pending);
      }),
      { numRuns: 200 },
    );
  });
});
