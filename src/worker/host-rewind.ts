import { actionCommand } from '../protocol/actions';
import { changesCluster } from '../protocol/console';
import type { PageMessage, ReplyBody } from '../protocol/messages';
import type { SeekJob } from './source';

/**
 * While a seek replays in slices, the running source is about to be replaced: something done
 * to it would vanish, and doing it to the rebuilt one at a moment the user never saw would
 * surprise. So what changes the cluster is refused with a message saying why; reads and
 * controls are answered as usual.
 */

/** Wall time one slice of a seek's replay may take before the worker answers messages again. */
export const REWIND_SLICE_MS = 50;
/** Progress goes to the page this often (each is also the worker's heartbeat). */
export const REWIND_PROGRESS_MS = 200;

export const REWINDING_MESSAGE = 'The timeline is still rewinding to the moment you picked; try again when it gets there.';

/** Why an engine stopped, for the user. */
export function describeError(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/**
 * A link whose scenario broke while it was being run to its moment. `link: ` is how the page
 * knows to show it in the banner of links that could not be opened (src/ui/share/SessionSync.tsx).
 */
export function linkFailure(e: unknown): string {
  return `link: the scenario stopped with an error on the way to the link's moment: ${describeError(e)}`;
}

/** The reply refusing `msg` during a rewind, or undefined when it may run. */
export function refusalWhileRewinding(msg: PageMessage): ReplyBody | undefined {
  if (msg.type === 'action') {
    return { kind: 'action', ok: false, command: actionCommand(msg.action), output: [REWINDING_MESSAGE], running: false, commandKey: null };
  }
  if (msg.type === 'console' && changesCluster(msg.request)) {
    return { kind: 'console', reply: { kind: 'unavailable', message: REWINDING_MESSAGE } };
  }
  return undefined;
}

export interface RewinderDeps {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** Progress to post (a heartbeat with `rewind`). */
  progress(job: SeekJob): void;
  /** The job reached its target. */
  done(job: SeekJob): void;
  /** A slice of `job` threw (the engine broke); the job is over (not cancelled: its source is the caller's). */
  failed(e: unknown, job: SeekJob): void;
}

/**
 * Runs one SeekJob at a time in slices of REWIND_SLICE_MS, going back to the worker's event
 * loop between slices (a 0 ms timer) so messages are answered and progress goes out.
 */
export class Rewinder {
  private job: SeekJob | undefined;
  private timer: unknown;
  private lastProgress = -Infinity;

  constructor(private readonly deps: RewinderDeps) {}

  get active(): SeekJob | undefined {
    return this.job;
  }

  /** Starts `job` (dropping any other) and runs its first slice now. */
  start(job: SeekJob): void {
    this.cancel();
    this.job = job;
    this.lastProgress = -Infinity;
    this.next();
  }

  cancel(): void {
    this.deps.clearTimer(this.timer);
    this.job?.cancel();
    this.job = undefined;
  }

  /** Progress now (a control changed the clock's state) or when REWIND_PROGRESS_MS have passed. */
  report(force: boolean): void {
    const wall = this.deps.now();
    if (!this.job || (!force && wall - this.lastProgress < REWIND_PROGRESS_MS)) return;
    this.lastProgress = wall;
    this.deps.progress(this.job);
  }

  private slice(): void {
    const job = this.job;
    if (!job) return;
    if (!job.step(REWIND_SLICE_MS, () => this.deps.now())) {
      this.report(false);
      this.timer = this.deps.setTimer(() => this.next(), 0);
      return;
    }
    this.job = undefined;
    this.deps.done(job);
  }

  private next(): void {
    try {
      this.slice();
    } catch (e) {
      const job = this.job;
      this.job = undefined;
      if (job) this.deps.failed(e, job);
    }
  }
}
