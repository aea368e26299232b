import type { RecordedStep } from './console';

/**
 * The session behind the timeline, the picker and share links: which scenario is open, its
 * steps, and the user's actions. Page → worker as `open` / `session` requests and the `seek`
 * control; see src/worker/restore.ts and src/worker/seek.ts.
 */

/** What to open in place of the running scenario. */
export type OpenRequest =
  | { kind: 'builtin'; name: string }
  /** An imported scenario file; `file` names it in errors (`file:line:column`). */
  | { kind: 'yaml'; yaml: string; file: string }
  /** A share link's fragment (untrusted; the worker checks it with decodeLink). */
  | { kind: 'link'; fragment: string };

/** Answer to an `open` request. On failure the running scenario stays as it was. */
export interface OpenResult {
  ok: boolean;
  /** `file:line:column: path: message`, one per problem (or the link codec's message). */
  errors: string[];
  /** Things repaired on the way in (e.g. a position for a node the scenario lacks). */
  notices: string[];
}

export interface TimelineStep {
  atMs: number;
  run: string;
  note: string | null;
}

/** `share`: the scenario with the user's files; `export`: also the user's actions as steps. */
export type SessionText = 'share' | 'export';

export interface SessionInfo {
  /** The scenario's own steps, in time order. */
  steps: TimelineStep[];
  /** The user's actions up to now (replayed or live), in time order. */
  actions: RecordedStep[];
  /**
   * Actions after the current moment (the user went back in time): they replay as the clock
   * reaches them, and are dropped as soon as the user does something new (like an editor's redo).
   */
  pending: RecordedStep[];
  /** The recording hit its bounds: some actions were not kept. */
  truncated: boolean;
  /** The scenario's YAML as asked for by `text`, else null. */
  text: string | null;
  /** The scenario's file name (`builtin/node-failure.yaml`, the imported file's name…). */
  file: string;
}
