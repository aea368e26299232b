import type { ControlCommand, HelloMessage, PageMessage } from '../protocol/messages';
import { assertNever, PROTOCOL_VERSION } from '../protocol/version';
import { changesCluster } from '../protocol/console';
import type { OpenRequest } from '../protocol/session';
import { refusalWhileRewinding, Rewinder } from './host-rewind';
import { rewindFailure } from './host-failure';
import { FAULT_AFTER_MS, HostLoop, type HostDeps } from './host-loop';
import { StandbyRunner } from './host-standby';
import type { SeekJob, Source } from './source';

export { FRAME_MS, HEARTBEAT_MS, LARGE_CLUSTER_PODS, LARGE_FRAME_MS, type HostDeps } from './host-loop';

/**
 * The worker's host: one session at a time (hello, open), seeks (rewound in slices, from a
 * parked engine when there is one), actions, requests and console lines; the frame loop that
 * posts the session's changes is HostLoop (host-loop.ts).
 */
export class SimHost extends HostLoop {
  /** Seeks replayed in slices (host-rewind.ts); the running source stays paused meanwhile. */
  private readonly rewinder: Rewinder;
  /** The hello this worker started with (a link that breaks on the way falls back to its scenario). */
  private hello: HelloMessage | undefined;
  /** A link opened in a running page, being run to its moment; the request is answered once there. */
  private linkOpen: { id: number; notices: string[]; job: SeekJob } | undefined;
  /** Parked engines built in spare time, so seeks start near their target (checkpoints.ts). */
  private readonly background: StandbyRunner;

  constructor(deps: HostDeps) {
    super(deps);
    this.rewinder = new Rewinder({
      now: () => deps.now(),
      setTimer: (fn, ms) => deps.setTimer(fn, ms),
      clearTimer: (h) => deps.clearTimer(h),
      progress: (job) => this.postProgress(job),
      done: (job) => this.rewound(job),
      failed: (e, job) => this.rewindFailed(e, job),
    });
    this.background = new StandbyRunner({
      now: () => deps.now(),
      setTimer: (fn, ms) => deps.setTimer(fn, ms),
      clearTimer: (h) => deps.clearTimer(h),
      live: () => (this.stopped || this.rewind || !this.source ? undefined : { source: this.source, paused: this.paused }),
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

  private start(hello: HelloMessage): void {
    this.cancelRewind();
    this.source?.dispose();
    this.hello = hello;
    const made = this.deps.makeSourceAt ? this.deps.makeSourceAt(hello) : { source: this.deps.makeSource(hello), atMs: 0 };
    this.source = made.source;
    this.background.reset(this.source);
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
    // From the engine parked latest before the target when there is one; else back from the start.
    const job = this.background.seekFrom(src, ms) ?? src.startSeek?.(ms);
    if (job) {
      this.rewinder.start(job);
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
    if (this.linkOpen?.job === job) {
      const { id, notices } = this.linkOpen;
      this.linkOpen = undefined;
      this.linkOpened(id, notices, job.source);
      return;
    }
    if (job.rebuilt) {
      this.need().dispose();
      this.source = job.source;
    }
    if (job.rebuilt || this.opening) this.postSnapshot();
    else this.frame(false);
  }

  private cancelRewind(): void {
    this.rewinder.cancel();
    const link = this.linkOpen;
    if (!link) return;
    // Superseded (another open, a seek, a new hello): the running scenario stays.
    this.linkOpen = undefined;
    link.job.source.dispose();
    this.reply(link.id, { kind: 'opened', ok: false, errors: ['opening the link was interrupted by another request (a seek, another link or scenario)'], notices: [] });
  }

  /**
   * A replay broke on the way (an engine error). Nothing is lost that was not already there:
   * a link being opened is not opened (the page says so in its banner), a page's first link
   * falls back to the scenario it names, a seek back keeps the session as it was. Only an
   * error in the running engine itself stops the simulation.
   */
  private rewindFailed(e: unknown, job: SeekJob): void {
    if (this.stopped) return;
    const link = this.linkOpen?.job === job ? this.linkOpen : undefined;
    const what = rewindFailure(e, job, { opening: this.opening && job.source === this.source, link: link !== undefined });
    if (what.kind === 'fatal') {
      this.fail(e);
      return;
    }
    try {
      job.source.dispose();
      if (what.kind === 'link') {
        this.linkOpen = undefined;
        this.reply(link!.id, { kind: 'opened', ok: false, errors: [what.message], notices: [] });
      } else if (what.kind === 'fallback') {
        this.source = this.deps.makeSource({ ...(this.hello ?? { type: 'hello', v: PROTOCOL_VERSION }), link: undefined });
        this.background.reset(this.source);
      }
      if (what.kind !== 'link') this.deps.post({ type: 'error', v: PROTOCOL_VERSION, message: what.message, fatal: false });
      if (what.kind === 'fallback') this.postSnapshot();
      else this.frame(false);
    } catch (e2) {
      this.fail(e2);
    }
  }

  /** Replaces the running source (on failure it stays), then answers the request. */
  private open(id: number, req: OpenRequest): void {
    if (req.kind === 'link' && this.deps.openAt) {
      this.openLink(id, this.deps.openAt(req));
      return;
    }
    const opened = this.deps.open ? this.deps.open(req) : { ok: false as const, errors: ['this simulation cannot open scenarios'] };
    if (opened.ok) {
      this.source?.dispose();
      this.source = opened.source;
      // A link opens at its moment, stopped; a scenario from the picker or a file starts playing.
      this.paused = req.kind === 'link';
      this.background.reset(this.source);
      this.postSnapshot();
    }
    const body = opened.ok ? { kind: 'opened' as const, ok: true, errors: [], notices: opened.notices } : { kind: 'opened' as const, ok: false, errors: opened.errors, notices: [] };
    this.deps.post({ type: 'reply', v: PROTOCOL_VERSION, id, body });
  }

  /**
   * A link pasted into a running page: built now (a broken one is refused at once), run to its
   * moment in slices with progress like any rewind, then swapped in and the request answered.
   */
  private openLink(id: number, opened: ReturnType<NonNullable<HostDeps['openAt']>>): void {
    if (!opened.ok) {
      this.reply(id, { kind: 'opened', ok: false, errors: opened.errors, notices: [] });
      return;
    }
    const job = opened.source.startSeek?.(opened.atMs);
    if (!job) {
      this.linkOpened(id, opened.notices, opened.source);
      return;
    }
    this.linkOpen = { id, notices: opened.notices, job };
    this.rewinder.start(job);
  }

  private linkOpened(id: number, notices: string[], source: Source): void {
    this.source?.dispose();
    this.source = source;
    // A link opens at its moment, stopped.
    this.paused = true;
    this.background.reset(this.source);
    this.postSnapshot();
    this.reply(id, { kind: 'opened', ok: true, errors: [], notices });
  }

  protected busy(): boolean {
    return this.rewind !== undefined;
  }

  protected afterFrame(): void {
    this.background.poke();
  }

  protected stopWork(): void {
    this.cancelRewind();
    this.background.dispose();
  }

  dispose(): void {
    this.stopped = true;
    this.deps.clearTimer(this.timer);
    this.cancelRewind();
    this.background.dispose();
    this.source?.dispose();
  }
}
