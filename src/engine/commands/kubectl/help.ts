import type { FlagSpec } from '../shell/flags';
import { VerbGroup, type Verb } from './verb';
import { compareStrings } from '../../util/strings';

/** `kubectl <verb> --help`, laid out as kubectl's templates do. */
export function verbHelp(path: string, verb: Verb): string[] {
  const out: string[] = [verb.long ?? verb.short, ''];
  if (verb.subcommands && verb.subcommands.length > 0) {
    out.push('Available Commands:');
    for (const sub of [...verb.subcommands].sort((a, b) => compareStrings(a.name, b.name))) {
      out.push(`  ${sub.name.padEnd(14)}${sub.short}`);
    }
    out.push('');
  }
  if (verb.examples) out.push('Examples:', ...verb.examples.split('\n').map((l) => (l ? `  ${l}` : l)), '');
  const flags = verb.flags.filter((f) => f.name !== 'help' && f.name !== 'namespace');
  if (flags.length > 0) {
    out.push('Options:');
    for (const f of [...flags].sort((a, b) => compareStrings(a.name, b.name))) out.push(...flagHelp(f), '');
  }
  out.push('Usage:', `  ${verb.usage}`, '');
  if (verb.subcommands) out.push(`Use "kubectl ${path} <command> --help" for more information about a given command.`);
  out.push('Use "kubectl options" for a list of global command-line options (applies to all commands).');
  return out;
}

function defaultText(f: FlagSpec): string {
  switch (f.type) {
    case 'bool':
      return String(f.default === true);
    case 'int':
      return String(f.default ?? 0);
    case 'duration':
      return typeof f.default === 'string' ? f.default : '0s';
    case 'stringArray':
    case 'stringSlice':
      return '[]';
    case 'string':
      return `'${typeof f.default === 'string' ? f.default : ''}'`;
  }
}

function flagHelp(f: FlagSpec): string[] {
  const names = f.short ? `-${f.short}, --${f.name}` : `--${f.name}`;
  return [`    ${names}=${defaultText(f)}:`, `\t${f.usage}`];
}

/** `kubectl` / `kubectl --help`. */
export function rootHelp(verbs: readonly Verb[]): string[] {
  const out = ['kubectl controls the Kubernetes cluster manager.', '', ' Find more information at: https://kubernetes.io/docs/reference/kubectl/', ''];
  for (const group of Object.values(VerbGroup)) {
    const members = verbs.filter((v) => v.group === group);
    if (members.length === 0) continue;
    out.push(`${group}:`);
    for (const v of members) out.push(`  ${v.name.padEnd(16)}${v.short}`);
    out.push('');
  }
  out.push('Usage:', '  kubectl [flags] [options]', '');
  out.push('Use "kubectl <command> --help" for more information about a given command.');
  out.push('Use "kubectl options" for a list of global command-line options (applies to all commands).');
  return out;
}

/** Levenshtein distance, for cobra's "Did you mean this?" (distance ≤ 2 or a prefix match). */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

export function suggestions(typed: string, names: readonly string[]): string[] {
  const t = typed.toLowerCase();
  return names.filter((n) => distance(t, n) <= 2 || (t.length > 0 && n.startsWith(t)));
}

/** cobra's unknown-command error with suggestions, then kubectl's usage hint. */
export function unknownCommand(typed: string, parent: string, names: readonly string[]): string[] {
  const out = [`error: unknown command "${typed}" for "${parent}"`];
  const s = suggestions(typed, names);
  if (s.length > 0) out.push('', 'Did you mean this?', ...s.map((n) => `\t${n}`), '');
  out.push(`Run '${parent} --help' for usage.`);
  return out;
}
