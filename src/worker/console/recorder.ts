import { SCENARIO_LIMITS } from '../../engine/scenario/types';
import type { RecordedActions, RecordedStep } from '../../protocol/console';

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
    const line = run.replace(/[\r\n]+/g, ' ').trim();
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
