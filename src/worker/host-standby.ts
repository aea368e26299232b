import type { SeekJob, Source, Standby } from './source';

/**
 * Runs the session's Standby (parked engines, checkpoints.ts) in the worker's spare time: one
 * short slice after each frame, on a 0 ms timer so messages that arrived meanwhile go first.
 * The live loop keeps priority: a slice is a fraction of a frame, and none runs while a rewind
 * does (it has the user waiting). An engine error while building only turns checkpoints off:
 * seeks then rebuild from the start as before, and say so themselves if they break too.
 */

/** Wall time per slice while the clock runs: the frame itself must still post on time. */
export const STANDBY_PLAYING_MS = 8;
/** While paused the worker has little else to do: checkpoints get more of each frame. */
export const STANDBY_PAUSED_MS = 20;

export interface StandbyDeps {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** The live source and clock state, or undefined when background work must wait (a rewind, no source). */
  live(): { source: Source; paused: boolean } | undefined;
}

export class StandbyRunner {
  private standby: Standby | undefined;
  private timer: unknown;
  private queued = false;
  /** Nothing left to build: slices stop until the live moment or history moves. */
  private idle = false;

  constructor(private readonly deps: StandbyDeps) {}

  /** A new session (hello, open): its own parked engines; the old ones belong to another history. */
  reset(source: Source | undefined): void {
    this.dispose();
    this.standby = source?.standby?.();
  }

  /** A seek from a parked engine, or undefined (none fits: the source's own way). */
  seekFrom(live: Source, ms: number): SeekJob | undefined {
    if (!this.standby) return undefined;
    try {
      return this.standby.seekFrom(live, ms);
    } catch {
      this.dispose();
      return undefined;
    }
  }

  /** After a frame: one slice soon, unless one is queued already. */
  poke(): void {
    if (!this.standby || this.queued) return;
    this.queued = true;
    this.timer = this.deps.setTimer(() => this.slice(), 0);
  }

  private slice(): void {
    this.queued = false;
    const live = this.deps.live();
    if (!live || !this.standby) return;
    try {
      this.idle = !this.standby.work(live.source, live.paused ? STANDBY_PAUSED_MS : STANDBY_PLAYING_MS, () => this.deps.now());
    } catch {
      this.dispose();
    }
  }

  /** True while there is nothing left to build (tests). */
  get resting(): boolean {
    return this.idle || !this.standby;
  }

  dispose(): void {
    this.deps.clearTimer(this.timer);
    this.queued = false;
    this.idle = false;
    this.standby?.dispose();
    this.standby = undefined;
  }
}
