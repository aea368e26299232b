import { utf8Encode } from './encoding';
import { formatFloatE, formatFloatF, formatFloatG, formatFloatShortest } from './gofloat';
import { GoStruct, goTypeName, sortedKeys, type GoMap, type GoValue } from './value';

/** fmt's `%v` of a value (`<nil>`, `[a b]`, `map[k:v]`, `1e+06`). */
export function formatValue(v: GoValue): string {
  if (v === null) return '<nil>';
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return formatFloatShortest(v);
    case 'bigint':
    case 'boolean':
      return String(v);
    default:
      if (Array.isArray(v)) return `[${v.map(formatValue).join(' ')}]`;
      if (v instanceof GoStruct) return v.text ?? `{${[...v.fields.values()].map(formatValue).join(' ')}}`;
      return formatMap(v, formatValue);
  }
}

function formatMap(m: GoMap, each: (v: GoValue) => string): string {
  return `map[${sortedKeys(m).map((k) => `${k}:${each(m[k] ?? null)}`).join(' ')}]`;
}

/** fmt.Sprint: spaces between operands only when neither side is a string. */
export function sprint(args: readonly GoValue[]): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? null;
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatValue(a);
  }
  return out;
}

export function sprintln(args: readonly GoValue[]): string {
  return `${args.map(formatValue).join(' ')}\n`;
}

const ESCAPES: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\\': '\\\\', '"': '\\"' };

function isPrintableRune(cp: number): boolean {
  if (cp < 0x20 || cp === 0x7f) return false;
  if (cp >= 0x80 && cp < 0xa0) return false;
  if (cp === 0xad || (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f) || cp === 0xfeff) return false;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  return cp !== 0xfffe && cp !== 0xffff;
}

/** strconv.Quote: a double-quoted Go string literal. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    const esc = ESCAPES[ch];
    if (esc !== undefined) out += esc;
    else if (isPrintableRune(cp)) out += ch;
    else if (cp < 0x80) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  prec?: number;
}

/** Width/precision are capped so a format string cannot allocate unbounded memory. */
const MAX_PAD = 100_000;

function pad(s: string, spec: Spec, numeric: 'int' | 'float' | false): string {
  const width = spec.width;
  if (width === undefined || [...s].length >= width) return s;
  const n = width - [...s].length;
  if (spec.minus) return s + ' '.repeat(n);
  // Go ignores the 0 flag for integers with a precision, not for floats.
  if (spec.zero && numeric && (numeric === 'float' || spec.prec === undefined)) {
    const sign = s.startsWith('-') || s.startsWith('+') ? s[0] : '';
    return sign + '0'.repeat(n) + s.slice(sign ? 1 : 0);
  }
  return ' '.repeat(n) + s;
}

function badVerb(verb: string, v: GoValue): string {
  return v === null ? `%!${verb}(<nil>)` : `%!${verb}(${goTypeName(v)}=${formatValue(v)})`;
}

function signed(s: string, spec: Spec): string {
  if (s.startsWith('-')) return s;
  if (spec.plus) return `+${s}`;
  if (spec.space) return ` ${s}`;
  return s;
}

function formatInt(n: bigint, verb: string, spec: Spec): string | undefined {
  const neg = n < 0n;
  const abs = neg ? -n : n;
  let body: string;
  switch (verb) {
    case 'd':
    case 'v':
      body = abs.toString(10);
      break;
    case 'x':
      body = (spec.sharp ? '0x' : '') + abs.toString(16);
      break;
    case 'X':
      body = (spec.sharp ? '0X' : '') + abs.toString(16).toUpperCase();
      break;
    case 'o':
      body = (spec.sharp ? '0' : '') + abs.toString(8);
      break;
    case 'b':
      body = abs.toString(2);
      break;
    case 'c':
      return String.fromCodePoint(Number(abs) <= 0x10ffff ? Number(abs) : 0xfffd);
    case 'q':
      return `'${String.fromCodePoint(Number(abs) <= 0x10ffff ? Number(abs) : 0xfffd)}'`;
    case 'U':
      return `U+${abs.toString(16).toUpperCase().padStart(4, '0')}`;
    default:
      return undefined;
  }
  if (spec.prec !== undefined) body = body.padStart(spec.prec, '0');
  return signed(neg ? `-${body}` : body, spec);
}

function formatFloat(f: number, verb: string, spec: Spec): string | undefined {
  switch (verb) {
    case 'v':
    case 'g':
      return signed(spec.prec === undefined ? formatFloatShortest(f) : formatFloatG(f, spec.prec), spec);
    case 'G':
      return signed((spec.prec === undefined ? formatFloatShortest(f) : formatFloatG(f, spec.prec)).toUpperCase(), spec);
    case 'e':
    case 'E':
      return signed(formatFloatE(f, spec.prec ?? 6, verb === 'E'), spec);
    case 'f':
    case 'F':
      return signed(formatFloatF(f, spec.prec ?? 6), spec);
    default:
      return undefined;
  }
}

function hexOf(s: string, upper: boolean): string {
  let out = '';
  for (const b of utf8Encode(s)) out += b.toString(16).padStart(2, '0');
  return upper ? out.toUpperCase() : out;
}

function formatString(s: string, verb: string, spec: Spec): string | undefined {
  switch (verb) {
    case 'v':
    case 's':
      return spec.prec === undefined ? s : [...s].slice(0, spec.prec).join('');
    case 'q':
      return goQuote(s);
    case 'x':
      return hexOf(s, false);
    case 'X':
      return hexOf(s, true);
    default:
      return undefined;
  }
}

/** One operand under one verb; composite values format element-wise like fmt does. */
function formatOne(v: GoValue, verb: string, spec: Spec): string {
  if (verb === 'T') return goTypeName(v);
  if (verb === 'v' && spec.sharp && typeof v === 'string') return goQuote(v);
  if (v === null) return verb === 'v' ? '<nil>' : badVerb(verb, v);
  if (Array.isArray(v)) return `[${v.map((e) => formatOne(e, verb, spec)).join(' ')}]`;
  if (v instanceof GoStruct) return verb === 'v' || verb === 's' ? formatValue(v) : badVerb(verb, v);
  let out: string | undefined;
  switch (typeof v) {
    case 'string':
      out = formatString(v, verb, spec);
      break;
    case 'bigint':
      out = formatInt(v, verb, spec);
      break;
    case 'number':
      out = formatFloat(v, verb, spec);
      break;
    case 'boolean':
      out = verb === 'v' || verb === 't' ? String(v) : undefined;
      break;
    default:
      return formatMap(v, (e) => formatOne(e, verb, spec));
  }
  return out ?? badVerb(verb, v);
}

function readNumber(format: string, i: number): [number | undefined, number] {
  let j = i;
  while (j < format.length && format[j]! >= '0' && format[j]! <= '9') j++;
  if (j === i) return [undefined, i];
  return [Math.min(Number(format.slice(i, j)), MAX_PAD), j];
}

/** fmt.Sprintf for the verbs charts use, with Go's `%!verb(type=value)` / `%!v(MISSING)` / `%!(EXTRA …)` notes. */
export function sprintf(format: string, args: readonly GoValue[]): string {
  let out = '';
  let argi = 0;
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const spec: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false };
    for (; i < format.length; i++) {
      const c = format[i];
      if (c === '-') spec.minus = true;
      else if (c === '+') spec.plus = true;
      else if (c === '#') spec.sharp = true;
      else if (c === ' ') spec.space = true;
      else if (c === '0') spec.zero = !spec.minus;
      else break;
    }
    [spec.width, i] = readNumber(format, i);
    if (format[i] === '.') {
      const [prec, next] = readNumber(format, i + 1);
      spec.prec = prec ?? 0;
      i = next;
    }
    if (i >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i) ?? 0);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const v = args[argi++] ?? null;
    const numeric = typeof v === 'number' ? 'float' : typeof v === 'bigint' ? 'int' : false;
    out += pad(formatOne(v, verb, spec), spec, numeric);
  }
  if (argi < args.length) {
    const extra = args.slice(argi).map((a) => (a === null ? '<nil>' : `${goTypeName(a)}=${formatValue(a)}`));
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}
