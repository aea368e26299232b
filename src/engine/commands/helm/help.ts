import type { FlagSpec } from '../shell/flags';
import { GLOBAL_FLAGS, HELP_FLAG, useLine, type HelmCommand } from './command';

/** Help as cobra prints it for helm: description, Usage, Aliases, Available Commands, Flags, Global Flags. */

const VAR_NAMES: Record<FlagSpec['type'], string> = { bool: '', string: 'string', int: 'int', duration: 'duration', stringArray: 'stringArray', stringSlice: 'strings' };

function defaultSuffix(f: FlagSpec): string {
  const d = f.default;
  if (d === undefined || d === false || d === 0 || d === '' || d === '0s') return '';
  return f.type === 'string' ? ` (default ${JSON.stringify(d)})` : ` (default ${String(d)})`;
}

/** pflag FlagUsages: names, type, then the usage aligned one column past the longest. */
export function flagUsages(flags: readonly FlagSpec[]): string[] {
  const rows = [...flags].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((f) => {
    const names = f.short ? `  -${f.short}, --${f.name}` : `      --${f.name}`;
    const varName = VAR_NAMES[f.type];
    return { head: varName ? `${names} ${varName}` : names, usage: f.usage + defaultSuffix(f) };
  });
  const width = Math.max(0, ...rows.map((r) => r.head.length));
  return rows.map((r) => `${r.head.padEnd(width)}   ${r.usage}`.trimEnd());
}

function commandLines(cmds: readonly HelmCommand[]): string[] {
  const sorted = [...cmds].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const pad = Math.max(11, ...sorted.map((c) => c.name.length));
  return sorted.map((c) => `  ${c.name.padEnd(pad)} ${c.short}`);
}

/** `helm <path> --help`. `isRoot` puts the global flags under Flags, as cobra does for the root. */
export function commandHelp(path: string, cmd: HelmCommand, isRoot = false): string {
  const out: string[] = [(cmd.long ?? cmd.short).trimEnd(), '', 'Usage:'];
  if (cmd.run) out.push(`  ${useLine(path, cmd)}`);
  const subs = cmd.subcommands ?? [];
  if (subs.length > 0) out.push(`  ${path} [command]`);
  if (cmd.aliases && cmd.aliases.length > 0) out.push('', 'Aliases:', `  ${[cmd.name, ...cmd.aliases].join(', ')}`);
  if (subs.length > 0) out.push('', 'Available Commands:', ...commandLines(subs));
  const help = { ...HELP_FLAG, usage: `help for ${cmd.name}` };
  const local = isRoot ? GLOBAL_FLAGS.map((f) => (f.name === 'help' ? help : f)) : [...cmd.flags, help];
  out.push('', 'Flags:', ...flagUsages(local));
  if (!isRoot) out.push('', 'Global Flags:', ...flagUsages(GLOBAL_FLAGS.filter((f) => f.name !== 'help')));
  if (subs.length > 0) out.push('', `Use "${path} [command] --help" for more information about a command.`);
  return out.join('\n');
}
