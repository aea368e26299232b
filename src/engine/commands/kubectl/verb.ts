import type { ExitCode, Invocation } from '../invocation';
import type { FlagSpec, ParsedFlags } from '../shell/flags';

/** Help sections of `kubectl --help`, in kubectl's order. */
export const VerbGroup = {
  Beginner: 'Basic Commands (Beginner)',
  Intermediate: 'Basic Commands (Intermediate)',
  Deploy: 'Deploy Commands',
  Cluster: 'Cluster Management Commands',
  Troubleshooting: 'Troubleshooting and Debugging Commands',
  Advanced: 'Advanced Commands',
  Settings: 'Settings Commands',
  Other: 'Other Commands',
} as const;
export type VerbGroup = (typeof VerbGroup)[keyof typeof VerbGroup];

/**
 * One kubectl command (or sub-command: `rollout status`, `create deployment`), shaped like
 * a cobra.Command: names, help text, flags and the function that runs it.
 */
export interface Verb {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly group?: VerbGroup;
  /** One line, shown in `kubectl --help`. */
  readonly short: string;
  /** `kubectl get [(-o|--output=)json|yaml|…] (TYPE[.VERSION][.GROUP] [NAME | -l label] …) [options]` */
  readonly usage: string;
  readonly long?: string;
  readonly examples?: string;
  readonly flags: readonly FlagSpec[];
  readonly subcommands?: readonly Verb[];
  run(inv: Invocation, flags: ParsedFlags): ExitCode;
}

export const NAMESPACE_FLAG: FlagSpec = { name: 'namespace', short: 'n', type: 'string', usage: 'If present, the namespace scope for this CLI request' };
export const HELP_FLAG: FlagSpec = { name: 'help', short: 'h', type: 'bool', usage: 'help for this command' };

/** The namespace a command works in: `-n`, else the context's (`default`). */
export function namespaceOf(flags: ParsedFlags): string {
  return flags.string('namespace') || 'default';
}

export const OUTPUT_FLAG: FlagSpec = {
  name: 'output',
  short: 'o',
  type: 'string',
  usage: 'Output format. One of: (json, yaml, name, wide).',
};

export const FILENAME_FLAG: FlagSpec = {
  name: 'filename',
  short: 'f',
  type: 'stringSlice',
  usage: 'Filename of the files that contain the configuration (from the scenario).',
};

export const SELECTOR_FLAG: FlagSpec = {
  name: 'selector',
  short: 'l',
  type: 'string',
  usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2).",
};

export const ALL_NAMESPACES_FLAG: FlagSpec = {
  name: 'all-namespaces',
  short: 'A',
  type: 'bool',
  usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
};
