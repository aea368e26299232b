/**
 * A strict JSON reader for untrusted text (RFC 8259) that never assigns `__proto__`,
 * `constructor` or `prototype`, refuses duplicate keys (JSON.parse keeps the last one
 * silently), caps depth and collection sizes, and refuses numbers that overflow to Infinity.
 * Objects it builds have no prototype. Plus the canonical writer used for encoding.
 */
import type { Decoded } from './bytes';

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

export interface JsonLimits {
  readonly depth: number;
  /** Entries of one array or keys of one object. */
  readonly entries: number;
}

export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

class JsonError {
  constructor(
    readonly at: number,
    readonly message: string,
  ) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Not `"`, `\\` or a control character: copied as is. */
function isPlain(code: number): boolean {
  return code >= 0x20 && code !== 0x22 && code !== 0x5c;
}

class Reader {
  pos = 0;

  constructor(
    private readonly text: string,
    private readonly limits: JsonLimits,
  ) {}

  fail(message: string, at = this.pos): never {
    throw new JsonError(at, message);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos]!)) this.pos++;
  }

  expect(ch: string): void {
    if (this.text[this.pos] !== ch) this.fail(this.pos >= this.text.length ? `unexpected end of data, expected "${ch}"` : `expected "${ch}"`);
    this.pos++;
  }

  value(depth: number): JsonValue {
    this.skipSpace();
    const ch = this.text[this.pos];
    if (ch === '{' || ch === '[') {
      if (depth >= this.limits.depth) this.fail(`nested deeper than ${this.limits.depth} levels`);
      return ch === '{' ? this.object(depth + 1) : this.array(depth + 1);
    }
    if (ch === '"') return this.string();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return v;
      }
    }
    return this.number();
  }

  number(): number {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) this.fail(this.pos >= this.text.length ? 'unexpected end of data' : 'unexpected character');
    const n = Number(m[0]);
    if (!Number.isFinite(n)) this.fail('number out of range');
    this.pos += m[0].length;
    return n;
  }

  string(): string {
    const start = this.pos;
    this.pos++;
    let out = '';
    for (;;) {
      const runStart = this.pos;
      while (this.pos < this.text.length && isPlain(this.text.charCodeAt(this.pos))) this.pos++;
      out += this.text.slice(runStart, this.pos);
      const ch = this.text[this.pos];
      if (ch === undefined) this.fail('unterminated string', start);
      if (ch === '"') {
        this.pos++;
        return out;
      }
      if (ch !== '\\') this.fail('control character in string');
      out += this.escape();
    }
  }

  escape(): string {
    const e = this.text[this.pos + 1];
    if (e !== undefined && Object.prototype.hasOwnProperty.call(ESCAPES, e)) {
      this.pos += 2;
      return ESCAPES[e]!;
    }
    const hex = this.text.slice(this.pos + 2, this.pos + 6);
    if (e !== 'u' || !/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid escape in string');
    this.pos += 6;
    return String.fromCharCode(parseInt(hex, 16));
  }

  array(depth: number): JsonValue[] {
    this.pos++;
    const out: JsonValue[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      if (out.length >= this.limits.entries) this.fail(`list longer than ${this.limits.entries} entries`);
      out.push(this.value(depth));
      this.skipSpace();
      if (this.text[this.pos] === ']') {
        this.pos++;
        return out;
      }
      this.expect(',');
    }
  }

  object(depth: number): JsonObject {
    this.pos++;
    const out = Object.create(null) as Record<string, JsonValue>;
    let count = 0;
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      const keyAt = this.pos;
      if (this.text[this.pos] !== '"') this.fail('expected a quoted key');
      const key = this.string();
      if (RESERVED_KEYS.has(key)) this.fail(`forbidden key ${JSON.stringify(key)}`, keyAt);
      if (Object.prototype.hasOwnProperty.call(out, key)) this.fail(`duplicate key ${JSON.stringify(key)}`, keyAt);
      if (++count > this.limits.entries) this.fail(`map with more than ${this.limits.entries} keys`, keyAt);
      this.skipSpace();
      this.expect(':');
      out[key] = this.value(depth);
      this.skipSpace();
      if (this.text[this.pos] === '}') {
        this.pos++;
        return out;
      }
      this.expect(',');
    }
  }
}

/** Parses `text` as one JSON value; errors name the character offset. Never throws. */
export function parseJson(text: string, limits: JsonLimits): Decoded<JsonValue> {
  const r = new Reader(text, limits);
  try {
    const value = r.value(0);
    r.skipSpace();
    if (r.pos < text.length) r.fail('trailing characters after the data');
    return { ok: true, value };
  } catch (e) {
    if (e instanceof JsonError) return { ok: false, error: `invalid JSON at character ${e.at}: ${e.message}` };
    // Only a bug or an engine limit (stack, memory) gets here: still an answer, not a crash.
    return { ok: false, error: `invalid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

export function isJsonObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Canonical JSON: keys sorted by UTF-16 code units, no spaces, JSON.stringify's escaping
 * (which writes lone surrogates as \uXXXX, so every string survives UTF-8). Non-finite
 * numbers are a caller bug: validation runs before encoding.
 */
export function canonicalJson(value: JsonValue): string {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`cannot encode ${value} in JSON`);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${(value as readonly JsonValue[]).map(canonicalJson).join(',')}]`;
  const obj = value as JsonObject;
  const keys = Object.keys(obj).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k]!)}`).join(',')}}`;
}
