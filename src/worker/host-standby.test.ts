import { describe, expect, it, vi } from 'vitest';
import type { HelloMessage, WorkerMessage } from '../protocol/messages';
import type { OpenRequest } from '../protocol/session';
import { PROTOCOL_VERSION } from '../protocol/version';
import { stableStringify } from '../engine/util/clone';
import { Checkpoints } from './checkpoints';
import { EngineSource } from './engine-source';
import { SimHost, type HostDeps } from './host';
import { STANDBY_PAUSED_MS, STANDBY_PLAYING_MS } from './host-standby';
import { RunToJob } from './rewind';
import type { SeekJob, Source, Standby } from './source';
import { StubSource } from './testing/stub-source';
import { fakeWall } from './testing/fake-wall';

/**
 * The host's side of parked engines (checkpoints.ts is tested on the real engine) and of
 * replays that break on the way: a link opened in a running page, a page's first link, a seek.
 */

const v = PROTOCOL_VERSION;

/** A source whose replay costs wall time (10 ms per simulated second) and may break at `breakAtMs`. */
class Costly extends StubSource {
  /** Set by tests that give the session parked engines. */
  standby?: () => Standby;
  constructor(
    name: string,
    simMs: number,
    private readonly wall: { now: number },
    private readonly breakAtMs = Infinity,
  ) {
    super(name, simMs);
  }
  job(src: Costly, ms: number): SeekJob {
    return new RunToJob(src, src !== this, ms, {
      simTimeMs: () => src.simMs,
      runUntil: (t) => {
        if (t > src.breakAtMs) throw new Error('engine broke');
        this.wall.now += ((t - src.simMs) / 1000) * 10;
        src.simMs = t;
      },
    });
  }
  startSeek(ms: number): SeekJob {
    return this.job(ms < this.simMs ? new Costly(`${this.info.name}-rebuilt`, 0, this.wall, this.breakAtMs) : this, ms);
  }
}

/** A standby that records its work and hands out one parked engine. */
class FakeStandby implements Standby {
  calls: { budget: number; live: string }[] = [];
  broken = false;
  disposed = false;
  constructor(private readonly parked: Costly | undefined) {}
  seekFrom(live: Source, ms: number): SeekJob | undefined {
    const p = this.parked;
    if (!p || p.simMs > ms || !(live instanceof Costly)) return undefined;
    return live.job(p, ms);
  }
  work(live: Source, budgetMs: number): boolean {
    if (this.broken) throw new Error('standby broke');
    this.calls.push({ budget: budgetMs, live: live.info.name });
    return true;
  }
  dispose(): void {
    this.disposed = true;
  }
}

function harness(opts: { first: (wall: { now: number }) => Costly; deps?: Partial<HostDeps>; hello?: Partial<HelloMessage>; wall?: { now: number } }) {
  const clock = fakeWall(opts.wall);
  const wall = clock.wall;
  const posted: WorkerMessage[] = [];
  const first = opts.first(wall);
  const host = new SimHost({ ...clock.deps, post: (m) => posted.push(m), makeSource: () => first, ...opts.deps });
  /** Runs due timers in order, as the worker's event loop would, until `untilWall` (bounded). */
  const runTimers = (untilWall: number) => clock.runUntil(untilWall);
  host.handle({ type: 'hello', v, ...opts.hello });
  return { host, posted, first, wall, runTimers };
}

describe('SimHost and its parked engines', () => {
  it('works on them in short slices after frames, more while paused, never during a rewind; a seek back starts from one', () => {
    let standby: FakeStandby | undefined;
    const { host, posted, wall, runTimers } = harness({
      first: (w) => {
        const src = new Costly('live', 3_600_000, w);
        standby = new FakeStandby(new Costly('parked', 3_300_000, w));
        src.standby = () => standby!;
        return src;
      },
    });
    const calls = standby!.calls;
    runTimers(wall.now + 500);
    expect(calls.length).toBeGreaterThanOrEqual(8);
    expect(new Set(calls.map((c) => c.budget))).toEqual(new Set([STANDBY_PLAYING_MS]));
    host.handle({ type: 'control', v, command: { kind: 'pause' } });
    calls.length = 0;
    runTimers(wall.now + 200);
    expect(calls.map((c) => c.budget)).toContain(STANDBY_PAUSED_MS);

    // Back to 58:20 from the engine parked at 55:00: 200 simulated seconds, not 58 minutes.
    posted.length = 0;
    calls.length = 0;
    const before = wall.now;
    host.handle({ type: 'control', v, command: { kind: 'seek', ms: 3_500_000 } });
    runTimers(wall.now + 10_000);
    expect(posted.filter((m) => m.type === 'snapshot')).toEqual([expect.objectContaining({ scenario: expect.objectContaining({ name: 'parked' }), clock: expect.objectContaining({ simTimeMs: 3_500_000 }) })]);
    // 2,000 ms of replay at 10 ms per second; the rebuild from the start would be 35,000 ms.
    const snapshotAt = posted.findIndex((m) => m.type === 'snapshot');
    expect(snapshotAt).toBeGreaterThanOrEqual(0);
    expect(wall.now - before).toBeLessThan(12_100);
    // No background slice ran while the rewind did: the first ones after it work for the new live source.
    expect(calls.every((c) => c.live === 'parked')).toBe(true);
  });

  it('an error while building them turns them off; the session and its seeks go on (from the start)', () => {
    let standby: FakeStandby | undefined;
    const { host, posted, wall, runTimers } = harness({
      first: (w) => {
        const src = new Costly('live', 600_000, w);
        standby = new FakeStandby(new Costly('parked', 300_000, w));
        src.standby = () => standby!;
        return src;
      },
    });
    standby!.broken = true;
    runTimers(wall.now + 300);
    expect(standby!.disposed).toBe(true);
    expect(posted.some((m) => m.type === 'error')).toBe(false);
    posted.length = 0;
    host.handle({ type: 'control', v, command: { kind: 'seek', ms: 500_000 } });
    runTimers(wall.now + 60_000);
    expect(posted.filter((m) => m.type === 'snapshot').at(-1)).toMatchObject({ scenario: { name: 'live-rebuilt' }, clock: { simTimeMs: 500_000 } });
  });
});

describe('SimHost when a replay breaks on the way', () => {
  it('a link pasted into a running page is run to its moment in slices with progress, then answered', () => {
    const opened: Costly[] = [];
    const { host, posted, first, wall, runTimers } = harness({
      first: (w) => new Costly('running', 30_000, w),
      deps: {
        openAt: (req: OpenRequest) => {
          if (req.kind !== 'link') return { ok: false, errors: ['not a link'] };
          opened.push(new Costly('linked', 0, wall));
          return { ok: true, source: opened[0]!, atMs: 600_000, notices: ['a repair'] };
        },
      },
    });
    posted.length = 0;
    host.handle({ type: 'request', v, id: 4, query: { kind: 'open', open: { kind: 'link', fragment: '#v1.x' } } });
    // Not answered at once: the link's 10 minutes replay first, with progress.
    expect(posted.filter((m) => m.type === 'reply')).toEqual([]);
    expect(posted[0]).toMatchObject({ type: 'heartbeat', rewind: { targetMs: 600_000 } });
    runTimers(wall.now + 20_000);
    const types = posted.map((m) => m.type);
    expect(types.filter((t) => t === 'heartbeat').length).toBeGreaterThan(5);
    const snap = types.indexOf('snapshot');
    expect(snap).toBeGreaterThan(0);
    expect(posted[snap]).toMatchObject({ scenario: { name: 'linked' }, clock: { simTimeMs: 600_000, paused: true } });
    expect(posted[snap + 1]).toEqual({ type: 'reply', v, id: 4, body: { kind: 'opened', ok: true, errors: [], notices: ['a repair'] } });
    expect(first.disposed).toBe(true);
  });

  it('a pasted link whose engine breaks is not opened: the reply says why and the running scenario stays', () => {
    const wall = { now: 0 };
    const { host, posted, first, runTimers } = harness({
      wall,
      first: (w) => new Costly('running', 30_000, w),
      deps: { openAt: () => ({ ok: true, source: new Costly('linked', 0, wall, 200_000), atMs: 600_000, notices: [] }) },
    });
    posted.length = 0;
    host.handle({ type: 'request', v, id: 5, query: { kind: 'open', open: { kind: 'link', fragment: '#v1.x' } } });
    runTimers(wall.now + 20_000);
    const reply = posted.find((m) => m.type === 'reply');
    expect(reply).toMatchObject({ id: 5, body: { kind: 'opened', ok: false, errors: [expect.stringMatching(/^link: the scenario stopped with an error .*Error: engine broke$/)] } });
    expect(posted.some((m) => m.type === 'error')).toBe(false);
    expect(first.disposed).toBe(false);
    // The page goes on with the running scenario.
    host.handle({ type: 'action', v, id: 6, action: { kind: 'killNode', node: 'worker-1' } });
    expect(posted.at(-2)).toMatchObject({ type: 'reply', id: 6, body: { ok: true } });
    expect(first.actions).toBe(1);
  });

  it('a seek supersedes a link still opening: its request is answered as not opened', () => {
    const wall = { now: 0 };
    const { host, posted, first, runTimers } = harness({
      wall,
      first: (w) => new Costly('running', 30_000, w),
      deps: { openAt: () => ({ ok: true, source: new Costly('linked', 0, wall), atMs: 6_000_000, notices: [] }) },
    });
    host.handle({ type: 'request', v, id: 7, query: { kind: 'open', open: { kind: 'link', fragment: '#v1.x' } } });
    host.handle({ type: 'control', v, command: { kind: 'seek', ms: 40_000 } });
    expect(posted.find((m) => m.type === 'reply')).toMatchObject({ id: 7, body: { ok: false, errors: [expect.stringContaining('interrupted')] } });
    runTimers(wall.now + 5000);
    expect(first.simMs).toBe(40_000);
    expect(first.disposed).toBe(false);
  });

  it("the page's first link breaking on the way: the default scenario opens, with the reason for the banner", () => {
    const made: HelloMessage[] = [];
    const fallback = new Costly('default', 0, { now: 0 });
    const wall = { now: 0 };
    const { posted, runTimers } = harness({
      wall,
      first: (w) => new Costly('unused', 0, w),
      hello: { link: '#v1.x', paused: true },
      deps: {
        makeSource: (hello) => {
          made.push(hello);
          return fallback;
        },
        makeSourceAt: () => ({ source: new Costly('linked', 0, wall, 120_000), atMs: 600_000 }),
      },
    });
    runTimers(wall.now + 20_000);
    expect(made).toEqual([expect.objectContaining({ link: undefined, paused: true })]);
    const error = posted.find((m) => m.type === 'error');
    expect(error).toMatchObject({ fatal: false, message: expect.stringMatching(/^link: the scenario stopped with an error .*engine broke\.\nOpened the default scenario instead\.$/) });
    expect(posted.filter((m) => m.type === 'snapshot')).toEqual([expect.objectContaining({ scenario: expect.objectContaining({ name: 'default' }) })]);
  });

  it('a seek back whose rebuilt engine breaks keeps the session where it was (not a crash)', () => {
    const { host, posted, first, wall, runTimers } = harness({ first: (w) => new Costly('running', 600_000, w, 100_000) });
    posted.length = 0;
    host.handle({ type: 'control', v, command: { kind: 'seek', ms: 300_000 } });
    runTimers(wall.now + 20_000);
    expect(posted.find((m) => m.type === 'error')).toMatchObject({ fatal: false, message: expect.stringMatching(/^The timeline could not go to 00:05:00: Error: engine broke/) });
    expect(first.disposed).toBe(false);
    // A batch right after says where the clock is (the page's "Rewinding…" ends with it).
    const error = posted.findIndex((m) => m.type === 'error');
    expect(posted[error + 1]).toMatchObject({ type: 'batch', clock: { simTimeMs: 600_000 } });
    host.handle({ type: 'control', v, command: { kind: 'play' } });
    runTimers(wall.now + 1000);
    expect(first.simMs).toBeGreaterThan(600_000);
  });
});

describe('SimHost with the real engine and its checkpoints', () => {
  it('a seek back after the background built the checkpoints shows exactly what a rebuild from the start shows', () => {
    const timers: { fn: () => void; id: number }[] = [];
    let nextId = 1;
    const posted: WorkerMessage[] = [];
    const host = new SimHost({
      now: () => performance.now(),
      setTimer: (fn) => {
        timers.push({ fn, id: nextId });
        return nextId++;
      },
      clearTimer: (h) => {
        const i = timers.findIndex((t) => t.id === h);
        if (i >= 0) timers.splice(i, 1);
      },
      post: (m) => posted.push(m),
      makeSource: () => new EngineSource('node-failure'),
    });
    const made: Standby[] = [];
    const spy = vi.spyOn(EngineSource.prototype, 'standby').mockImplementation(function (this: EngineSource) {
      const ck = new Checkpoints((h) => new EngineSource(h));
      made.push(ck);
      return ck;
    });
    const drain = (max: number) => {
      for (let i = 0; i < max && timers.length > 0; i++) timers.shift()!.fn();
    };
    host.handle({ type: 'hello', v, paused: true });
    host.handle({ type: 'control', v, command: { kind: 'seek', ms: 900_000 } });
    drain(200);
    expect(posted.filter((m) => m.type === 'batch').at(-1)).toMatchObject({ clock: { simTimeMs: 900_000 } });
    // Frames and background slices, as the worker's event loop runs them, until 7.5 min is parked.
    drain(400);
    expect(made).toHaveLength(1);
    const ck = made[0];
    if (!(ck instanceof Checkpoints)) throw new Error('not checkpoints');
    // The trailing engine 2 to 2.5 min behind the live moment (13:00), and the grid's 7:30 (its
    // 15:00 is after the trailing moment: not built).
    expect(ck.parked()).toEqual([
      { atMs: 780_000, goal: 780_000 },
      { atMs: 450_000, goal: 450_000 },
    ]);
    const seekAndCompare = (ms: number) => {
      drain(200);
      const snap = posted.find((m) => m.type === 'snapshot');
      if (snap?.type !== 'snapshot') throw new Error('no snapshot');
      const reference = new EngineSource('node-failure').seek(900_000).seek(ms);
      reference.flush();
      expect(stableStringify(snap.records)).toBe(stableStringify(reference.snapshot()));
      expect(snap.clock.simTimeMs).toBe(ms);
      reference.dispose();
    };
    // A minute back: from the trailing engine (one simulated minute of replay).
    posted.length = 0;
    host.handle({ type: 'control', v, command: { kind: 'seek', ms: 840_000 } });
    expect(ck.trailingAt()).toBeUndefined();
    seekAndCompare(840_000);
    // It trails the new live moment again: a new engine (none is parked between 7:30 and 12:00).
    drain(400);
    expect(ck.trailingAt()).toEqual({ atMs: 720_000, goal: 720_000 });
    posted.length = 0;
    host.handle({ type: 'control', v, command: { kind: 'seek', ms: 500_000 } });
    // Taken from the checkpoint at 7:30 (built again in the background); 12:00, now past the live
    // moment, stops trailing at the next slice (a spare).
    expect(ck.parked()).toEqual([{ atMs: 720_000, goal: 720_000 }]);
    seekAndCompare(500_000);
    host.dispose();
    spy.mockRestore();
  });
});
