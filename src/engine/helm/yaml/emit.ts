import { formatFloatShortest } from '../template/gofloat';
import { GoStruct, isMap, jsonFieldName, type GoList, type GoMap, type GoValue } from '../template/value';
import { isBreak, stringStyle } from './scalar-style';
import { keyLess } from './key-order';

/**
 * YAML text exactly as Helm's `toYaml` produces it: sigs.k8s.io/yaml turns the value into
 * JSON and back, then go-yaml v2 writes it — keys in go-yaml's natural order, sequences not
 * indented under their key, empty collections as `{}` / `[]`, multi-line strings as `|`
 * blocks, and long plain or quoted strings folded at column 80.
 */

const BEST_WIDTH = 80;
const INDENT = 2;

class Writer {
  out = '';
  column = 0;

  put(s: string): void {
    this.out += s;
    this.column += [...s].length;
  }

  newline(): void {
    this.out += '\n';
    this.column = 0;
  }

  /** libyaml's write_indent: a line break unless already at the start of this indentation. */
  indent(n: number): void {
    if (this.column > n || (this.column > 0 && this.column === n)) this.newline();
    if (this.column < n) this.put(' '.repeat(n - this.column));
  }

  atLineStart(): void {
    if (this.column > 0) this.newline();
  }
}

export class YamlMarshalError extends Error {}

/** JSON round trip: structs become their fields, NaN/Inf cannot be marshalled at all. */
function jsonShape(v: GoValue): GoValue {
  if (typeof v === 'number' && !Number.isFinite(v)) throw new YamlMarshalError(`json: unsupported value: ${formatFloatShortest(v)}`);
  if (v instanceof GoStruct) {
    const out: GoMap = {};
    for (const [k, f] of v.fields) out[jsonFieldName(k)] = jsonShape(f);
    return out;
  }
  if (Array.isArray(v)) return v.map(jsonShape);
  if (isMap(v)) {
    const out: GoMap = {};
    for (const k of Object.keys(v)) {
      const f = jsonShape(v[k] ?? null);
      if (k === '__proto__') Object.defineProperty(out, k, { value: f, enumerable: true, writable: true, configurable: true });
      else out[k] = f;
    }
    return out;
  }
  return v;
}

function numberText(n: number): string {
  // JSON writes integral floats without exponent below 1e21; go-yaml reads those back as ints.
  if (Number.isInteger(n) && Math.abs(n) < 9.2e18) return BigInt(n).toString();
  return formatFloatShortest(n);
}

function isEmptyCollection(v: GoValue): boolean {
  return (Array.isArray(v) && v.length === 0) || (isMap(v) && Object.keys(v).length === 0);
}

function writeScalar(w: Writer, v: GoValue, indent: number, isKey: boolean): void {
  if (v === null) return w.put('null');
  if (typeof v === 'boolean' || typeof v === 'bigint') return w.put(String(v));
  if (typeof v === 'number') return w.put(numberText(v));
  if (Array.isArray(v)) return w.put('[]');
  if (typeof v !== 'string') return w.put('{}');
  switch (stringStyle(v, isKey)) {
    case 'plain':
      return writePlain(w, v, indent, !isKey);
    case 'single':
      return writeSingle(w, v, indent, !isKey);
    case 'double':
      return writeDouble(w, v, indent, !isKey);
    case 'literal':
      return writeLiteral(w, v, indent);
  }
}

function writePlain(w: Writer, s: string, indent: number, allowBreaks: boolean): void {
  const chars = [...s];
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === ' ') {
      if (allowBreaks && !spaces && w.column > BEST_WIDTH && chars[i + 1] !== ' ') w.indent(indent);
      else w.put(ch);
      spaces = true;
    } else {
      w.put(ch);
      spaces = false;
    }
  }
}

function writeSingle(w: Writer, s: string, indent: number, allowBreaks: boolean): void {
  const chars = [...s];
  w.put("'");
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === ' ') {
      if (allowBreaks && !spaces && w.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1 && chars[i + 1] !== ' ') w.indent(indent);
      else w.put(ch);
      spaces = true;
    } else {
      w.put(ch === "'" ? "''" : ch);
      spaces = false;
    }
  }
  w.put("'");
}

const DOUBLE_ESCAPES: Record<number, string> = {
  0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e', 0x22: '"', 0x5c: '\\', 0x85: 'N', 0x2028: 'L', 0x2029: 'P',
};

function needsEscape(cp: number, ch: string): boolean {
  const printable = cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || cp === 0x85 || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || cp >= 0x10000;
  return !printable || cp === 0xfeff || isBreak(ch) || ch === '"' || ch === '\\';
}

function escapeFor(cp: number): string {
  const simple = DOUBLE_ESCAPES[cp];
  if (simple !== undefined) return `\\${simple}`;
  if (cp <= 0xff) return `\\x${cp.toString(16).toUpperCase().padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `\\U${cp.toString(16).toUpperCase().padStart(8, '0')}`;
}

function writeDouble(w: Writer, s: string, indent: number, allowBreaks: boolean): void {
  const chars = [...s];
  w.put('"');
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const cp = ch.codePointAt(0) ?? 0;
    if (needsEscape(cp, ch)) {
      w.put(escapeFor(cp));
      spaces = false;
    } else if (ch === ' ') {
      if (allowBreaks && !spaces && w.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
        w.indent(indent);
        if (chars[i + 1] === ' ') w.put('\\');
      } else {
        w.put(ch);
      }
      spaces = true;
    } else {
      w.put(ch);
      spaces = false;
    }
  }
  w.put('"');
}

function writeLiteral(w: Writer, s: string, indent: number): void {
  let hints = '';
  if (s[0] === ' ' || isBreak(s[0])) hints += String(INDENT);
  const last = s[s.length - 1];
  if (!isBreak(last)) hints += '-';
  else if (s.length === 1 || isBreak(s[s.length - 2])) hints += '+';
  w.put(`|${hints}`);
  w.newline();
  let breaks = true;
  for (const ch of s) {
    if (isBreak(ch)) {
      w.newline();
      breaks = true;
    } else {
      if (breaks) w.put(' '.repeat(indent));
      w.put(ch);
      breaks = false;
    }
  }
}

function writeMapping(w: Writer, m: GoMap, indent: number, inlineFirst: boolean): void {
  const keys = Object.keys(m).sort((a, b) => (keyLess(a, b) ? -1 : keyLess(b, a) ? 1 : 0));
  keys.forEach((k, i) => {
    if (!(i === 0 && inlineFirst)) w.indent(indent);
    writeScalar(w, k, indent + INDENT, true);
    w.put(':');
    writeValue(w, m[k] ?? null, indent, true);
  });
}

function writeSequence(w: Writer, list: GoList, indent: number, inlineFirst: boolean): void {
  list.forEach((item, i) => {
    if (!(i === 0 && inlineFirst)) w.indent(indent);
    w.put('-');
    writeValue(w, item, indent, false);
  });
}

/** Writes what follows `key:` or `-`; `inMapping` makes nested sequences indentless. */
function writeValue(w: Writer, v: GoValue, indent: number, inMapping: boolean): void {
  if (isMap(v) && !isEmptyCollection(v)) {
    if (inMapping) writeMapping(w, v, indent + INDENT, false);
    else {
      w.put(' ');
      writeMapping(w, v, indent + INDENT, true);
    }
  } else if (Array.isArray(v) && v.length > 0) {
    if (inMapping) writeSequence(w, v, indent, false);
    else {
      w.put(' ');
      writeSequence(w, v, indent + INDENT, true);
    }
  } else {
    w.put(' ');
    writeScalar(w, v, indent + INDENT, false);
    w.atLineStart();
  }
}

/** go-yaml v2 Marshal of one document, through JSON first (ends with a newline). */
export function marshalYaml(value: GoValue): string {
  const v = jsonShape(value);
  const w = new Writer();
  if (isMap(v) && !isEmptyCollection(v)) writeMapping(w, v, 0, false);
  else if (Array.isArray(v) && v.length > 0) writeSequence(w, v, 0, false);
  else writeScalar(w, v, INDENT, false);
  w.atLineStart();
  return w.out;
}
