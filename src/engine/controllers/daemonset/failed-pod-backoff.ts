const INITIAL_MS = 1000;
const MAX_MS = 15 * 60_000;

/**
 * flowcontrol.Backoff as the DaemonSet controller uses it for failed daemon pods (1 s
 * doubling to 15 min per DaemonSet and node), so a kubelet that keeps rejecting a pod
 * does not make the controller hot-loop.
 */
export class FailedPodBackoff {
  private readonly entries = new Map<string, { delayMs: number; lastMs: number }>();

  /** ms left in the back-off window, or undefined when not backing off. */
  remainingMs(key: string, nowMs: number): number | undefined {
    const e = this.entries.get(key);
    if (!e || nowMs - e.lastMs > 2 * MAX_MS) return undefined;
    const left = e.lastMs + e.delayMs - nowMs;
    return left > 0 ? left : undefined;
  }

  next(key: string, nowMs: number): void {
    const e = this.entries.get(key);
    if (!e || nowMs - e.lastMs > 2 * MAX_MS) this.entries.set(key, { delayMs: INITIAL_MS, lastMs: nowMs });
    else this.entries.set(key, { delayMs: Math.min(e.delayMs * 2, MAX_MS), lastMs: nowMs });
  }
}
