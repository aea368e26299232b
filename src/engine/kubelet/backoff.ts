/**
 * client-go's flowcontrol.Backoff, as the kubelet uses it for container restarts
 * (CrashLoopBackOff) and image pulls (ImagePullBackOff): per-key delay starting at 10 s,
 * doubling up to 300 s, forgotten when nothing happened for twice the maximum (10 min).
 * Times are passed in (simulated ms); there is no clock here.
 */
export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;

interface Entry {
  backoffMs: number;
  lastUpdateMs: number;
}

/** Bound on remembered keys: old entries are dropped first (they would have expired anyway). */
const MAX_ENTRIES = 10_000;

export class Backoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    readonly initialMs = BACKOFF_INITIAL_MS,
    readonly maxMs = BACKOFF_MAX_MS,
  ) {}

  private expired(eventMs: number, lastUpdateMs: number): boolean {
    return eventMs - lastUpdateMs > 2 * this.maxMs;
  }

  /** Current delay for `key` (0 when none). */
  get(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0;
  }

  /** Records a retry at `nowMs`: first (or after expiry) the initial delay, then double, capped. */
  next(key: string, nowMs: number): void {
    const e = this.entries.get(key);
    if (!e || this.expired(nowMs, e.lastUpdateMs)) {
      this.entries.delete(key);
      this.entries.set(key, { backoffMs: this.initialMs, lastUpdateMs: nowMs });
      if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      return;
    }
    e.backoffMs = Math.min(e.backoffMs * 2, this.maxMs);
    e.lastUpdateMs = nowMs;
  }

  /** Container restarts: still backing off for an exit that happened at `eventMs`? */
  isInBackOffSince(key: string, eventMs: number, nowMs: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(eventMs, e.lastUpdateMs)) return false;
    return nowMs - eventMs < e.backoffMs;
  }

  /** Image pulls: still backing off since the last recorded failure? */
  isInBackOffSinceUpdate(key: string, nowMs: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(nowMs, e.lastUpdateMs)) return false;
    return nowMs - e.lastUpdateMs < e.backoffMs;
  }

  /** When the back-off for `key` that started at `sinceMs` ends. */
  until(key: string, sinceMs: number): number {
    return sinceMs + this.get(key);
  }

  /** When the image back-off for `key` ends (after its last update). */
  untilUpdate(key: string): number {
    const e = this.entries.get(key);
    return e ? e.lastUpdateMs + e.backoffMs : 0;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}
