import type { RecordedStep } from '../protocol/console';
import { DEFAULT_TRAILING, trailingGoal, type TrailingPolicy } from './checkpoints-trailing';
import { RunToJob, type Runnable } from './rewind';
import type { SessionSpec } from './session-spec';
import type { SeekJob, Source, Standby } from './source';

/**
 * Parked engines as checkpoints. The engine's event queue holds closures, so its state cannot
 * be copied or saved; instead a few standby engines are built by exactly the replay a seek back
 * runs (same scenario, seed, files and recorded actions) and parked at moments behind the live
 * one. A seek to `t` takes the engine parked latest at or before `t` and runs it the rest of the
 * way: the same events in the same order as a rebuild from the start, because running to a time
 * in parts or at once is the same run (rewind.ts), so the result is that rebuild's, only sooner.
 *
 * A parked engine stays valid while the live session's history (its files, and its actions up
 * to the parked moment) is the one it was built with: a new action at `a` makes those parked
 * at or after `a` invalid (checked on every use, so no path that acts can forget to say so).
 */

/** What a parked engine must offer (EngineSource does). */
export interface Parkable extends Source {
  readonly spec: SessionSpec;
  /** What a rebuild of this session starts from: the live session's history. */
  history(): SessionSpec;
  /** Recorded actions played so far. */
  played(): RecordedStep[];
  /** Takes over a future: the actions still ahead. */
  replaceAhead(ahead: readonly RecordedStep[]): void;
  runnable(): Runnable;
  /** Heap it holds, roughly (bytes). */
  footprint(): number;
}

export interface CheckpointPolicy {
  /** How far back from the live moment seeks should be fast. */
  windowMs: number;
  /** Parked engines at most (each is a whole cluster: see the T1 bench's memory note). */
  count: number;
  /** Estimated heap all parked engines may hold together (bytes); the oldest go first past it. */
  budgetBytes: number;
  /** A seek forward uses a parked engine only when it saves at least this much replay. */
  minForwardGainMs: number;
  /**
   * Building an engine (booting its cluster) cannot be sliced: past this much wall time for one,
   * no more are built for this session (those there are still move on), so a large cluster does
   * not stall the worker again and again.
   */
  maxBuildMs: number;
  /**
   * One more engine that follows the live moment (checkpoints-trailing.ts); absent = none. It is
   * not one of `count` but its bytes are in `budgetBytes`.
   */
  trailing?: TrailingPolicy;
}

/**
 * An hour back in eight checkpoints, 7.5 simulated minutes apart: the replay left after the
 * checkpoint is at most 7.5 minutes, about 120 ms for a 20-node cluster with churn (T1). A
 * parked 20-node engine holds 13 MB at 7.5 minutes deep and 38 MB at an hour (its interaction
 * log, mostly), the eight about 200 MB; 256 MB is the most they may take together, so a larger
 * cluster keeps the newest few and seeks further back replay longer. With the trailing engine
 * (2 to 2.5 min behind live) the grid moment after it is not built: at 60:00 that is seven grid
 * engines (7:30 to 52:30) and the trailing one at 58:00, 171 MB of heap in the T1 bench.
 */
export const DEFAULT_POLICY: CheckpointPolicy = {
  windowMs: 3_600_000,
  count: 8,
  budgetBytes: 256e6,
  minForwardGainMs: 60_000,
  maxBuildMs: 600,
  trailing: DEFAULT_TRAILING,
};

interface Slot {
  src: Parkable;
  /** The moment it is built towards (and parks at). */
  goal: number;
  job: RunToJob;
  /** The trailing engine: its goal follows the live moment (checkpoints-trailing.ts). */
  trailing?: boolean;
}

export function isParkable(s: Source): s is Parkable {
  return 'history' in s && 'played' in s && 'replaceAhead' in s && 'runnable' in s && 'spec' in s;
}

/** Grid moments (multiples of the spacing) within the window behind `liveMs`, newest first. */
export function checkpointGoals(liveMs: number, policy: CheckpointPolicy): number[] {
  const spacing = Math.max(1000, Math.floor(policy.windowMs / policy.count));
  const out: number[] = [];
  for (let k = Math.floor(liveMs / spacing); k >= 1 && out.length < policy.count; k--) {
    const goal = k * spacing;
    if (goal <= liveMs - policy.windowMs) break;
    out.push(goal);
  }
  return out;
}

const sameStep = (a: RecordedStep | undefined, b: RecordedStep | undefined) => a !== undefined && b !== undefined && a.atMs === b.atMs && a.run === b.run;
const filesKey = (files: Readonly<Record<string, string>>) => JSON.stringify(Object.entries(files));

/** Actions in the order a replayer plays them (stable by time). */
function ordered(actions: readonly RecordedStep[]): RecordedStep[] {
  return [...actions].sort((a, b) => a.atMs - b.atMs);
}

/**
 * The actions still ahead of a parked engine at `atMs` that has `played` these, if its past is
 * the history's past; undefined when the history changed at or before `atMs`.
 */
export function futureOf(parkedSpec: SessionSpec, played: readonly RecordedStep[], atMs: number, history: SessionSpec): RecordedStep[] | undefined {
  if (parkedSpec.yaml !== history.yaml || parkedSpec.file !== history.file) return undefined;
  if (filesKey(parkedSpec.extraFiles) !== filesKey(history.extraFiles)) return undefined;
  const all = ordered(history.actions);
  for (let i = 0; i < played.length; i++) if (!sameStep(played[i], all[i])) return undefined;
  const ahead = all.slice(played.length);
  // An action at or before the parked moment that it never played: a different past.
  if (ahead.length > 0 && ahead[0]!.atMs <= atMs) return undefined;
  return ahead;
}

export class Checkpoints implements Standby {
  private slots: Slot[] = [];
  /** A build took longer than maxBuildMs: new engines are no longer built. */
  private buildsStall = false;

  constructor(
    private readonly build: (history: SessionSpec) => Parkable,
    private readonly policy: CheckpointPolicy = DEFAULT_POLICY,
  ) {}

  /** The trailing engine's moment and goal, if there is one (tests, the bench). */
  trailingAt(): { atMs: number; goal: number } | undefined {
    const t = this.slots.find((s) => s.trailing);
    return t && { atMs: t.src.clock().simTimeMs, goal: t.goal };
  }

  /** Parked and building engines (the trailing one too): their moments and goals (tests, the bench). */
  parked(): { atMs: number; goal: number }[] {
    return this.slots.map((s) => ({ atMs: s.src.clock().simTimeMs, goal: s.goal }));
  }

  seekFrom(live: Source, ms: number): SeekJob | undefined {
    if (!isParkable(live)) return undefined;
    const history = live.history();
    const liveMs = live.clock().simTimeMs;
    this.dropInvalid(history);
    let best: Slot | undefined;
    for (const s of this.slots) {
      const at = s.src.clock().simTimeMs;
      if (at <= ms && (!best || at > best.src.clock().simTimeMs)) best = s;
    }
    if (!best) return undefined;
    const at = best.src.clock().simTimeMs;
    // Forward, the live engine goes on in place unless a parked one is well ahead of it.
    if (ms >= liveMs && at < liveMs + this.policy.minForwardGainMs) return undefined;
    const ahead = futureOf(best.src.spec, best.src.played(), at, history);
    if (!ahead) return undefined;
    this.slots = this.slots.filter((s) => s !== best);
    best.src.replaceAhead(ahead);
    return new RunToJob(best.src, true, ms, best.src.runnable());
  }

  work(live: Source, budgetMs: number, wallNow: () => number): boolean {
    if (!isParkable(live)) return false;
    const history = live.history();
    this.dropInvalid(history);
    const liveMs = live.clock().simTimeMs;
    this.keepToBudget();
    const trail = this.policy.trailing ? trailingGoal(liveMs, this.policy.trailing) : undefined;
    // A grid moment after the trailing one serves only seeks the trailing engine serves with as
    // little replay: its memory goes to the grid's older moments instead.
    const goals = checkpointGoals(liveMs, this.policy).filter((g) => trail === undefined || g <= trail);
    // The trailing engine first: a minute or two back is where a seek back most often goes.
    let slot = this.trail(trail, goals, history, live.footprint(), wallNow);
    // Then newest first: the moments just behind the live one.
    slot ??= this.slots.filter((s) => !s.trailing && s.src.clock().simTimeMs < s.goal && goals.includes(s.goal)).sort((a, b) => b.goal - a.goal)[0];
    slot ??= this.assign(goals, history, liveMs, live.footprint(), wallNow);
    if (!slot) return false;
    // Its future is the live history's (a spare built before the user's latest actions lacks them).
    const ahead = futureOf(slot.src.spec, slot.src.played(), slot.src.clock().simTimeMs, history);
    if (ahead) slot.src.replaceAhead(ahead);
    slot.job.step(budgetMs, wallNow);
    return true;
  }

  /** A slot for the newest goal without one: a spare engine that can get there, or a new one. */
  private assign(goals: readonly number[], history: SessionSpec, liveMs: number, liveBytes: number, wallNow: () => number): Slot | undefined {
    const goal = goals.find((g) => !this.slots.some((s) => s.goal === g));
    if (goal === undefined) return undefined;
    const spare = this.spares(goals);
    // A spare already on the way (at or before the goal, nearest first) is advanced, not rebuilt.
    const reusable = spare.filter((s) => s.src.clock().simTimeMs <= goal).sort((a, b) => b.src.clock().simTimeMs - a.src.clock().simTimeMs)[0];
    if (reusable) {
      reusable.goal = goal;
      reusable.job = new RunToJob(reusable.src, true, goal, reusable.src.runnable());
      return reusable;
    }
    // A new engine grows to about the live one's size by its goal: room is made for that much.
    const full = () => this.slots.filter((s) => !s.trailing).length >= this.policy.count || this.bytes() + liveBytes > this.policy.budgetBytes;
    // The spare farthest from the live moment is the least likely to serve a seek.
    spare.sort((a, b) => Math.abs(b.goal - liveMs) - Math.abs(a.goal - liveMs));
    for (const evict of spare) {
      if (!full()) break;
      this.remove(evict);
    }
    if (full() || this.buildsStall) return undefined;
    const t0 = wallNow();
    const src = this.build(history);
    this.buildsStall = wallNow() - t0 > this.policy.maxBuildMs;
    const slot: Slot = { src, goal, job: new RunToJob(src, true, goal, src.runnable()) };
    this.slots.push(slot);
    return slot;
  }

  /**
   * The trailing engine when it has work to do: moved on to the goal for this live moment, or
   * made (a spare at or before the goal moved forward, else a new engine, within the budget).
   */
  private trail(goal: number | undefined, goals: readonly number[], history: SessionSpec, liveBytes: number, wallNow: () => number): Slot | undefined {
    let t = this.slots.find((s) => s.trailing);
    // The live moment went back past it (a seek from an older engine): engines only go forward,
    // so it becomes a spare (a later checkpoint may reuse it) and another one trails.
    if (t && (goal === undefined || t.src.clock().simTimeMs > goal)) {
      t.trailing = false;
      t = undefined;
    }
    if (goal === undefined) return undefined;
    if (!t) t = this.makeTrailing(goal, goals, history, liveBytes, wallNow);
    if (!t) return undefined;
    if (t.goal !== goal) {
      t.goal = goal;
      t.job = new RunToJob(t.src, true, goal, t.src.runnable());
    }
    return t.src.clock().simTimeMs < t.goal ? t : undefined;
  }

  private makeTrailing(goal: number, goals: readonly number[], history: SessionSpec, liveBytes: number, wallNow: () => number): Slot | undefined {
    const spare = this.spares(goals);
    const reusable = spare.filter((s) => s.src.clock().simTimeMs <= goal).sort((a, b) => b.src.clock().simTimeMs - a.src.clock().simTimeMs)[0];
    if (reusable) {
      reusable.trailing = true;
      return reusable;
    }
    // Room for a new engine about the live one's size: the spares farthest back go first.
    spare.sort((a, b) => a.goal - b.goal);
    for (const evict of spare) {
      if (this.bytes() + liveBytes <= this.policy.budgetBytes) break;
      this.remove(evict);
    }
    if (this.bytes() + liveBytes > this.policy.budgetBytes || this.buildsStall) return undefined;
    const t0 = wallNow();
    const src = this.build(history);
    this.buildsStall = wallNow() - t0 > this.policy.maxBuildMs;
    const slot: Slot = { src, goal, job: new RunToJob(src, true, goal, src.runnable()), trailing: true };
    this.slots.push(slot);
    return slot;
  }

  /** Engines neither on a checkpoint of the window nor trailing: reusable or evictable. */
  private spares(goals: readonly number[]): Slot[] {
    return this.slots.filter((s) => !s.trailing && !goals.includes(s.goal));
  }

  private bytes(): number {
    return this.slots.reduce((n, s) => n + s.src.footprint(), 0);
  }

  /** Parked engines grow as they are built: past the budget the oldest goes. */
  private keepToBudget(): void {
    for (let i = 0; i < this.policy.count && this.slots.length > 1 && this.bytes() > this.policy.budgetBytes; i++) {
      const oldest = [...this.slots].sort((a, b) => a.goal - b.goal)[0]!;
      this.remove(oldest);
    }
  }

  private dropInvalid(history: SessionSpec): void {
    for (const s of [...this.slots]) {
      if (!futureOf(s.src.spec, s.src.played(), s.src.clock().simTimeMs, history)) this.remove(s);
    }
  }

  private remove(slot: Slot): void {
    this.slots = this.slots.filter((s) => s !== slot);
    slot.src.dispose();
  }

  dispose(): void {
    for (const s of this.slots) s.src.dispose();
    this.slots = [];
  }
}
