import { parseDuration } from '../../sim/time';

/**
 * A flag parser with spf13/pflag's grammar and error wording (what kubectl and helm use):
 * `--name=value`, `--name value`, `--bool`, `--bool=false`, `-n value`, `-nvalue`, `-n=value`,
 * grouped boolean shorthands (`-Aw`), `--` to end flags, flags interspersed with arguments.
 */

export type FlagType = 'bool' | 'string' | 'int' | 'duration' | 'stringArray' | 'stringSlice';

export interface FlagSpec {
  /** Long name without the dashes. */
  readonly name: string;
  readonly short?: string;
  readonly type: FlagType;
  /** Shown in help; also the value when the flag is absent. */
  readonly default?: string | number | boolean;
  readonly usage: string;
}

type Value = string | number | boolean | string[];

export class ParsedFlags {
  constructor(
    readonly args: string[],
    private readonly values: ReadonlyMap<string, Value>,
    private readonly specs: ReadonlyMap<string, FlagSpec>,
  ) {}

  /** Whether the user gave the flag explicitly. */
  has(name: string): boolean {
    return this.values.has(name);
  }

  bool(name: string): boolean {
    const v = this.values.get(name) ?? this.specs.get(name)?.default;
    return v === true;
  }

  string(name: string): string | undefined {
    const v = this.values.get(name) ?? this.specs.get(name)?.default;
    return typeof v === 'string' ? v : undefined;
  }

  int(name: string): number | undefined {
    const v = this.values.get(name) ?? this.specs.get(name)?.default;
    return typeof v === 'number' ? v : undefined;
  }

  /** Durations in milliseconds. */
  durationMs(name: string): number | undefined {
    const v = this.values.get(name);
    if (typeof v === 'number') return v;
    const d = this.specs.get(name)?.default;
    return typeof d === 'string' ? parseDuration(d) : typeof d === 'number' ? d : undefined;
  }

  strings(name: string): string[] {
    const v = this.values.get(name);
    return Array.isArray(v) ? v : [];
  }
}

export type FlagParseResult = { ok: true; flags: ParsedFlags } | { ok: false; error: string };

function flagLabel(spec: FlagSpec): string {
  return spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
}

function parseGoBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

/** strconv.ParseInt(s, 0, 64) for the ranges a console needs. */
function parseGoInt(text: string): number | undefined {
  const m = /^([+-]?)(0x[0-9a-fA-F]+|0o[0-7]+|0b[01]+|0[0-7]*|[1-9][0-9]*)$/.exec(text.replace(/_/g, ''));
  if (!m) return undefined;
  const body = m[2]!;
  let n: number;
  if (/^0[xob]/.test(body)) n = Number(body);
  else if (body.length > 1 && body.startsWith('0')) n = parseInt(body, 8);
  else n = Number(body);
  if (!Number.isSafeInteger(n)) return undefined;
  return m[1] === '-' ? -n : n;
}

function convert(spec: FlagSpec, raw: string, prev: Value | undefined): { value: Value } | { error: string } {
  const bad = (detail: string): { error: string } => ({ error: `invalid argument "${raw}" for "${flagLabel(spec)}" flag: ${detail}` });
  switch (spec.type) {
    case 'bool': {
      const b = parseGoBool(raw);
      return b === undefined ? bad(`strconv.ParseBool: parsing "${raw}": invalid syntax`) : { value: b };
    }
    case 'int': {
      const n = parseGoInt(raw);
      return n === undefined ? bad(`strconv.ParseInt: parsing "${raw}": invalid syntax`) : { value: n };
    }
    case 'duration': {
      const d = parseDuration(raw);
      return d === undefined ? bad(`time: invalid duration "${raw}"`) : { value: d };
    }
    case 'stringArray':
      return { value: [...(Array.isArray(prev) ? prev : []), raw] };
    case 'stringSlice':
      return { value: [...(Array.isArray(prev) ? prev : []), ...(raw === '' ? [] : raw.split(','))] };
    case 'string':
      return { value: raw };
  }
}

export function parseFlags(words: readonly string[], specList: readonly FlagSpec[]): FlagParseResult {
  const specs = new Map<string, FlagSpec>();
  const shorts = new Map<string, FlagSpec>();
  for (const s of specList) {
    specs.set(s.name, s);
    if (s.short) shorts.set(s.short, s);
  }
  const values = new Map<string, Value>();
  const args: string[] = [];
  const set = (spec: FlagSpec, raw: string): string | undefined => {
    const r = convert(spec, raw, values.get(spec.name));
    if ('error' in r) return r.error;
    values.set(spec.name, r.value);
    return undefined;
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') {
      args.push(...words.slice(i + 1));
      break;
    }
    if (w.startsWith('--')) {
      const eq = w.indexOf('=');
      const name = eq >= 0 ? w.slice(2, eq) : w.slice(2);
      const spec = specs.get(name);
      if (!spec) return { ok: false, error: `unknown flag: --${name}` };
      let raw: string;
      if (eq >= 0) raw = w.slice(eq + 1);
      else if (spec.type === 'bool') raw = 'true';
      else if (i + 1 < words.length) raw = words[++i]!;
      else return { ok: false, error: `flag needs an argument: --${name}` };
      const err = set(spec, raw);
      if (err) return { ok: false, error: err };
      continue;
    }
    if (w.startsWith('-') && w.length > 1) {
      const r = parseShorthands(w, words, i, shorts, set);
      if ('error' in r) return { ok: false, error: r.error };
      i = r.next;
      continue;
    }
    args.push(w);
  }
  return { ok: true, flags: new ParsedFlags(args, values, specs) };
}

function parseShorthands(
  w: string,
  words: readonly string[],
  i: number,
  shorts: ReadonlyMap<string, FlagSpec>,
  set: (spec: FlagSpec, raw: string) => string | undefined,
): { next: number } | { error: string } {
  let rest = w.slice(1);
  let next = i;
  while (rest.length > 0) {
    const c = rest[0]!;
    const spec = shorts.get(c);
    if (!spec) return { error: `unknown shorthand flag: '${c}' in ${w}` };
    let raw: string;
    if (rest.length > 2 && rest[1] === '=') {
      raw = rest.slice(2);
      rest = '';
    } else if (spec.type === 'bool') {
      raw = 'true';
      rest = rest.slice(1);
    } else if (rest.length > 1) {
      raw = rest.slice(1);
      rest = '';
    } else if (next + 1 < words.length) {
      raw = words[++next]!;
      rest = '';
    } else {
      return { error: `flag needs an argument: '${c}' in ${w}` };
    }
    const err = set(spec, raw);
    if (err) return { error: err };
  }
  return { next };
}

/** Whether a flag word takes the next word as its value (`-n x`, not `-n=x` or a bool). */
export function takesValue(word: string, specs: readonly FlagSpec[]): boolean {
  if (word.includes('=')) return false;
  const spec = word.startsWith('--') ? specs.find((s) => s.name === word.slice(2)) : word.length === 2 ? specs.find((s) => s.short === word[1]) : undefined;
  return spec !== undefined && spec.type !== 'bool';
}

/**
 * Index of the first positional word, skipping flags and the values they take, or -1 (none,
 * or `--` first). Cobra finds sub-commands this way: `kubectl -n x get pods` → 2.
 */
export function firstPositional(words: readonly string[], specs: readonly FlagSpec[]): number {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') return -1;
    if (w.startsWith('-') && w.length > 1) {
      if (takesValue(w, specs)) i++;
      continue;
    }
    return i;
  }
  return -1;
}
