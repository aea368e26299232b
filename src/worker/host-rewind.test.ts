import { describe, expect, it } from 'vitest';
import type { WorkerMessage } from '../protocol/messages';
import { StubSource } from './testing/stub-source';
import { PROTOCOL_VERSION } from '../protocol/version';
import { HEARTBEAT_MS, SimHost } from './host';
import { REWIND_SLICE_MS, REWINDING_MESSAGE } from './host-rewind';
import { RunToJob } from './rewind';
import type { SeekJob } from './source';
import { fakeWall } from './testing/fake-wall';

/**
 * A source whose replay costs wall time: each simulated second run takes `wallPerSecond`
 * of the test's wall clock, so a seek back spans many slices.
 */
class Costly extends StubSource {
  constructor(
    name: string,
    simMs: number,
    private readonly wall: { now: number },
    private readonly wallPerSecond = 10,
  ) {
    super(name, simMs);
  }
  startSeek(ms: number): SeekJob {
    const src = ms < this.simMs ? new Costly(`${this.info.name}-rebuilt`, 0, this.wall, this.wallPerSecond) : this;
    return new RunToJob(src, src !== this, ms, {
      simTimeMs: () => src.simMs,
      runUntil: (t) => {
        this.wall.now += ((t - src.simMs) / 1000) * this.wallPerSecond;
        src.simMs = t;
      },
    });
  }
}

function harness() {
  const clock = fakeWall();
  const wall = clock.wall;
  const posted: WorkerMessage[] = [];
  const first = new Costly('first', 3_600_000, wall);
  const host = new SimHost({ ...clock.deps, post: (m) => posted.push(m), makeSource: () => first });
  /** Runs the timers due, one at a time, as the worker's event loop would (wall time moves as they work). */
  const runTimers = (count: number) => clock.runNext(count);
  host.handle({ type: 'hello', v: PROTOCOL_VERSION });
  posted.length = 0;
  return { host, posted, first, wall, runTimers };
}

const v = PROTOCOL_VERSION;
const seek = (ms: number) => ({ type: 'control' as const, v, command: { kind: 'seek' as const, ms } });

describe('SimHost rewinding a seek in slices', () => {
  it('replays an hour in slices of at most REWIND_SLICE_MS, with progress as heartbeats, then swaps in the rebuilt source', () => {
    const { host, posted, first, wall, runTimers } = harness();
    // 59 simulated minutes at 10 ms wall per second: 35 s of wall time in one piece.
    host.handle(seek(3_540_000));
    const progress = () => posted.filter((m) => m.type === 'heartbeat').map((m) => (m.type === 'heartbeat' ? m.rewind : undefined));
    expect(progress()).toEqual([{ targetMs: 3_540_000, fraction: expect.closeTo(0.0015, 2) }]);
    let lastWall = wall.now;
    let longestSlice = wall.now;
    let gapBetweenMessages = 0;
    let lastMessageAt = wall.now;
    for (let i = 0; i < 10_000 && !posted.some((m) => m.type === 'snapshot'); i++) {
      const before = posted.length;
      runTimers(1);
      longestSlice = Math.max(longestSlice, wall.now - lastWall);
      lastWall = wall.now;
      if (posted.length > before) {
        gapBetweenMessages = Math.max(gapBetweenMessages, wall.now - lastMessageAt);
        lastMessageAt = wall.now;
      }
    }
    // A slice may overrun by one chunk (chunks adapt to ~8 ms).
    expect(longestSlice).toBeLessThanOrEqual(REWIND_SLICE_MS + 20);
    expect(gapBetweenMessages).toBeLessThan(HEARTBEAT_MS);
    const fractions = progress().map((p) => p?.fraction ?? -1);
    expect(fractions.length).toBeGreaterThan(20);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(first.disposed).toBe(true);
    expect(posted.at(-1)).toMatchObject({ type: 'snapshot', scenario: { name: 'first-rebuilt' }, clock: { simTimeMs: 3_540_000, paused: true } });
  });

  it('a second seek supersedes the first: its rebuilt source is dropped and only the second lands', () => {
    const { host, posted, first, runTimers } = harness();
    host.handle(seek(1_000_000));
    runTimers(3);
    host.handle(seek(600_000));
    runTimers(10_000);
    const snapshots = posted.filter((m) => m.type === 'snapshot');
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]).toMatchObject({ clock: { simTimeMs: 600_000 } });
    expect(first.disposed).toBe(true);
  });

  it('refuses actions and cluster-changing console lines while rewinding, answers reads, and plays after if asked', () => {
    const { host, posted, first, runTimers } = harness();
    host.handle(seek(1_000_000));
    posted.length = 0;
    host.handle({ type: 'action', v, id: 5, action: { kind: 'killNode', node: 'worker-1' } });
    host.handle({ type: 'console', v, id: 6, request: { kind: 'run', line: 'kubectl delete pod web-1' } });
    host.handle({ type: 'console', v, id: 7, request: { kind: 'vocabulary' } });
    expect(first.actions).toBe(0);
    expect(posted[0]).toMatchObject({ type: 'reply', id: 5, body: { kind: 'action', ok: false, command: 'sandbox kill node worker-1', output: [REWINDING_MESSAGE] } });
    expect(posted[1]).toMatchObject({ type: 'reply', id: 6, body: { kind: 'console', reply: { kind: 'unavailable', message: REWINDING_MESSAGE } } });
    // A read is answered by the running source (this one has no console at all).
    expect(posted[2]).toMatchObject({ type: 'reply', id: 7, body: { kind: 'console', reply: { message: 'this simulation has no command console' } } });
    host.handle({ type: 'control', v, command: { kind: 'play' } });
    expect(posted.at(-1)).toMatchObject({ type: 'heartbeat', clock: { paused: false }, rewind: { targetMs: 1_000_000 } });
    // The running source is not moved meanwhile.
    expect(first.simMs).toBe(3_600_000);
    runTimers(10_000);
    expect(posted.filter((m) => m.type === 'snapshot').at(-1)).toMatchObject({ clock: { simTimeMs: 1_000_000, paused: false } });
    posted.length = 0;
    host.handle({ type: 'action', v, id: 8, action: { kind: 'killNode', node: 'worker-1' } });
    expect(posted[0]).toMatchObject({ type: 'reply', id: 8, body: { ok: true } });
  });

  it('a short seek lands at once, with no progress message', () => {
    const { host, posted } = harness();
    host.handle(seek(3_602_000));
    expect(posted.map((m) => m.type)).toEqual(['batch']);
    expect(posted[0]).toMatchObject({ clock: { simTimeMs: 3_602_000 } });
  });

  it('a link at a late moment is run there in slices before the first snapshot (progress feeds the watchdog)', () => {
    const wall = { now: 0 };
    const posted: WorkerMessage[] = [];
    const timers: (() => void)[] = [];
    const fresh = new Costly('link', 0, wall);
    const host = new SimHost({
      now: () => wall.now,
      setTimer: (fn, ms) => (ms === 0 ? timers.push(fn) : 0),
      clearTimer: () => undefined,
      post: (m) => posted.push(m),
      makeSource: () => {
        throw new Error('makeSourceAt is used');
      },
      makeSourceAt: () => ({ source: fresh, atMs: 600_000 }),
    });
    host.handle({ type: 'hello', v, link: '#v1.x', paused: true });
    expect(posted.map((m) => m.type)).toEqual(['heartbeat']);
    expect(posted[0]).toMatchObject({ rewind: { targetMs: 600_000 } });
    for (let i = 0; i < 1000 && timers.length > 0; i++) timers.shift()!();
    expect(posted.filter((m) => m.type === 'snapshot')).toEqual([expect.objectContaining({ clock: expect.objectContaining({ simTimeMs: 600_000, paused: true }) })]);
    expect(posted.at(-1)?.type).toBe('snapshot');
    expect(posted.filter((m) => m.type === 'heartbeat').length).toBeGreaterThan(5);
  });
});
