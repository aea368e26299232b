import type { ExitCode, Invocation } from '../invocation';
import type { FlagSpec, ParsedFlags } from '../shell/flags';

/**
 * A helm command shaped like its cobra.Command: use line, help text, flags, how many
 * positional arguments it takes, and sub-commands. Commands without `run` print their help.
 */
export interface HelmCommand {
  readonly name: string;
  readonly aliases?: readonly string[];
  /** cobra `Use`: `install [NAME] [CHART]`. */
  readonly use: string;
  readonly short: string;
  readonly long?: string;
  readonly flags: readonly FlagSpec[];
  readonly args?: ArgsRule;
  readonly subcommands?: readonly HelmCommand[];
  run?(inv: Invocation, flags: ParsedFlags, args: readonly string[]): ExitCode;
}

/** helm's cmd/helm/require: minimum / exact / maximum / none. */
export type ArgsRule = { readonly min: number } | { readonly exact: number } | { readonly max: number } | 'none';

export const NAMESPACE_FLAG: FlagSpec = { name: 'namespace', short: 'n', type: 'string', usage: 'namespace scope for this request' };
export const HELP_FLAG: FlagSpec = { name: 'help', short: 'h', type: 'bool', usage: 'help for this command' };
export const DEBUG_FLAG: FlagSpec = { name: 'debug', type: 'bool', usage: 'enable verbose output' };

/** Helm's persistent flags, accepted by every command. */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [DEBUG_FLAG, HELP_FLAG, NAMESPACE_FLAG];

export function namespaceOf(flags: ParsedFlags): string {
  return flags.string('namespace') || 'default';
}

function plural(n: number): string {
  return n === 1 ? 'argument' : 'arguments';
}

/** cobra's UseLine: `helm install [NAME] [CHART] [flags]`. */
export function useLine(path: string, cmd: HelmCommand): string {
  const parent = path.split(' ').slice(0, -1).join(' ');
  const line = parent ? `${parent} ${cmd.use}` : cmd.use;
  return line.includes('[flags]') ? line : `${line} [flags]`;
}

/** The require.* error text, or undefined when the arguments fit. */
export function checkArgs(path: string, cmd: HelmCommand, args: readonly string[]): string | undefined {
  const rule = cmd.args;
  if (rule === undefined) return undefined;
  const usage = `\n\nUsage:  ${useLine(path, cmd)}`;
  const quoted = JSON.stringify(path);
  if (rule === 'none') return args.length > 0 ? `${quoted} accepts no arguments${usage}` : undefined;
  if ('min' in rule) return args.length < rule.min ? `${quoted} requires at least ${rule.min} ${plural(rule.min)}${usage}` : undefined;
  if ('exact' in rule) return args.length !== rule.exact ? `${quoted} requires ${rule.exact} ${plural(rule.exact)}${usage}` : undefined;
  return args.length > rule.max ? `${quoted} accepts at most ${rule.max} ${plural(rule.max)}${usage}` : undefined;
}
