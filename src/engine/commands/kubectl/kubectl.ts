import type { ExitCode, Invocation } from '../invocation';
import { firstPositional, parseFlags, takesValue, type FlagSpec } from '../shell/flags';
import { rootHelp, unknownCommand, verbHelp } from './help';
import { HELP_FLAG, NAMESPACE_FLAG, type Verb } from './verb';

/** Flags every kubectl command accepts (kubectl's persistent flags that matter here). */
const GLOBAL_FLAGS: readonly FlagSpec[] = [NAMESPACE_FLAG, HELP_FLAG];

function findVerb(verbs: readonly Verb[], name: string): Verb | undefined {
  return verbs.find((v) => v.name === name || (v.aliases ?? []).includes(name));
}

/** Resolves `kubectl [flags] verb [sub] [args]` and runs it, printing cobra-style errors. */
export function runKubectl(inv: Invocation, words: readonly string[], verbs: readonly Verb[]): ExitCode {
  const { proc } = inv;
  const at = firstPositional(words, GLOBAL_FLAGS);
  if (at < 0) {
    const unknown = words.find((w) => w.startsWith('-') && !['-h', '--help'].includes(w) && !takesValue(w, GLOBAL_FLAGS));
    if (unknown && !unknown.startsWith('-n') && !unknown.startsWith('--namespace')) {
      proc.err(`error: unknown flag: ${unknown.split('=')[0]}`);
      proc.err("See 'kubectl --help' for usage.");
      return 1;
    }
    proc.out(rootHelp(verbs).join('\n'));
    return 0;
  }
  const name = words[at]!;
  let rest = [...words.slice(0, at), ...words.slice(at + 1)];
  if (name === 'help') {
    const target = rest.find((w) => !w.startsWith('-'));
    const v = target ? findVerb(verbs, target) : undefined;
    proc.out((v ? verbHelp(v.name, v) : rootHelp(verbs)).join('\n'));
    return 0;
  }
  let verb = findVerb(verbs, name);
  if (!verb) {
    for (const l of unknownCommand(name, 'kubectl', verbs.map((v) => v.name))) proc.err(l);
    return 1;
  }
  let path = verb.name;
  if (verb.subcommands && verb.subcommands.length > 0) {
    const subAt = firstPositional(rest, [...verb.flags, ...GLOBAL_FLAGS]);
    const sub = subAt >= 0 ? findVerb(verb.subcommands, rest[subAt]!) : undefined;
    if (sub) {
      verb = sub;
      path = `${path} ${sub.name}`;
      rest = [...rest.slice(0, subAt), ...rest.slice(subAt + 1)];
    }
  }
  return runVerb(inv, path, verb, rest);
}

function runVerb(inv: Invocation, path: string, verb: Verb, words: readonly string[]): ExitCode {
  const { proc } = inv;
  const parsed = parseFlags(words, [...verb.flags, ...GLOBAL_FLAGS]);
  if (!parsed.ok) {
    proc.err(`error: ${parsed.error}`);
    proc.err(`See 'kubectl ${path} --help' for usage.`);
    return 1;
  }
  if (parsed.flags.bool('help')) {
    proc.out(verbHelp(path, verb).join('\n'));
    return 0;
  }
  return verb.run(inv, parsed.flags);
}
