import type { Machine } from '../cluster/node-config';
import { imageSizeBytes, pullErrorMessage, type ImageRef } from './images';

/**
 * The kubelet's serial image puller (serializeImagePulls: true, the default): one pull at a
 * time per node, in request order; requests for an image already being pulled wait for that
 * pull. Pull time comes from the image size; a successful pull lands in the node's cache,
 * which survives the node being killed.
 */

export interface PullResult {
  readonly ok: boolean;
  readonly sizeBytes: number;
  /** Time the pull itself took. */
  readonly pullMs: number;
  /** Time since this request was made (the "including waiting" figure). */
  readonly totalMs: number;
  readonly error?: string;
}

interface Waiter {
  readonly requestedMs: number;
  readonly done: (r: PullResult) => void;
  cancelled: boolean;
}

interface PullJob {
  readonly ref: ImageRef;
  readonly fail: boolean;
  readonly waiters: Waiter[];
}

export type Schedule = (delayMs: number, label: string, fn: () => void, background: boolean) => void;

/** How long a pull that cannot resolve the reference takes, per ms-per-MiB of the config (≈1 s at 40). */
const FAILED_PULL_MIB = 25;
/** A pull of an image already on disk only checks the manifest: this share of a full pull. */
const CACHED_PULL_SHARE = 0.05;
/** Upper bound on queued pulls per node (more would mean a runaway scenario). */
const MAX_QUEUE = 10_000;

export class ImagePuller {
  private readonly queue: PullJob[] = [];
  private current: PullJob | undefined;

  constructor(
    private readonly machine: Machine,
    private readonly schedule: Schedule,
    private readonly now: () => number,
    private readonly msPerMiB: number,
  ) {}

  get busy(): boolean {
    return this.current !== undefined;
  }

  /** Requests a pull; `fail` makes it fail (injected misbehaviour). Returns a cancel function. */
  pull(ref: ImageRef, fail: boolean, done: (r: PullResult) => void): () => void {
    const waiter: Waiter = { requestedMs: this.now(), done, cancelled: false };
    const same = (j: PullJob | undefined): boolean => j !== undefined && j.ref.full === ref.full && j.fail === fail;
    const existing = same(this.current) ? this.current : this.queue.find(same);
    if (existing) existing.waiters.push(waiter);
    else if (this.queue.length < MAX_QUEUE) this.queue.push({ ref, fail, waiters: [waiter] });
    else waiter.cancelled = true;
    this.startNext();
    return () => {
      waiter.cancelled = true;
    };
  }

  private durationMs(job: PullJob): number {
    if (job.fail) return FAILED_PULL_MIB * this.msPerMiB;
    const full = (imageSizeBytes(job.ref) / 2 ** 20) * this.msPerMiB;
    return Math.round(this.machine.images.has(job.ref.full) ? full * CACHED_PULL_SHARE : full);
  }

  private startNext(): void {
    if (this.current) return;
    let job = this.queue.shift();
    while (job && job.waiters.every((w) => w.cancelled)) job = this.queue.shift();
    if (!job) return;
    this.current = job;
    const pullMs = this.durationMs(job);
    const started = this.now();
    this.schedule(pullMs, `pull ${job.ref.spec}`, () => this.finish(job, started), job.fail);
  }

  private finish(job: PullJob, startedMs: number): void {
    this.current = undefined;
    const sizeBytes = imageSizeBytes(job.ref);
    if (!job.fail) this.machine.images.set(job.ref.full, sizeBytes);
    const now = this.now();
    for (const w of job.waiters) {
      if (w.cancelled) continue;
      const totalMs = now - w.requestedMs;
      w.done({
        ok: !job.fail,
        sizeBytes,
        pullMs: Math.min(now - startedMs, totalMs),
        totalMs,
        ...(job.fail ? { error: pullErrorMessage(job.ref) } : {}),
      });
    }
    this.startNext();
  }
}
