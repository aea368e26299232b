import type { ExitCode, Invocation } from '../invocation';
import { parseFlags, type FlagSpec, type ParsedFlags } from '../shell/flags';
import { SANDBOX_VERBS } from './verbs';

/**
 * One `sandbox` action on the simulated machines, addressed by a word path
 * (`kill node`, later `etcd status`). New actions are rows in SANDBOX_VERBS.
 */
export interface SandboxVerb {
  readonly path: readonly string[];
  /** Positional arguments after the path, for the usage line (`NAME`). */
  readonly args: string;
  readonly short: string;
  readonly flags: readonly FlagSpec[];
  run(inv: Invocation, flags: ParsedFlags): ExitCode;
}

const HELP: FlagSpec = { name: 'help', short: 'h', type: 'bool', usage: 'help for this command' };

function usageLine(v: SandboxVerb): string {
  const flags = v.flags.length > 0 ? ' [flags]' : '';
  return `sandbox ${v.path.join(' ')}${v.args ? ` ${v.args}` : ''}${flags}`;
}

export function sandboxHelp(): string[] {
  const out = ['sandbox acts on the simulated machines: power nodes off and on, add and remove them, break etcd and the network, look inside the data plane.', '', 'Commands:'];
  const rows = SANDBOX_VERBS.map((v) => [usageLine(v), v.short] as const);
  const width = Math.max(...rows.map(([u]) => u.length)) + 3;
  for (const [u, s] of rows) out.push(`  ${u.padEnd(width)}${s}`);
  out.push('', 'Run \'sandbox <command> --help\' for the flags of a command.');
  return out;
}

/** `sandbox kill -h` (or just `sandbox kill`): the commands under a word path, as cobra shows a parent command. */
function groupHelp(prefix: readonly string[]): string[] | undefined {
  const verbs = SANDBOX_VERBS.filter((v) => v.path.length > prefix.length && prefix.every((p, i) => v.path[i] === p));
  if (verbs.length === 0) return undefined;
  const rows = verbs.map((v) => [usageLine(v), v.short] as const);
  const width = Math.max(...rows.map(([u]) => u.length)) + 3;
  const out = [`Commands under 'sandbox ${prefix.join(' ')}':`, ''];
  for (const [u, s] of rows) out.push(`  ${u.padEnd(width)}${s}`);
  out.push('', "Run 'sandbox <command> --help' for the flags of a command.");
  return out;
}

function verbHelp(v: SandboxVerb): string[] {
  const out = [v.short, '', 'Usage:', `  ${usageLine(v)}`];
  if (v.flags.length > 0) {
    out.push('', 'Flags:');
    for (const f of v.flags) out.push(`  ${(f.short ? `-${f.short}, --${f.name}` : `    --${f.name}`).padEnd(20)}${f.usage}`);
  }
  return out;
}

function match(words: readonly string[]): { verb: SandboxVerb; rest: string[] } | undefined {
  const positional = words.filter((w) => !w.startsWith('-'));
  let best: SandboxVerb | undefined;
  for (const v of SANDBOX_VERBS) {
    if (v.path.every((p, i) => positional[i] === p) && (!best || v.path.length > best.path.length)) best = v;
  }
  if (!best) return undefined;
  const rest = [...words];
  for (const p of best.path) rest.splice(rest.indexOf(p), 1);
  return { verb: best, rest };
}

export function runSandbox(inv: Invocation, words: readonly string[]): ExitCode {
  const { proc } = inv;
  const positional = words.filter((w) => !w.startsWith('-'));
  if (positional.length === 0 || positional[0] === 'help') {
    if (positional.length === 0 && words.some((w) => !['-h', '--help'].includes(w))) {
      proc.err(`error: unknown flag: ${words.find((w) => !['-h', '--help'].includes(w))}`);
      return 1;
    }
    proc.out(sandboxHelp().join('\n'));
    return 0;
  }
  const m = match(words);
  const group = m ? undefined : groupHelp(positional);
  if (group) {
    proc.out(group.join('\n'));
    return 0;
  }
  if (!m) {
    proc.err(`error: unknown command "${positional.join(' ')}" for "sandbox"`);
    proc.err("Run 'sandbox help' for usage.");
    return 1;
  }
  const parsed = parseFlags(m.rest, [...m.verb.flags, HELP]);
  if (!parsed.ok) {
    proc.err(`error: ${parsed.error}`);
    proc.err(`See 'sandbox ${m.verb.path.join(' ')} --help' for usage.`);
    return 1;
  }
  if (parsed.flags.bool('help')) {
    proc.out(verbHelp(m.verb).join('\n'));
    return 0;
  }
  return m.verb.run(inv, parsed.flags);
}
