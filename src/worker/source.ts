import type { ConsoleReply, ConsoleRequest } from '../protocol/console';
import type { Action, Change, Query, ReplyBody, ScenarioInfo } from '../protocol/messages';
import type { RecordSets } from '../protocol/records';

/** Where records come from: the engine, or a synthetic generator for benchmarks. */
export interface Source {
  readonly info: ScenarioInfo;
  /** Said once to the page after loading (e.g. an unknown scenario name fell back to the default). */
  readonly warning?: string;
  /** Advances simulated time by `simMs`. */
  advance(simMs: number): void;
  /** As fast as it goes: runs for about `budgetMs` of wall time. */
  runFor(budgetMs: number, wallNow: () => number): void;
  /** Changes since the last flush (against what was last sent). */
  flush(): Change[];
  /** Everything as last sent; call right after flush. */
  snapshot(): RecordSets;
  clock(): { nowMs: number; simTimeMs: number };
  /** Pods the page holds (sets the frame rate: large clusters post less often). */
  podCount(): number;
  action(a: Action): ReplyBody;
  query(q: Query): ReplyBody;
  /** Console, YAML editor, inspector edit, export; absent where there is no engine to run commands. */
  console?(req: ConsoleRequest): ConsoleReply;
  /** Moves to scenario time `ms`; returns the source to use from now on (itself, or a rebuilt one). */
  seek?(ms: number): Source;
  /** The same move done in slices (the host runs `step` between its other work); see rewind.ts. */
  startSeek?(ms: number): SeekJob;
  /** Parked copies of this session for fast seeks (checkpoints.ts); absent = every seek back rebuilds. */
  standby?(): Standby;
  dispose(): void;
}

/**
 * Copies of the running session parked at earlier moments, built in the background by the
 * same deterministic replay a seek back runs, so a seek starts near its target (checkpoints.ts).
 */
export interface Standby {
  /** A seek to `ms` from the best parked copy, or undefined when none beats the source's own way. */
  seekFrom(live: Source, ms: number): SeekJob | undefined;
  /** Builds parked copies for about `budgetMs` of wall time; false once there is nothing left to do. */
  work(live: Source, budgetMs: number, wallNow: () => number): boolean;
  dispose(): void;
}

/** A seek run in slices of wall time, so the worker keeps answering while it replays. */
export interface SeekJob {
  /** Scenario time the seek goes to. */
  readonly targetMs: number;
  /** The source at the target: the running one (forward) or a rebuilt one (back). */
  readonly source: Source;
  /** `source` replaces the running source once done. */
  readonly rebuilt: boolean;
  /** Runs for about `budgetMs` of wall time; true once at the target. */
  step(budgetMs: number, wallNow: () => number): boolean;
  /** Share of the way done, 0..1. */
  progress(): number;
  /** Gives up (a rebuilt source is disposed). */
  cancel(): void;
}
