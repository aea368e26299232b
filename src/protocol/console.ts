import type { ObjectRef } from './messages';

/**
 * The console, the YAML editor, inspector edit and export (page → worker as a `console`
 * message, answered by a `console` reply). Everything a user types runs in the worker in the
 * cluster's command language, so it lands in the logs, the sequence panel and the timeline.
 */
export type ConsoleRequest =
  /** One console line (`kubectl …`, `helm …`, `sandbox …`), run as the user. */
  | { kind: 'run'; line: string }
  /** Ctrl-C for a command started with `run`. */
  | { kind: 'interrupt'; commandKey: string }
  /** Output lines of a command started with `run`, from line index `from` on. */
  | { kind: 'output'; commandKey: string; from: number }
  /** The YAML editor's text, applied like `kubectl apply -f -`. */
  | { kind: 'apply'; text: string }
  /** The object's YAML as `kubectl edit` opens it. */
  | { kind: 'editable'; ref: ObjectRef }
  /**
   * The edited YAML written back, like saving in `kubectl edit`: the change from `original`
   * (the text as opened) to `text` is patched onto the live object.
   */
  | { kind: 'edit'; ref: ObjectRef; original: string; text: string }
  /** Command tree, flags, resource kinds and charts, for tab completion (static). */
  | { kind: 'vocabulary' }
  /** Names of live objects for tab completion; `namespace` null = every namespace. */
  | { kind: 'names'; resource: NameSource; namespace: string | null }
  /** The user's objects as one multi-document YAML for a real cluster. */
  | { kind: 'export'; includeHelm: boolean };

/** Requests that may change the cluster: the worker posts their effects at once (the rest are reads). */
export function changesCluster(req: ConsoleRequest): boolean {
  return req.kind === 'run' || req.kind === 'interrupt' || req.kind === 'apply' || req.kind === 'edit';
}

/** A resource (`pods`, `deploy`, `svc`…), or one of the console's own name lists. */
export type NameSource = string;
/** Pseudo-resources for NameSource: Helm release names and the scenario's files. */
export const RELEASES_SOURCE = '@releases';
export const FILES_SOURCE = '@files';

/** One line of terminal output; `err` is stderr (errors and warnings). */
export interface ConsoleLine {
  text: string;
  err: boolean;
}

/** Where a manifest failed, for the editor to underline (1-based line and column in the whole text). */
export interface ConsoleMarker {
  docIndex: number;
  line: number;
  column: number;
  message: string;
}

export interface CommandOutput {
  /** The CommandRecord that keeps streaming the command's later output (null if none). */
  commandKey: string | null;
  command: string;
  lines: ConsoleLine[];
  /** Lines the command wrote so far (more than `lines.length` when a reply was capped). */
  lineCount: number;
  running: boolean;
  /** Exit code once finished, else null. */
  exitCode: number | null;
}

export type ConsoleReply =
  | ({ kind: 'ran' } & CommandOutput)
  /** `lines` start at `from`; `gone` when the worker no longer follows the command. */
  | ({ kind: 'output'; from: number; gone: boolean } & CommandOutput)
  /** `applied` is false when nothing was sent to the API server (a document did not parse). */
  | ({ kind: 'applied'; markers: ConsoleMarker[]; applied: boolean } & CommandOutput)
  | { kind: 'editable'; ref: ObjectRef; found: boolean; yaml: string }
  | ({ kind: 'edited'; markers: ConsoleMarker[] } & CommandOutput)
  | { kind: 'interrupted'; commandKey: string; ok: boolean }
  | { kind: 'vocabulary'; vocabulary: Vocabulary }
  | { kind: 'names'; resource: NameSource; namespace: string | null; names: string[] }
  | { kind: 'export'; yaml: string; count: number }
  /** The request cannot be served here (e.g. a synthetic cluster has no engine). */
  | { kind: 'unavailable'; message: string };

export interface VocabFlag {
  /** Long name without dashes. */
  name: string;
  short: string | null;
  /** Takes a value (`--namespace x`), as opposed to a boolean switch. */
  value: boolean;
}

export interface VocabCommand {
  name: string;
  aliases: string[];
  flags: VocabFlag[];
  subcommands: VocabCommand[];
}

export interface VocabResource {
  kind: string;
  /** Plural lower-case name (`deployments`). */
  resource: string;
  singular: string;
  /** API group ('' for the core group), as in `deployments.apps`. */
  group: string;
  shortNames: string[];
  namespaced: boolean;
}

export interface Vocabulary {
  /** `kubectl`, `helm`, `sandbox`; each program's flags are its global flags. */
  programs: VocabCommand[];
  resources: VocabResource[];
  /** `repo/chart` references the sandbox's repositories hold. */
  charts: string[];
}

/** A user action as a scenario step: at `atMs` on the scenario clock, run `run`. */
export interface RecordedStep {
  atMs: number;
  run: string;
}

/** What the user did in the page, as scenario steps plus the files those steps refer to. */
export interface RecordedActions {
  steps: RecordedStep[];
  /** Manifests applied from the editor (`editor-1.yaml`) or saved from inspector edit. */
  files: Record<string, string>;
  /** Steps or files were dropped because the recording hit its bounds. */
  truncated: boolean;
}
