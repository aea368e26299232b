import type { SeekJob, Source } from './source';

/** Simulated time run per chunk at first; adapted so a chunk takes about CHUNK_WALL_MS. */
const FIRST_CHUNK_MS = 1000;
const MIN_CHUNK_MS = 100;
const MAX_CHUNK_MS = 60_000;
const CHUNK_WALL_MS = 8;
/** Chunks per step at most, even when the wall clock stands still (fake timers). */
const MAX_CHUNKS_PER_STEP = 100_000;

/** What a job drives: the source's scenario clock and its way forward (actions replayed on the way). */
export interface Runnable {
  simTimeMs(): number;
  runUntil(simMs: number): void;
}

/**
 * Runs a source to `targetMs` in chunks of simulated time, stopping after each chunk once a
 * step's wall budget is spent. Chunk boundaries do not change the result: the engine runs
 * the same events in the same order whether it is asked to go to a time at once or in
 * parts (engine-source.test.ts compares the two), so slicing by wall time stays deterministic.
 */
export class RunToJob implements SeekJob {
  private chunk = FIRST_CHUNK_MS;
  private readonly fromMs: number;
  private stuck = false;

  constructor(
    readonly source: Source,
    readonly rebuilt: boolean,
    readonly targetMs: number,
    private readonly run: Runnable,
  ) {
    this.fromMs = Math.min(run.simTimeMs(), targetMs);
  }

  private done(): boolean {
    return this.stuck || this.run.simTimeMs() >= this.targetMs;
  }

  step(budgetMs: number, wallNow: () => number): boolean {
    const start = wallNow();
    for (let i = 0; i < MAX_CHUNKS_PER_STEP && !this.done(); i++) {
      const t0 = wallNow();
      if (i > 0 && t0 - start >= budgetMs) break;
      const before = this.run.simTimeMs();
      this.run.runUntil(Math.min(this.targetMs, before + this.chunk));
      const ran = this.run.simTimeMs() - before;
      // A runner that cannot go further (its end) must not keep the seek open forever.
      if (ran <= 0) this.stuck = true;
      this.adapt(ran, wallNow() - t0);
    }
    return this.done();
  }

  /**
   * The next chunk from the rate the last one ran at (simulated ms per wall ms), growing at
   * most twofold: a busy stretch after a quiet one then costs one slice a little over budget.
   */
  private adapt(ranMs: number, tookMs: number): void {
    const fit = tookMs > 0 ? Math.floor((ranMs / tookMs) * CHUNK_WALL_MS) : this.chunk * 2;
    this.chunk = Math.max(MIN_CHUNK_MS, Math.min(MAX_CHUNK_MS, this.chunk * 2, fit));
  }

  progress(): number {
    const span = this.targetMs - this.fromMs;
    if (span <= 0 || this.done()) return 1;
    return Math.max(0, Math.min(1, (this.run.simTimeMs() - this.fromMs) / span));
  }

  cancel(): void {
    if (this.rebuilt) this.source.dispose();
  }
}
