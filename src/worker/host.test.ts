import { describe, expect, it } from 'vitest';
import type { Action, Change, Query, ReplyBody, WorkerMessage } from '../protocol/messages';
import type { RecordSets } from '../protocol/records';
import { PROTOCOL_VERSION } from '../protocol/version';
import { FRAME_MS, HEARTBEAT_MS, LARGE_CLUSTER_PODS, LARGE_FRAME_MS, SimHost } from './host';
import type { Source } from './source';

class FakeSource implements Source {
  readonly info = { name: 'fake', title: 'Fake', description: '' };
  simMs = 0;
  advanced: number[] = [];
  changes: Change[] = [];
  explode = false;
  /** Every advance produces one change (a busy cluster). */
  churn = false;
  advance(ms: number): void {
    if (this.explode) throw new Error('engine broke');
    this.simMs += ms;
    this.advanced.push(ms);
    if (this.churn) this.changes.push({ op: 'remove', c: 'pods', key: `p${this.advanced.length}` });
  }
  runFor(budgetMs: number): void {
    this.advance(budgetMs * 1000);
  }
  flush(): Change[] {
    const out = this.changes;
    this.changes = [];
    return out;
  }
  snapshot(): RecordSets {
    return { nodes: [], pods: [], workloads: [], components: [], flows: [], events: [], commands: [], traffic: [], trafficTotals: [] };
  }
  clock() {
    return { nowMs: this.simMs, simTimeMs: this.simMs };
  }
  pods = 0;
  podCount(): number {
    return this.pods;
  }
  action(a: Action): ReplyBody {
    return { kind: 'action', ok: true, command: a.kind, output: [], running: false, commandKey: null };
  }
  query(q: Query): ReplyBody {
    const ref = q.kind === 'object' || q.kind === 'events' ? q.ref : { kind: 'Pod', name: q.kind === 'decision' ? q.pod : '' };
    return { kind: 'events', ref, events: [] };
  }
  dispose(): void {}
}

/** Manual timers: the test drives wall time. */
function harness() {
  let now = 0;
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  const posted: WorkerMessage[] = [];
  const source = new FakeSource();
  const host = new SimHost({
    now: () => now,
    setTimer: (fn, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimer: (h) => {
      const i = timers.findIndex((t) => t.id === h);
      if (i >= 0) timers.splice(i, 1);
    },
    post: (m) => posted.push(m),
    makeSource: () => source,
  });
  const advanceWall = (ms: number) => {
    const end = now + ms;
    for (let guard = 0; guard < 10_000; guard++) {
      timers.sort((a, b) => a.at - b.at);
      const t = timers[0];
      if (!t || t.at > end) break;
      timers.shift();
      now = t.at;
      t.fn();
    }
    now = end;
  };
  return { host, posted, source, advanceWall };
}

const v = PROTOCOL_VERSION;

describe('SimHost', () => {
  it('answers hello with a snapshot first, then one batch per frame with growing seq', () => {
    const { host, posted, source, advanceWall } = harness();
    source.churn = true;
    host.handle({ type: 'hello', v });
    expect(posted[0]).toMatchObject({ type: 'snapshot', seq: 1 });
    advanceWall(FRAME_MS * 10);
    const batches = posted.filter((m) => m.type === 'batch');
    expect(batches.length).toBe(10);
    expect(batches.map((b) => (b.type === 'batch' ? b.seq : 0))).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('a large cluster posts at most every LARGE_FRAME_MS', () => {
    const { host, posted, source, advanceWall } = harness();
    source.churn = true;
    source.pods = LARGE_CLUSTER_PODS + 1;
    host.handle({ type: 'hello', v });
    posted.length = 0;
    advanceWall(LARGE_FRAME_MS * 10);
    expect(posted.filter((m) => m.type === 'batch')).toHaveLength(10);
  });

  it('an idle frame posts nothing unless the simulated second ticks over', () => {
    const { host, posted, advanceWall } = harness();
    host.handle({ type: 'hello', v });
    host.handle({ type: 'control', v, command: { kind: 'speed', speed: 1 } });
    posted.length = 0;
    advanceWall(3000);
    const batches = posted.filter((m) => m.type === 'batch');
    // 60 frames at 1×: one message per simulated second, carrying the new clock.
    expect(batches.length).toBeGreaterThanOrEqual(3);
    expect(batches.length).toBeLessThanOrEqual(4);
    const seconds = batches.map((b) => (b.type === 'batch' ? Math.floor(b.clock.nowMs / 1000) : -1));
    expect(new Set(seconds).size).toBe(seconds.length);
  });

  it('starts at the speed and paused state the hello asks for', () => {
    const { host, source, posted, advanceWall } = harness();
    host.handle({ type: 'hello', v, speed: 60, paused: true });
    expect(posted[0]).toMatchObject({ type: 'snapshot', clock: { speed: 60, paused: true } });
    advanceWall(1000);
    expect(source.simMs).toBe(0);
    host.handle({ type: 'control', v, command: { kind: 'play' } });
    advanceWall(1000);
    expect(source.simMs).toBeGreaterThanOrEqual(59_000);
  });

  it('advances simulated time by wall time × speed', () => {
    const { host, source, advanceWall } = harness();
    host.handle({ type: 'hello', v });
    host.handle({ type: 'control', v, command: { kind: 'speed', speed: 60 } });
    advanceWall(1000);
    expect(source.simMs).toBeGreaterThanOrEqual(59_000);
    expect(source.simMs).toBeLessThanOrEqual(61_000);
  });

  it('pause stops time; step moves it; heartbeats keep coming while idle', () => {
    const { host, source, posted, advanceWall } = harness();
    host.handle({ type: 'hello', v });
    host.handle({ type: 'control', v, command: { kind: 'pause' } });
    const before = source.simMs;
    posted.length = 0;
    advanceWall(HEARTBEAT_MS * 3 + FRAME_MS * 3);
    expect(source.simMs).toBe(before);
    expect(posted.filter((m) => m.type === 'batch')).toHaveLength(0);
    expect(posted.filter((m) => m.type === 'heartbeat').length).toBeGreaterThanOrEqual(3);
    host.handle({ type: 'control', v, command: { kind: 'step', ms: 10_000 } });
    expect(source.simMs).toBe(before + 10_000);
    expect(posted.at(-1)).toMatchObject({ type: 'batch', clock: { paused: true, nowMs: before + 10_000 } });
  });

  it('resync answers with a fresh snapshot carrying the next seq', () => {
    const { host, posted, source, advanceWall } = harness();
    source.churn = true;
    host.handle({ type: 'hello', v });
    advanceWall(FRAME_MS * 2);
    host.handle({ type: 'resync', v, lastSeq: 1 });
    expect(posted.at(-1)).toMatchObject({ type: 'snapshot', seq: 4 });
  });

  it('replies to actions and requests by id', () => {
    const { host, posted } = harness();
    host.handle({ type: 'hello', v });
    host.handle({ type: 'action', v, id: 7, action: { kind: 'killNode', node: 'worker-2' } });
    expect(posted.find((m) => m.type === 'reply')).toMatchObject({ id: 7, body: { kind: 'action', command: 'killNode' } });
    host.handle({ type: 'request', v, id: 8, query: { kind: 'events', ref: { kind: 'Node', name: 'w' } } });
    expect(posted.filter((m) => m.type === 'reply').at(-1)).toMatchObject({ id: 8 });
  });

  it('an engine exception becomes a fatal error message and the loop stops', () => {
    const { host, source, posted, advanceWall } = harness();
    host.handle({ type: 'hello', v });
    source.explode = true;
    advanceWall(FRAME_MS * 3);
    const errors = posted.filter((m) => m.type === 'error');
    expect(errors).toEqual([{ type: 'error', v, message: 'Error: engine broke', fatal: true }]);
    const count = posted.length;
    advanceWall(FRAME_MS * 10);
    expect(posted.length).toBe(count);
  });

  it('requests before hello get an error, not a crash of the page', () => {
    const { host, posted } = harness();
    host.handle({ type: 'request', v, id: 1, query: { kind: 'decision', namespace: 'default', pod: 'p' } });
    expect(posted[0]).toMatchObject({ type: 'error', fatal: true });
  });
});
