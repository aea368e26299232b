import type { Change, HelloMessage, ReplyBody, WorkerMessage } from '../protocol/messages';
import type { Clock, Speed } from '../protocol/records';
import type { OpenRequest } from '../protocol/session';
import { PROTOCOL_VERSION } from '../protocol/version';
import type { SeekJob, Source } from './source';

/** Real-world hooks, injected so the loop runs under fake timers in tests. */
export interface HostDeps {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  post(msg: WorkerMessage): void;
  makeSource(hello: HelloMessage): Source;
  /** As makeSource, but the source may still have to run to `atMs` (a link's moment): done in slices. */
  makeSourceAt?(hello: HelloMessage): { source: Source; atMs: number };
  /** Builds a source for an `open` request (picker, import, link); absent = cannot open. */
  open?(req: OpenRequest): { ok: true; source: Source; notices: string[] } | { ok: false; errors: string[] };
  /** As open, but a link's source may still have to run to `atMs`: the host does it in slices. */
  openAt?(req: OpenRequest): { ok: true; source: Source; atMs: number; notices: string[] } | { ok: false; errors: string[] };
}

/**
 * One frame: at most one batch is posted per frame. 20 Hz reads as live motion, and every
 * batch costs the page a React commit and a composite, so more would only burn its frames.
 */
export const FRAME_MS = 50;
/**
 * A large cluster posts at 10 Hz: each batch makes the page restyle and repaint thousands of
 * pod squares, and a pod's change showing 50 ms later reads the same.
 */
export const LARGE_FRAME_MS = 100;
export const LARGE_CLUSTER_PODS = 1000;
/** Longest wall gap one frame may turn into simulated time (a throttled tab must not leap). */
const MAX_FRAME_GAP_MS = 250;
/** Wall time spent in the engine per frame at "max" speed. */
const MAX_SPEED_BUDGET_MS = 20;
/** A silent worker still says it is alive this often (the page's watchdog listens). */
export const HEARTBEAT_MS = 1000;
export const FAULT_AFTER_MS = 1000;
const HANG_MS = 120_000;

/**
 * The frame loop under SimHost (host.ts): advances simulated time by wall time × speed,
 * coalesces the engine's changes and posts one batch per frame, snapshots, heartbeats and
 * progress. SimHost decides what runs (sessions, seeks, opens); this posts what there is.
 */
export abstract class HostLoop {
  protected source: Source | undefined;
  protected seq = 0;
  protected speed: Speed = 10;
  protected paused = false;
  protected lastWall = 0;
  protected lastPost = 0;
  /** Simulated second of the last posted clock: the page shows whole seconds. */
  protected lastSecond = -1;
  protected timer: unknown;
  protected stopped = false;
  protected fault: { kind: 'throw' | 'hang'; atWall: number } | undefined;
  /** No snapshot posted yet for this source (the first one waits until a link's moment is reached). */
  protected opening = false;

  constructor(protected readonly deps: HostDeps) {}

  /** A rewind runs: frames wait (its slices post progress). */
  protected abstract busy(): boolean;
  /** Called after each frame of the loop (background work). */
  protected abstract afterFrame(): void;
  /** Stops rewinds and background work (the simulation failed). */
  protected abstract stopWork(): void;

  protected need(): Source {
    if (!this.source) throw new Error('no simulation loaded yet (hello first)');
    return this.source;
  }

  protected reply(id: number, body: ReplyBody): void {
    this.deps.post({ type: 'reply', v: PROTOCOL_VERSION, id, body });
  }

  /** A heartbeat carrying the rewind's target and progress. */
  protected postProgress(job: SeekJob): void {
    this.lastPost = this.deps.now();
    this.deps.post({ type: 'heartbeat', v: PROTOCOL_VERSION, seq: this.seq, clock: this.clock(), rewind: { targetMs: job.targetMs, fraction: job.progress() } });
  }

  protected clock(): Clock {
    const c = this.need().clock();
    return { ...c, speed: this.speed, paused: this.paused };
  }

  protected postSnapshot(): void {
    const src = this.need();
    this.opening = false;
    src.flush();
    this.seq++;
    const clock = this.clock();
    this.lastSecond = Math.floor(clock.nowMs / 1000);
    this.deps.post({ type: 'snapshot', v: PROTOCOL_VERSION, seq: this.seq, clock, scenario: src.info, records: src.snapshot() });
    this.lastPost = this.deps.now();
  }

  protected schedule(): void {
    if (this.stopped) return;
    this.deps.clearTimer(this.timer);
    const frameMs = (this.source?.podCount() ?? 0) > LARGE_CLUSTER_PODS ? LARGE_FRAME_MS : FRAME_MS;
    this.timer = this.deps.setTimer(() => this.tick(), frameMs);
  }

  protected tick(): void {
    if (this.stopped) return;
    // While rewinding the slices post progress; the paused source has nothing to say.
    if (this.busy()) {
      this.schedule();
      return;
    }
    try {
      this.frame(true);
    } catch (e) {
      this.fail(e);
      return;
    }
    this.schedule();
    this.afterFrame();
  }

  /** Advances (when `advance` and playing) and posts what changed. */
  protected frame(advance: boolean): void {
    const src = this.need();
    const now = this.deps.now();
    if (this.fault && now >= this.fault.atWall) this.injectFault(this.fault.kind);
    const dt = Math.min(Math.max(0, now - this.lastWall), MAX_FRAME_GAP_MS);
    this.lastWall = now;
    if (advance && !this.paused) {
      if (this.speed === 'max') src.runFor(MAX_SPEED_BUDGET_MS, () => this.deps.now());
      else src.advance(dt * this.speed);
    }
    const changes: Change[] = src.flush();
    const clock = this.clock();
    const second = Math.floor(clock.nowMs / 1000);
    // A frame with no changes is only worth a message when the readout's second ticks over.
    if (changes.length > 0 || second !== this.lastSecond || !advance) {
      this.seq++;
      this.deps.post({ type: 'batch', v: PROTOCOL_VERSION, seq: this.seq, clock, changes });
      this.lastPost = now;
      this.lastSecond = second;
    } else if (now - this.lastPost >= HEARTBEAT_MS) {
      this.deps.post({ type: 'heartbeat', v: PROTOCOL_VERSION, seq: this.seq, clock: this.clock() });
      this.lastPost = now;
    }
  }

  /** Test hook for the page's crash / stall handling. */
  protected injectFault(kind: 'throw' | 'hang'): void {
    if (kind === 'throw') throw new Error('injected fault');
    const until = this.deps.now() + HANG_MS;
    // Bounded busy wait: the worker stops answering until the page restarts it.
    for (let i = 0; i < 1e12 && this.deps.now() < until; i++);
  }

  protected fail(e: unknown): void {
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    this.stopped = true;
    this.deps.clearTimer(this.timer);
    this.stopWork();
    this.deps.post({ type: 'error', v: PROTOCOL_VERSION, message, fatal: true });
  }
}
