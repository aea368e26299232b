import { beforeEach, describe, expect, it } from 'vitest';
import type { PageMessage, WorkerMessage } from '../../protocol/messages';
import { PROTOCOL_VERSION } from '../../protocol/version';
import { resetMirror, useMirror } from '../mirror/store';
import { SimClient, type WorkerLike } from './client';
import { useRewind } from './rewind-store';

const v = PROTOCOL_VERSION;
const CLOCK = { nowMs: 5, simTimeMs: 5, speed: 10 as const, paused: false };
const EMPTY = { nodes: [], pods: [], workloads: [], components: [], flows: [], events: [], commands: [], traffic: [], trafficTotals: [] };

class FakeWorker implements WorkerLike {
  sent: PageMessage[] = [];
  terminated = false;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  onmessageerror: ((ev: MessageEvent) => void) | null = null;
  postMessage(msg: PageMessage): void {
    this.sent.push(msg);
  }
  terminate(): void {
    this.terminated = true;
  }
  emit(msg: WorkerMessage): void {
    this.onmessage?.({ data: msg } as MessageEvent);
  }
}

function harness(currentLink?: () => string | undefined) {
  const workers: FakeWorker[] = [];
  let now = 0;
  let tick: (() => void) | undefined;
  const client = new SimClient({
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    now: () => now,
    setInterval: (fn) => {
      tick = fn;
      return 1;
    },
    clearInterval: () => {
      tick = undefined;
    },
    currentLink,
  });
  return {
    client, workers,
    advance(ms: number) {
      for (let t = 0; t < ms; t += 1000) {
        now += 1000;
        tick?.();
      }
    },
    setNow: (t: number) => (now = t),
  };
}

const snapshot = (seq: number): WorkerMessage => ({ type: 'snapshot', v, seq, clock: CLOCK, scenario: { name: 'x', title: 'X', description: '' }, records: EMPTY });
const batch = (seq: number): WorkerMessage => ({ type: 'batch', v, seq, clock: { ...CLOCK, nowMs: seq }, changes: [] });

describe('SimClient', () => {
  beforeEach(() => resetMirror());

  it('starts exactly one worker however often start is called (StrictMode double effects)', () => {
    const h = harness();
    h.client.start();
    h.client.start();
    expect(h.workers).toHaveLength(1);
    expect(h.workers[0]!.sent[0]).toEqual({ type: 'hello', v });
  });

  it('goes live on the snapshot and applies batches in order', () => {
    const h = harness();
    h.client.start();
    h.workers[0]!.emit(snapshot(1));
    expect(useMirror.getState().connection).toBe('live');
    h.workers[0]!.emit(batch(3));
    expect(useMirror.getState().clock.nowMs).toBe(5);
    h.workers[0]!.emit(batch(2));
    expect(useMirror.getState().clock.nowMs).toBe(3);
  });

  it('asks for a resync when a gap does not fill', () => {
    const h = harness();
    h.client.start();
    const w = h.workers[0]!;
    w.emit(snapshot(1));
    w.emit(batch(3));
    h.advance(1000);
    expect(w.sent.some((m) => m.type === 'resync')).toBe(true);
  });

  it('a fatal worker error shows as crashed; restart spawns a fresh worker without the fault', () => {
    const h = harness();
    h.client.start({ fault: 'throw' });
    h.workers[0]!.emit(snapshot(1));
    h.workers[0]!.emit({ type: 'error', v, message: 'boom', fatal: true });
    expect(useMirror.getState().connection).toBe('crashed');
    expect(useMirror.getState().error).toContain('boom');
    h.client.restart();
    expect(h.workers[0]!.terminated).toBe(true);
    expect(h.workers).toHaveLength(2);
    expect(h.workers[1]!.sent[0]).toEqual({ type: 'hello', v });
    expect(useMirror.getState().connection).toBe('connecting');
  });

  it('silence past the watchdog limit is a stall; a message brings it back', () => {
    const h = harness();
    h.client.start();
    h.workers[0]!.emit(snapshot(1));
    h.advance(6000);
    expect(useMirror.getState().connection).toBe('stalled');
    h.workers[0]!.emit(batch(2));
    expect(useMirror.getState().connection).toBe('live');
  });

  it('adopts an early worker without a second hello and replays what it already said', () => {
    const h = harness();
    const early = new FakeWorker();
    const hello = { type: 'hello' as const, v, scenario: 'node-failure' };
    h.client.adopt({ worker: early, hello, backlog: [{ kind: 'message', data: snapshot(1) }, { kind: 'message', data: batch(2) }] });
    expect(early.sent).toEqual([]);
    expect(useMirror.getState().connection).toBe('live');
    expect(useMirror.getState().clock.nowMs).toBe(2);
    early.emit(batch(3));
    expect(useMirror.getState().clock.nowMs).toBe(3);
    h.client.start();
    expect(h.workers).toHaveLength(0);
    // A restart spawns a fresh worker with the adopted hello.
    h.client.restart();
    expect(early.terminated).toBe(true);
    expect(h.workers[0]!.sent[0]).toEqual(hello);
  });

  it('an early worker that failed before the page took over shows as crashed', () => {
    const h = harness();
    h.client.adopt({ worker: new FakeWorker(), hello: { type: 'hello', v }, backlog: [{ kind: 'error', message: 'SyntaxError' }] });
    expect(useMirror.getState().connection).toBe('crashed');
    expect(useMirror.getState().error).toContain('SyntaxError');
  });

  it('a non-fatal worker message is passed on as a notice', () => {
    const notes: string[] = [];
    const client = new SimClient({ createWorker: () => new FakeWorker(), now: () => 0, setInterval: () => 1, clearInterval: () => undefined, notify: (m) => notes.push(m) });
    const w = new FakeWorker();
    client.adopt({ worker: w, hello: { type: 'hello', v }, backlog: [] });
    w.emit({ type: 'error', v, message: 'unknown scenario "x"; opened node-failure instead', fatal: false });
    expect(notes).toEqual(['unknown scenario "x"; opened node-failure instead']);
    expect(useMirror.getState().connection).toBe('connecting');
  });

  it('resolves replies by id', async () => {
    const h = harness();
    h.client.start();
    const p = h.client.request({ kind: 'decision', namespace: 'default', pod: 'p' });
    const req = h.workers[0]!.sent.find((m) => m.type === 'request');
    expect(req).toBeDefined();
    h.workers[0]!.emit({ type: 'reply', v, id: req!.type === 'request' ? req!.id : -1, body: { kind: 'decision', namespace: 'default', pod: 'p', decision: null, podMessage: null } });
    await expect(p).resolves.toMatchObject({ kind: 'decision', pod: 'p' });
  });

  it('restart reopens the moment kept in the address bar (stopped there), not the one the page started with', () => {
    let fragment = '#v1.first';
    const h = harness(() => fragment);
    h.client.start({ scenario: 'node-failure', link: '#v1.first', paused: true, fault: 'throw' });
    h.workers[0]!.emit(snapshot(1));
    fragment = '#v1.later';
    h.workers[0]!.emit({ type: 'error', v, message: 'boom', fatal: true });
    h.client.restart();
    expect(h.workers[1]!.sent[0]).toEqual({ type: 'hello', v, scenario: 'node-failure', link: '#v1.later', paused: true });
    // No fragment in the address bar: the last moment reopened stays.
    fragment = '';
    h.client.restart();
    expect(h.workers[2]!.sent[0]).toEqual({ type: 'hello', v, scenario: 'node-failure', link: '#v1.later', paused: true });
  });

  it('the progress of a rewind comes with heartbeats and ends with the records of the target', () => {
    const h = harness();
    h.client.start();
    const w = h.workers[0]!;
    w.emit(snapshot(1));
    w.emit({ type: 'heartbeat', v, seq: 1, clock: CLOCK, rewind: { targetMs: 60_000, fraction: 0.4 } });
    expect(useRewind.getState().rewind).toEqual({ targetMs: 60_000, fraction: 0.4 });
    w.emit({ type: 'heartbeat', v, seq: 1, clock: CLOCK, rewind: { targetMs: 60_000, fraction: 0.7 } });
    expect(useRewind.getState().rewind?.fraction).toBe(0.7);
    w.emit(snapshot(2));
    expect(useRewind.getState().rewind).toBeNull();
    w.emit({ type: 'heartbeat', v, seq: 2, clock: CLOCK, rewind: { targetMs: 1000, fraction: 0 } });
    h.client.restart();
    expect(useRewind.getState().rewind).toBeNull();
  });
});
