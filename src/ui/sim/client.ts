import type { ConsoleReply, ConsoleRequest } from '../../protocol/console';
import type { Action, ControlCommand, HelloMessage, PageMessage, Query, ReplyBody, WorkerMessage } from '../../protocol/messages';
import { checkWorkerMessage } from '../../protocol/validate';
import { assertNever, PROTOCOL_VERSION } from '../../protocol/version';
import { Sequencer } from '../mirror/sequencer';
import { applyDeliveries, resetMirror, setConnection, useMirror } from '../mirror/store';
import type { BacklogItem } from './early-worker';
import { setRewind } from './rewind-store';

/** No message for this long (while the page itself keeps running) = the worker stalled. */
const STALL_MS = 5000;
/** A gap that has not filled after this long is given up on: ask for a snapshot. */
const GAP_WAIT_MS = 300;
const RESYNC_RETRY_MS = 2000;

export interface WorkerLike {
  postMessage(msg: PageMessage): void;
  terminate(): void;
  onmessage: ((ev: MessageEvent) => void) | null;
  onerror: ((ev: ErrorEvent) => void) | null;
  onmessageerror: ((ev: MessageEvent) => void) | null;
}

export interface ClientDeps {
  createWorker(): WorkerLike;
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(h: unknown): void;
  /** A non-fatal message from the worker that the user should read (e.g. unknown scenario). */
  notify?(message: string): void;
  /**
   * The moment the page keeps in its address bar (a share-link fragment, rewritten every few
   * seconds): a restart reopens it rather than what the page started with. Absent or empty: the start.
   */
  currentLink?(): string | undefined;
}

type Pending = { resolve: (b: ReplyBody) => void; reject: (e: Error) => void };

/**
 * The page's side of the worker: one worker at a time, the mirror fed through the sequencer,
 * request / reply correlation, a watchdog, and restart. Created once at module level (not in
 * an effect), so React StrictMode's double mount cannot start a second worker.
 */
export class SimClient {
  private worker: WorkerLike | undefined;
  private readonly seq = new Sequencer();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private lastMessage = 0;
  private lastCheck = 0;
  private gapSince: number | undefined;
  private resyncAt: number | undefined;
  private watchdog: unknown;
  private hello: HelloMessage = { type: 'hello', v: PROTOCOL_VERSION };
  workersStarted = 0;

  constructor(private readonly deps: ClientDeps) {}

  /** Starts the worker once; later calls are no-ops (StrictMode, HMR). */
  start(hello: Omit<HelloMessage, 'type' | 'v'> = {}): void {
    if (this.worker) return;
    this.hello = { type: 'hello', v: PROTOCOL_VERSION, ...hello };
    this.spawn();
  }

  /**
   * Takes over a worker that was started (and sent its hello) before this client existed,
   * then handles what it already said, in order.
   */
  adopt(early: { worker: WorkerLike; hello: HelloMessage; backlog: readonly BacklogItem[] }): void {
    if (this.worker) return;
    this.hello = early.hello;
    this.attach(early.worker);
    for (const item of early.backlog) {
      if (item.kind === 'message') this.receive(item.data);
      else this.crash(`The simulation worker crashed: ${item.message}`);
    }
  }

  restart(): void {
    this.stop();
    // A restart comes back from the scenario, without any injected test fault.
    const { fault: _fault, ...rest } = this.hello;
    const link = this.deps.currentLink?.();
    // The latest moment (the worker falls back to the scenario if the link cannot be opened).
    // A link opens stopped at its moment, as at page load (boot.ts).
    this.hello = link && link.length > 1 && !rest.synthetic ? { ...rest, link, paused: true } : rest;
    resetMirror();
    this.spawn();
  }

  stop(): void {
    this.deps.clearInterval(this.watchdog);
    this.worker?.terminate();
    this.worker = undefined;
    for (const p of this.pending.values()) p.reject(new Error('simulation restarted'));
    this.pending.clear();
    this.seq.reset();
    setRewind(null);
  }

  private spawn(): void {
    const w = this.deps.createWorker();
    this.attach(w);
    w.postMessage(this.hello);
  }

  private attach(w: WorkerLike): void {
    this.workersStarted++;
    this.worker = w;
    w.onmessage = (ev) => this.receive(ev.data);
    w.onerror = (ev) => {
      ev.preventDefault?.();
      this.crash(`The simulation worker crashed: ${ev.message || 'unknown error'}`);
    };
    w.onmessageerror = () => this.crash('The simulation worker sent a message the page could not read.');
    this.lastMessage = this.deps.now();
    this.lastCheck = this.lastMessage;
    setConnection('connecting');
    this.watchdog = this.deps.setInterval(() => this.check(), 1000);
  }

  private crash(message: string): void {
    setRewind(null);
    setConnection('crashed', message);
    this.deps.clearInterval(this.watchdog);
  }

  private send(msg: PageMessage): void {
    this.worker?.postMessage(msg);
  }

  control(command: ControlCommand): void {
    this.send({ type: 'control', v: PROTOCOL_VERSION, command });
  }

  action(action: Action): Promise<ReplyBody> {
    const id = this.nextId++;
    return this.expect(id, () => this.send({ type: 'action', v: PROTOCOL_VERSION, id, action }));
  }

  request(query: Query): Promise<ReplyBody> {
    const id = this.nextId++;
    return this.expect(id, () => this.send({ type: 'request', v: PROTOCOL_VERSION, id, query }));
  }

  /** A console / editor / export request; resolves with the worker's ConsoleReply. */
  console(request: ConsoleRequest): Promise<ConsoleReply> {
    const id = this.nextId++;
    return this.expect(id, () => this.send({ type: 'console', v: PROTOCOL_VERSION, id, request })).then((body) =>
      body.kind === 'console' ? body.reply : { kind: 'unavailable', message: `unexpected reply ${body.kind}` },
    );
  }

  private expect(id: number, post: () => void): Promise<ReplyBody> {
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      post();
    });
  }

  /** Handles one message from the worker (public for tests). */
  receive(data: unknown): void {
    const checked = checkWorkerMessage(data);
    if (!checked.ok) return;
    const msg: WorkerMessage = checked.msg;
    const now = this.deps.now();
    this.lastMessage = now;
    if (useMirror.getState().connection === 'stalled') setConnection('live');
    switch (msg.type) {
      case 'snapshot':
      case 'batch': {
        // The worker posts no records while it rewinds: records mean it got there (or gave up).
        setRewind(null);
        const ready = this.seq.receive(msg);
        if (ready.some((m) => m.type === 'snapshot')) this.resyncAt = undefined;
        if (!applyDeliveries(ready, now)) this.resync(now, true);
        this.watchGap(now, -1);
        return;
      }
      case 'heartbeat':
        setRewind(msg.rewind ?? null);
        this.watchGap(now, msg.seq);
        return;
      case 'reply': {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        p?.resolve(msg.body);
        return;
      }
      case 'error':
        if (msg.id !== undefined) {
          this.pending.get(msg.id)?.reject(new Error(msg.message));
          this.pending.delete(msg.id);
        }
        if (msg.fatal) this.crash(`The simulation stopped: ${msg.message}`);
        else if (msg.id === undefined) this.deps.notify?.(msg.message);
        return;
      default:
        assertNever(msg, 'worker message');
    }
  }

  private watchGap(now: number, workerSeq: number): void {
    if (!this.seq.hasGap(workerSeq)) {
      this.gapSince = undefined;
      return;
    }
    this.gapSince ??= now;
    if (this.seq.overflowing() || now - this.gapSince >= GAP_WAIT_MS) this.resync(now, false);
  }

  private resync(now: number, force: boolean): void {
    if (!force && this.resyncAt !== undefined && now - this.resyncAt < RESYNC_RETRY_MS) return;
    this.resyncAt = now;
    this.gapSince = undefined;
    this.send({ type: 'resync', v: PROTOCOL_VERSION, lastSeq: this.seq.lastSeq });
  }

  private check(): void {
    const now = this.deps.now();
    // If the page itself was frozen, silence says nothing about the worker.
    const pageWasBusy = now - this.lastCheck > 2500;
    this.lastCheck = now;
    if (pageWasBusy) return;
    const conn = useMirror.getState().connection;
    if (conn === 'crashed') return;
    if (now - this.lastMessage > STALL_MS) setConnection('stalled', 'The simulation is not responding.');
    this.watchGap(now, -1);
  }
}
