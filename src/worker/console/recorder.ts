import { SCENARIO_LIMITS } from '../../engine/scenario/types';
import type { RecordedActions, RecordedStep } from '../../protocol/console';

/**
 * Ctrl-C on a streaming command, recorded as a step: a shell comment, so a scenario that
 * carries it still runs anywhere (a comment does nothing), while the worker's replayer
 * reads it and interrupts the latest running command with that line (console-session.ts).
 */
const INTERRUPT_PREFIX = '# ^C ';

/** The recorded line of a command as `record` keeps it. */
export function recordedLine(run: string): string {
  return run.replace(/[\r\n]+/g, ' ').trim();
}

export function interruptStep(line: string): string {
  return `${INTERRUPT_PREFIX}${recordedLine(line)}`;
}

/** The command line a recorded interrupt stops, or undefined when `run` is not one. */
export function interruptTarget(run: string): string | undefined {
  return run.startsWith(INTERRUPT_PREFIX) ? run.slice(INTERRUPT_PREFIX.length) : undefined;
}

/**
 * The user's actions (console lines, page actions, editor applies, inspector edits) as
 * scenario steps at the simulated time they happened, with the files those steps name.
 * Bounded by what a scenario may hold, so the recording always makes a valid scenario;
 * past the bounds new actions are dropped and `truncated` says so.
 */
export class UserRecorder {
  private readonly steps: RecordedStep[] = [];
  private readonly files = new Map<string, string>();
  private fileChars = 0;
  private truncated = false;

  /** Records `run` at `atMs` on the scenario clock; false when it could not be kept. */
  record(run: string, atMs: number): boolean {
    const line = recordedLine(run);
    if (line === '') return false;
    if (line.length > SCENARIO_LIMITS.commandChars || this.steps.length >= SCENARIO_LIMITS.steps || atMs > SCENARIO_LIMITS.atMs) {
      this.truncated = true;
      return false;
    }
    this.steps.push({ atMs: Math.max(0, Math.round(atMs)), run: line });
    return true;
  }

  /** Keeps a file the recorded steps refer to; false when it would not fit a scenario. */
  addFile(name: string, text: string): boolean {
    const grows = text.length - (this.files.get(name)?.length ?? 0);
    if ((!this.files.has(name) && this.files.size >= SCENARIO_LIMITS.files) || this.fileChars + grows > SCENARIO_LIMITS.bytes) {
      this.truncated = true;
      return false;
    }
    this.files.set(name, text);
    this.fileChars += grows;
    return true;
  }

  snapshot(): RecordedActions {
    return { steps: this.steps.map((s) => ({ ...s })), files: Object.fromEntries(this.files), truncated: this.truncated };
  }
}
