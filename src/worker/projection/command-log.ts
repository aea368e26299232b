import type { CommandProcess, OutputLine } from '../../engine/commands/process';
import { COMMAND_TAIL_LINES, type CommandRecord } from '../../protocol/records';

/** Commands kept for the page (older ones are dropped, newest first). */
export const MAX_COMMANDS = 100;

export interface CommandClock {
  now(): number;
  revision(): number;
}

/**
 * Turns running command processes (page actions, scenario steps) into CommandRecords. A
 * process that keeps writing (drain, rollout status, get -w) updates its record line by
 * line as simulated time passes; `drain()` hands over what changed since the last frame.
 */
export class CommandLog {
  private readonly records = new Map<string, CommandRecord>();
  private readonly dirty = new Set<string>();
  private readonly unsubscribers = new Map<string, () => void>();
  private seq = 0;

  constructor(private readonly clock: CommandClock) {}

  /**
   * Runs `start` and follows the process it returns; returns the process and its record's key.
   * The record is ordered by the revision before the command ran, so what the command
   * wrote (and the events that followed) sort after it.
   */
  run(start: () => CommandProcess, source: CommandRecord['source'], note: string | null = null): { proc: CommandProcess; key: string } {
    const order = this.clock.revision();
    const proc = start();
    return { proc, key: this.track(proc, source, note, order) };
  }

  /** Starts following `proc`; returns the key of its record. */
  track(proc: CommandProcess, source: CommandRecord['source'], note: string | null = null, order = this.clock.revision()): string {
    const key = `cmd-${++this.seq}`;
    const lines = proc.lines.map((l) => l.text);
    this.set({
      key, source, command: proc.command, note, lines: lines.slice(-COMMAND_TAIL_LINES), lineCount: lines.length,
      running: !proc.done, exitCode: proc.exitCode ?? null, startMs: this.clock.now(), order,
    });
    if (!proc.done) this.unsubscribers.set(key, proc.subscribe((line) => this.onLine(key, proc, line)));
    this.trim();
    return key;
  }

  get(key: string): CommandRecord | undefined {
    return this.records.get(key);
  }

  private onLine(key: string, proc: CommandProcess, line: OutputLine | undefined): void {
    const rec = this.records.get(key);
    if (!rec) return;
    if (!line) {
      this.unsubscribers.get(key)?.();
      this.unsubscribers.delete(key);
      this.set({ ...rec, running: false, exitCode: proc.exitCode ?? null });
      return;
    }
    const lines = rec.lines.length >= COMMAND_TAIL_LINES ? rec.lines.slice(1 - COMMAND_TAIL_LINES) : rec.lines.slice();
    lines.push(line.text);
    this.set({ ...rec, lines, lineCount: rec.lineCount + 1 });
  }

  private set(rec: CommandRecord): void {
    this.records.set(rec.key, rec);
    this.dirty.add(rec.key);
  }

  /** Oldest records beyond MAX_COMMANDS go (a still-running one stops being followed). */
  private trim(): void {
    // Insertion order is age order: keys are never re-inserted.
    for (const key of this.records.keys()) {
      if (this.records.size <= MAX_COMMANDS) break;
      this.unsubscribers.get(key)?.();
      this.unsubscribers.delete(key);
      this.records.delete(key);
      this.dirty.add(key);
    }
  }

  /** Records changed since the last call: [key, record or undefined when dropped]. */
  drain(): [string, CommandRecord | undefined][] {
    const out: [string, CommandRecord | undefined][] = [];
    for (const key of this.dirty) out.push([key, this.records.get(key)]);
    this.dirty.clear();
    return out;
  }

  dispose(): void {
    for (const u of this.unsubscribers.values()) u();
    this.unsubscribers.clear();
  }
}
