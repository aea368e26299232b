import { FILES_SOURCE, RELEASES_SOURCE, type VocabCommand, type VocabFlag, type Vocabulary } from '../../protocol/console';
import { shellQuote, splitLine } from './words';

/**
 * Tab completion as a pure function: what the word under the cursor could become (verbs,
 * sub-commands, flags, flag values, resource kinds, object names), and how the line changes
 * when candidates are known. Object names come from the worker: the context says which.
 */

export type Need =
  | { kind: 'words'; candidates: readonly string[] }
  /** Live names of `source` (a resource or RELEASES_SOURCE / FILES_SOURCE); `prefix` is kept in front (`deployment/`). */
  | { kind: 'names'; source: string; namespace: string | null; prefix: string };

export interface CompletionContext {
  /** Where the word being completed starts. */
  start: number;
  /** The word so far. */
  partial: string;
  need: Need | null;
}

/** Console built-ins the page handles itself. */
export const BUILTINS = ['clear'] as const;
const OUTPUT_FORMATS = ['json', 'yaml', 'wide', 'name'];
const SCALABLE = ['deployments', 'replicasets', 'statefulsets'];
const ROLLABLE = ['deployments', 'daemonsets', 'statefulsets'];

interface Walk {
  program: VocabCommand;
  cmd: VocabCommand;
  path: string;
  positionals: string[];
  namespace: string | null;
  /** A flag waiting for its value at the cursor. */
  pending: VocabFlag | null;
}

function flagsOf(w: { program: VocabCommand; cmd: VocabCommand }): VocabFlag[] {
  return w.cmd === w.program ? w.program.flags : [...w.cmd.flags, ...w.program.flags];
}

function findFlag(word: string, flags: readonly VocabFlag[]): VocabFlag | undefined {
  const name = word.split('=')[0]!;
  if (name.startsWith('--')) return flags.find((f) => f.name === name.slice(2));
  return name.length === 2 ? flags.find((f) => f.short === name[1]) : undefined;
}

function walk(program: VocabCommand, words: readonly string[]): Walk {
  const w: Walk = { program, cmd: program, path: program.name, positionals: [], namespace: 'default', pending: null };
  for (const word of words) {
    if (w.pending) {
      if (w.pending.name === 'namespace') w.namespace = word;
      w.pending = null;
      continue;
    }
    if (word.startsWith('-') && word.length > 1) {
      const spec = findFlag(word, flagsOf(w));
      if (spec?.name === 'namespace' && word.includes('=')) w.namespace = word.slice(word.indexOf('=') + 1);
      else if (spec?.value && !word.includes('=')) w.pending = spec;
      if (spec?.name === 'all-namespaces' || /^-[a-zA-Z]*A[a-zA-Z]*$/.test(word)) w.namespace = null;
      continue;
    }
    const sub = w.positionals.length === 0 ? w.cmd.subcommands.find((c) => c.name === word || c.aliases.includes(word)) : undefined;
    if (sub) {
      w.cmd = sub;
      w.path += ` ${sub.name}`;
    } else w.positionals.push(word);
  }
  return w;
}

function names(source: string, w: Walk, prefix = ''): Need {
  return { kind: 'names', source, namespace: w.namespace, prefix };
}

function words(candidates: readonly string[]): Need {
  return { kind: 'words', candidates };
}

/** TYPE, TYPE/NAME or NAME of TYPE, for verbs that take `(TYPE NAME | TYPE/NAME)`. */
function typedArg(w: Walk, partial: string, types: readonly string[]): Need | null {
  const slash = partial.indexOf('/');
  if (slash > 0) return names(partial.slice(0, slash), w, partial.slice(0, slash + 1));
  const first = w.positionals[0];
  if (first === undefined) return words(types);
  return first.includes('/') || first.includes(',') ? null : names(first, w);
}

function argument(w: Walk, partial: string, vocab: Vocabulary): Need | null {
  const n = w.positionals.length;
  const allTypes = vocab.resources.map((r) => r.resource);
  switch (w.path) {
    case 'kubectl get':
    case 'kubectl describe':
    case 'kubectl delete':
    case 'kubectl label':
    case 'kubectl annotate':
    case 'kubectl patch':
    case 'kubectl edit':
    case 'kubectl wait':
      return typedArg(w, partial, allTypes);
    case 'kubectl scale':
      return typedArg(w, partial, SCALABLE);
    case 'kubectl set image':
      return n === 0 ? typedArg(w, partial, ROLLABLE) : null;
    case 'kubectl cordon':
    case 'kubectl uncordon':
    case 'kubectl drain':
    case 'kubectl top node':
    case 'sandbox kill node':
    case 'sandbox restore node':
    case 'sandbox remove node':
      return names('nodes', w);
    case 'kubectl taint':
      return n === 0 ? words(['nodes', 'node']) : names('nodes', w);
    case 'kubectl logs':
    case 'kubectl top pod':
      return n === 0 ? names('pods', w) : null;
    case 'helm install':
    case 'helm template':
      return n === 1 ? words(vocab.charts) : null;
    case 'helm upgrade':
      return n === 0 ? names(RELEASES_SOURCE, w) : n === 1 ? words(vocab.charts) : null;
    case 'helm uninstall':
    case 'helm status':
    case 'helm history':
    case 'helm rollback':
    case 'helm get values':
    case 'helm get manifest':
    case 'helm get all':
    case 'helm get notes':
      return n === 0 ? names(RELEASES_SOURCE, w) : null;
    case 'helm show values':
    case 'helm show chart':
    case 'helm show readme':
    case 'helm show all':
      return n === 0 ? words(vocab.charts) : null;
    default:
      return w.path.startsWith('kubectl rollout ') ? typedArg(w, partial, ROLLABLE) : null;
  }
}

function flagValue(flag: VocabFlag, w: Walk): Need | null {
  switch (flag.name) {
    case 'namespace':
      return names('namespaces', w);
    case 'output':
      return w.program.name === 'kubectl' ? words(OUTPUT_FORMATS) : words(['table', 'json', 'yaml']);
    case 'filename':
    case 'values':
      return names(FILES_SOURCE, w);
    default:
      return null;
  }
}

/** What the word at `cursor` could complete to. */
export function completionContext(line: string, cursor: number, vocab: Vocabulary): CompletionContext {
  const split = splitLine(line, cursor);
  const { current } = split;
  const base = { start: current.start, partial: current.text };
  if (split.quoted) return { ...base, need: null };
  const first = split.words[0];
  if (!first) return { ...base, need: words([...vocab.programs.map((p) => p.name), ...BUILTINS]) };
  const program = vocab.programs.find((p) => p.name === first.text);
  if (!program) return { ...base, need: null };
  const w = walk(program, split.words.slice(1).map((x) => x.text));
  if (w.pending) return { ...base, need: flagValue(w.pending, w) };
  const partial = current.text;
  if (partial.startsWith('--') && partial.includes('=')) {
    const flag = findFlag(partial, flagsOf(w));
    const need = flag ? flagValue(flag, w) : null;
    const prefix = partial.slice(0, partial.indexOf('=') + 1);
    if (!need) return { ...base, need: null };
    return { ...base, need: need.kind === 'words' ? words(need.candidates.map((c) => prefix + c)) : { ...need, prefix } };
  }
  if (partial.startsWith('-')) return { ...base, need: words(flagsOf(w).map((f) => `--${f.name}`)) };
  if (w.cmd.subcommands.length > 0 && w.positionals.length === 0) return { ...base, need: words(w.cmd.subcommands.map((c) => c.name)) };
  return { ...base, need: argument(w, partial, vocab) };
}

export interface Completed {
  line: string;
  cursor: number;
  /** Candidates to show when more than one remains. */
  shown: string[];
}

/** Most candidates listed under the prompt; a terminal would page the rest. */
export const MAX_SHOWN = 60;

function commonPrefix(items: readonly string[]): string {
  let p = items[0] ?? '';
  for (const s of items) while (!s.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/** Applies candidates to the line the way bash does: one → complete it; many → extend to their common prefix and list them. */
export function applyCompletion(line: string, cursor: number, ctx: CompletionContext, candidates: readonly string[]): Completed {
  const matches = [...new Set(candidates.filter((c) => c.startsWith(ctx.partial)))].sort();
  const unchanged: Completed = { line, cursor, shown: [] };
  if (matches.length === 0) return unchanged;
  const replace = (text: string): Completed => {
    const next = `${line.slice(0, ctx.start)}${text}${line.slice(cursor)}`;
    return { line: next, cursor: ctx.start + text.length, shown: [] };
  };
  if (matches.length === 1) {
    const only = matches[0]!;
    const open = only.endsWith('/') || only.endsWith('=');
    const rest = line.slice(cursor);
    return replace(`${shellQuote(only)}${open || rest.startsWith(' ') ? '' : ' '}`);
  }
  const prefix = commonPrefix(matches);
  const out = prefix.length > ctx.partial.length ? replace(shellQuote(prefix)) : unchanged;
  return { ...out, shown: matches.slice(0, MAX_SHOWN) };
}
