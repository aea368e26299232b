import type { ExitCode, Invocation } from '../invocation';
import { suggestions } from '../kubectl/help';
import type { Program } from '../programs';
import { firstPositional, parseFlags } from '../shell/flags';
import { checkArgs, GLOBAL_FLAGS, type HelmCommand } from './command';
import { getCommand, historyCommand, listCommand, statusCommand } from './query-cmds';
import { commandHelp } from './help';
import { installCommand } from './install-cmd';
import { rollbackCommand, uninstallCommand } from './lifecycle-cmds';
import { repoCommand, searchCommand, showCommand, templateCommand, versionCommand } from './chart-cmds';
import { upgradeCommand } from './upgrade-cmd';

/** `helm …`: finds the command the way cobra does, parses its flags, checks its arguments, runs it. */

const ROOT: HelmCommand = {
  name: 'helm',
  use: 'helm',
  short: 'The Helm package manager for Kubernetes.',
  long: `The Kubernetes package manager

Common actions for Helm:

- helm search:    search for charts
- helm install:   upload the chart to Kubernetes
- helm list:      list releases of charts

Charts come from the repositories the sandbox knows ('helm repo list') or from
chart directories among the scenario's files; '-f' values files come from the
scenario's files too.`,
  flags: [],
  subcommands: [getCommand, historyCommand, installCommand, listCommand, repoCommand, rollbackCommand, searchCommand, showCommand, statusCommand, templateCommand, uninstallCommand, upgradeCommand, versionCommand],
};

function find(cmds: readonly HelmCommand[], name: string): HelmCommand | undefined {
  return cmds.find((c) => c.name === name || (c.aliases ?? []).includes(name));
}

/** Walks down the command tree: `helm repo add x y` → ([helm, repo, add], [x, y] + flags). */
function resolve(words: readonly string[]): { path: string[]; cmd: HelmCommand; rest: string[] } | { unknown: string; path: string[]; cmd: HelmCommand } {
  let cmd = ROOT;
  const path = ['helm'];
  let rest = [...words];
  for (let depth = 0; depth < 4 && (cmd.subcommands?.length ?? 0) > 0; depth++) {
    const at = firstPositional(rest, [...cmd.flags, ...GLOBAL_FLAGS]);
    if (at < 0) break;
    const sub = find(cmd.subcommands ?? [], rest[at]!);
    if (!sub) {
      if (!cmd.run) return { unknown: rest[at]!, path, cmd };
      break;
    }
    cmd = sub;
    path.push(sub.name);
    rest = [...rest.slice(0, at), ...rest.slice(at + 1)];
  }
  return { path, cmd, rest };
}

function unknownCommand(inv: Invocation, name: string, path: string, cmd: HelmCommand): number {
  const lines = [`Error: unknown command ${JSON.stringify(name)} for ${JSON.stringify(path)}`];
  const similar = suggestions(name, (cmd.subcommands ?? []).map((c) => c.name));
  if (similar.length > 0) lines.push('', 'Did you mean this?', ...similar.map((s) => `\t${s}`), '');
  lines.push(`Run '${path} --help' for usage.`);
  inv.proc.err(lines.join('\n'));
  return 1;
}

export function runHelm(inv: Invocation, words: readonly string[]): ExitCode {
  const at = firstPositional(words, GLOBAL_FLAGS);
  if (at >= 0 && words[at] === 'help') {
    const target = resolve(words.slice(at + 1).filter((w) => !w.startsWith('-')));
    const cmd = 'unknown' in target ? ROOT : target.cmd;
    inv.proc.out(commandHelp('unknown' in target ? 'helm' : target.path.join(' '), cmd, cmd === ROOT));
    return 0;
  }
  const found = resolve(words);
  const path = found.path.join(' ');
  if ('unknown' in found) {
    // cobra only rejects unknown words at the root; other groups show their help.
    if (found.cmd === ROOT) return unknownCommand(inv, found.unknown, path, found.cmd);
    inv.proc.out(commandHelp(path, found.cmd));
    return 0;
  }
  const { cmd, rest } = found;
  const parsed = parseFlags(rest, [...cmd.flags, ...GLOBAL_FLAGS]);
  if (!parsed.ok) {
    inv.proc.err(`Error: ${parsed.error}`);
    return 1;
  }
  const flags = parsed.flags;
  if (flags.bool('help') || !cmd.run) {
    inv.proc.out(commandHelp(path, cmd, cmd === ROOT));
    return 0;
  }
  const bad = checkArgs(path, cmd, flags.args);
  if (bad) {
    inv.proc.err(`Error: ${bad}`);
    return 1;
  }
  return cmd.run(inv, flags, flags.args);
}

export const helmProgram: Program = {
  name: 'helm',
  component: 'user/helm',
  run: runHelm,
};

/** The command tree, for completion and help elsewhere. */
export const HELM_COMMANDS: readonly HelmCommand[] = ROOT.subcommands ?? [];
