import type { RecordedStep } from '../protocol/console';

/** What the replayer drives: the scenario runner (its own steps run on the way). */
export interface TimelineRunner {
  runUntil(simMs: number): void;
}

/**
 * Plays the user's recorded actions back at their scenario times, interleaved with the
 * scenario's steps. An action recorded at `t` happened after the runner had reached `t`
 * (its steps at `t` had run), so it replays after them: the runner goes to `t`, then the
 * action runs. Actions still ahead of the clock are "pending": they play when time reaches
 * them, or are dropped by `branch()` when the user does something new first.
 */
export class ActionReplayer {
  private readonly queue: RecordedStep[];
  private next = 0;

  constructor(
    actions: readonly RecordedStep[],
    private readonly runner: TimelineRunner,
    private readonly exec: (run: string) => void,
  ) {
    // Stable sort: actions at the same time keep the order they were recorded in.
    this.queue = actions.map((a) => ({ atMs: a.atMs, run: a.run })).sort((a, b) => a.atMs - b.atMs);
  }

  /** Advances scenario time to `simMs`, running the actions due on the way. */
  runUntil(simMs: number): void {
    // Bounded by the queue's length (at most SCENARIO_LIMITS.steps actions).
    while (this.next < this.queue.length && this.queue[this.next]!.atMs <= simMs) {
      const action = this.queue[this.next++]!;
      this.runner.runUntil(action.atMs);
      this.exec(action.run);
    }
    this.runner.runUntil(simMs);
  }

  /** Actions played so far, in the order they ran. */
  played(): RecordedStep[] {
    return this.queue.slice(0, this.next).map((a) => ({ ...a }));
  }

  /**
   * Replaces the actions still ahead with `ahead` (a checkpoint taking over the live session's
   * future, checkpoints.ts). Sorted as the constructor sorts; the caller checks that none is
   * due before the actions already played.
   */
  replaceAhead(ahead: readonly RecordedStep[]): void {
    this.queue.length = this.next;
    this.queue.push(...ahead.map((a) => ({ atMs: a.atMs, run: a.run })).sort((a, b) => a.atMs - b.atMs));
  }

  /** Actions not played yet. */
  pending(): RecordedStep[] {
    return this.queue.slice(this.next).map((a) => ({ ...a }));
  }

  /** The user acted at this moment: the actions after it belong to a history that no longer happens. */
  branch(): number {
    const dropped = this.queue.length - this.next;
    this.queue.length = this.next;
    return dropped;
  }
}
