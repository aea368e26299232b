import type { Change, ControlCommand, HelloMessage, PageMessage, WorkerMessage } from '../protocol/messages';
import type { Clock, Speed } from '../protocol/records';
import { assertNever, PROTOCOL_VERSION } from '../protocol/version';
import { changesCluster } from '../protocol/console';
import type { OpenRequest } from '../protocol/session';
import { refusalWhileRewinding, Rewinder } from './host-rewind';
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
const FAULT_AFTER_MS = 1000;
const HANG_MS = 120_000;

/**
 * The worker's main loop: advances simulated time by wall time × speed, coalesces the
 * engine's changes and posts one batch per frame (a snapshot first), answers resync,
 * requests and actions. One Source (one engine) per host.
 */
export class SimHost {
  private source: Source | undefined;
  private seq = 0;
  private speed: Speed = 10;
  private paused = false;
  private lastWall = 0;
  private lastPost = 0;
  /** Simulated second of the last posted clock: the page shows whole seconds. */
  private lastSecond = -1;
  private timer: unknown;
  private stopped = false;
  private fault: { kind: 'throw' | 'hang'; atWall: number } | undefined;
  /** Seeks replayed in slices (host-rewind.ts); the running source stays paused meanwhile. */
  private readonly rewinder: Rewinder;
  /** No snapshot posted yet for this source (the first one waits until a link's moment is reached). */
  private opening = false;

  constructor(private readonly deps: HostDeps) {
    this.rewinder = new Rewinder({
      now: () => deps.now(),
      setTimer: (fn, ms) => deps.setTimer(fn, ms),
      clearTimer: (h) => deps.clearTimer(h),
      progress: (job) => this.postProgress(job),
      done: (job) => this.rewound(job),
      failed: (e) => this.fail(e),
    });
  }

  private get rewind(): SeekJob | undefined {
    return this.rewinder.active;
  }

  handle(msg: PageMessage): void {
    if (this.stopped) return;
    try {
      this.dispatch(msg);
    } catch (e) {
      this.fail(e);
    }
  }

  private dispatch(msg: PageMessage): void {
    switch (msg.type) {
      case 'hello':
        this.start(msg);
        return;
      case 'control':
        this.control(msg.command);
        return;
      case 'resync':
        this.postSnapshot();
        return;
      case 'action': {
        const refused = this.rewind && refusalWhileRewinding(msg);
        if (refused) {
          this.deps.post({ type: 'reply', v: PROTOCOL_VERSION, id: msg.id, body: refused });
          return;
        }
        const src = this.need();
        const body = src.action(msg.action);
        this.deps.post({ type: 'reply', v: PROTOCOL_VERSION, id: msg.id, body });
        this.frame(false);
        return;
      }
      case 'request':
        if (msg.query.kind === 'open') {
          this.cancelRewind();
          this.open(msg.id, msg.query.open);
          return;
        }
        this.deps.post({ type: 'reply', v: PROTOCOL_VERSION, id: msg.id, body: this.need().query(msg.query) });
        return;
      case 'console': {
        // Console lines, applies and edits change the cluster: post their effects at once, as for actions.
        const refused = this.rewind && refusalWhileRewinding(msg);
        if (refused) {
          this.deps.post({ type: 'reply', v: PROTOCOL_VERSION, id: msg.id, body: refused });
          return;
        }
        const src = this.need();
        const reply = src.console ? src.console(msg.request) : { kind: 'unavailable' as const, message: 'this simulation has no command console' };
        this.deps.post({ type: 'reply', v: PROTOCOL_VERSION, id: msg.id, body: { kind: 'console', reply } });
        if (changesCluster(msg.request)) this.frame(false);
        return;
      }
      default:
        assertNever(msg, 'page message');
    }
  }

  private need(): Source {
    if (!this.source) throw new Error('no simulation loaded yet (hello first)');
    return this.source;
  }

  private start(hello: HelloMessage): void {
    this.cancelRewind();
    this.source?.dispose();
    const made = this.deps.makeSourceAt ? this.deps.makeSourceAt(hello) : { source: this.deps.makeSource(hello), atMs: 0 };
    this.source = made.source;
    if (hello.speed !== undefined) this.speed = hello.speed;
    this.paused = hello.paused === true;
    this.lastWall = this.deps.now();
    this.fault = hello.fault ? { kind: hello.fault, atWall: this.lastWall + FAULT_AFTER_MS } : undefined;
    if (this.source.warning) this.deps.post({ type: 'error', v: PROTOCOL_VERSION, message: this.source.warning, fatal: false });
    this.schedule();
    if (made.atMs > 0 && this.source.startSeek) {
      // The page waits for its first snapshot (progress meanwhile keeps its watchdog quiet).
      this.opening = true;
      this.rewinder.start(this.source.startSeek(made.atMs));
      return;
    }
    this.postSnapshot();
  }

  private control(cmd: ControlCommand): void {
    switch (cmd.kind) {
      case 'play':
        this.paused = false;
        break;
      case 'pause':
        this.paused = true;
        break;
      case 'step':
        // While rewinding the running source is about to be replaced: a step would be lost.
        if (!this.rewind) this.need().advance(Math.max(0, Math.min(cmd.ms, 3_600_000)));
        break;
      case 'speed':
        this.speed = cmd.speed;
        this.paused = false;
        break;
      case 'seek':
        this.seek(cmd.ms);
        return;
      default:
        assertNever(cmd, 'control');
    }
    // Play / speed while rewinding take effect once the target is reached; say where it stands.
    if (this.rewind) this.rewinder.report(true);
    else this.frame(false);
  }

  /** Scrubbing stops the clock where the user let go; a rebuilt engine comes as a snapshot. */
  private seek(ms: number): void {
    const src = this.need();
    this.paused = true;
    // A second seek supersedes the first: its replay is dropped, the new one starts from the running source.
    this.cancelRewind();
    if (src.startSeek) {
      this.rewinder.start(src.startSeek(ms));
      return;
    }
    const next = src.seek ? src.seek(ms) : src;
    if (next === src) {
      this.frame(false);
      return;
    }
    src.dispose();
    this.source = next;
    this.postSnapshot();
  }

  /** A seek replayed in slices got to its target: a rebuilt source takes over. */
  private rewound(job: SeekJob): void {
    if (this.stopped) return;
    if (job.rebuilt) {
      this.need().dispose();
      this.source = job.source;
    }
    if (job.rebuilt || this.opening) this.postSnapshot();
    else this.frame(false);
  }

  private cancelRewind(): void {
    this.rewinder.cancel();
  }

  /** A heartbeat carrying the rewind's target and progress. */
  private postProgress(job: SeekJob): void {
    this.lastPost = this.deps.now();
    this.deps.post({ type: 'heartbeat', v: PROTOCOL_VERSION, seq: this.seq, clock: this.clock(), rewind: { targetMs: job.targetMs, fraction: job.progress() } });
  }

  /** Replaces the running source (on failure it stays), then answers the request. */
  private open(id: number, req: OpenRequest): void {
    const opened = this.deps.open ? this.deps.open(req) : { ok: false as const, errors: ['this simulation cannot open scenarios'] };
    if (opened.ok) {
      this.source?.dispose();
      this.source = opened.source;
      // A link opens at its moment, stopped; a scenario from the picker or a file starts playing.
      this.paused = req.kind === 'link';
      this.postSnapshot();
    }
    const body = opened.ok ? { kind: 'opened' as const, ok: true, errors: [], notices: opened.notices } : { kind: 'opened' as const, ok: false, errors: opened.errors, notices: [] };
    this.deps.post({ type: 'reply', v: PROTOCOL_VERSION, id, body });
  }

  private clock(): Clock {
    const c = this.need().clock();
    return { ...c, speed: this.speed, paused: this.paused };
  }

  private postSnapshot(): void {
    const src = this.need();
    this.opening = false;
    src.flush();
    this.seq++;
    const clock = this.clock();
    this.lastSecond = Math.floor(clock.nowMs / 1000);
    this.deps.post({ type: 'snapshot', v: PROTOCOL_VERSION, seq: this.seq, clock, scenario: src.info, records: src.snapshot() });
    this.lastPost = this.deps.now();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.deps.clearTimer(this.timer);
    const frameMs = (this.source?.podCount() ?? 0) > LARGE_CLUSTER_PODS ? LARGE_FRAME_MS : FRAME_MS;
    this.timer = this.deps.setTimer(() => this.tick(), frameMs);
  }

  private tick(): void {
    if (this.stopped) return;
    // While rewinding the slices post progress; the paused source has nothing to say.
    if (this.rewind) {
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
  }

  /** Advances (when `advance` and playing) and posts what changed. */
  private frame(advance: boolean): void {
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
  private injectFault(kind: 'throw' | 'hang'): void {
    if (kind === 'throw') throw new Error('injected fault');
    const until = this.deps.now() + HANG_MS;
    // Bounded busy wait: the worker stops answering until the page restarts it.
    for (let i = 0; i < 1e12 && this.deps.now() < until; i++);
  }

  private fail(e: unknown): void {
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    this.stopped = true;
    this.deps.clearTimer(this.timer);
    this.cancelRewind();
    this.deps.post({ type: 'error', v: PROTOCOL_VERSION, message, fatal: true });
  }

  dispose(): void {
    this.stopped = true;
    this.deps.clearTimer(this.timer);
    this.cancelRewind();
    this.source?.dispose();
  }
}
