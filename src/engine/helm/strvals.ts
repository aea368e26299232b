import { isMap, mapGet, mapSet, type GoList, type GoMap, type GoValue } from './template/value';

/**
 * Helm's `--set` parser (pkg/strvals): `a.b=c`, `a[0]=x`, `a.b={x,y}`, several pairs split by
 * commas, `\` escapes the next character. `--set` types its values (true/false → bool,
 * null → nil, integers without a leading zero → int64); `--set-string` keeps them strings.
 */

const MAX_INDEX = 65536;
const MAX_NESTED_NAME_LEVEL = 30;

class StrvalsError extends Error {}

const EOF = Symbol('eof');
type Stop = string | typeof EOF;

class Scanner {
  private i = 0;
  private readonly runes: string[];
  constructor(text: string) {
    this.runes = [...text];
  }
  read(): string | typeof EOF {
    const r = this.runes[this.i];
    if (r === undefined) return EOF;
    this.i++;
    return r;
  }
  unread(): void {
    if (this.i > 0) this.i--;
  }
  /** Reads up to (and consuming) one of `stop`; `\` escapes. Returns the text and what stopped it. */
  until(stop: string): [string, Stop] {
    let v = '';
    for (;;) {
      const r = this.read();
      if (r === EOF) return [v, EOF];
      if (stop.includes(r)) return [v, r];
      if (r === '\\') {
        const next = this.read();
        if (next === EOF) return [v, EOF];
        v += next;
      } else {
        v += r;
      }
    }
  }
}

/** strvals.typedVal. */
export function typedVal(val: string): GoValue {
  const lower = val.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (val === '0') return 0n;
  if (val.length > 0 && val[0] !== '0' && /^[+-]?\d+$/.test(val)) {
    const n = BigInt(val);
    if (n >= -(2n ** 63n) && n < 2n ** 63n) return n;
  }
  return val;
}

class Parser {
  constructor(
    private readonly sc: Scanner,
    private readonly data: GoMap,
    /** typedVal for `--set`, the text itself for `--set-string` (parser.st in strvals). */
    private readonly val: (text: string) => GoValue,
  ) {}

  parse(): void {
    // Each key() call consumes one `name=value` and its trailing comma; EOF ends the list.
    for (let guard = 0; guard < 100_000; guard++) if (!this.key(this.data, 0)) return;
    throw new StrvalsError('too many values');
  }

  /** Returns false at end of input. */
  private key(data: GoMap, level: number): boolean {
    const [k, last] = this.sc.until('=[,.');
    if (last === EOF) {
      if (k.length === 0) return false;
      throw new StrvalsError(`key ${JSON.stringify(k)} has no value`);
    }
    switch (last) {
      case '[': {
        const i = this.keyIndex();
        const existing = mapGet(data, k);
        const list = existing === undefined ? [] : asList(existing);
        const [result, more] = this.listItem(list, i, level);
        setKey(data, k, result);
        return more;
      }
      case '=':
        return this.assign((v) => setKey(data, k, v));
      case ',':
        setKey(data, k, '');
        throw new StrvalsError(`key ${JSON.stringify(k)} has no value (cannot end with ,)`);
      default: {
        if (++level > MAX_NESTED_NAME_LEVEL) throw new StrvalsError(`value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`);
        const existing = mapGet(data, k);
        const inner = existing === undefined ? {} : asMap(existing);
        const more = this.key(inner, level);
        const empty = Object.keys(inner).length === 0;
        if (more && empty) throw new StrvalsError(`key map ${JSON.stringify(k)} has no value`);
        if (!empty) setKey(data, k, inner);
        return more;
      }
    }
  }

  /** After `=`: a `{a,b}` list or a scalar up to the next comma. */
  private assign(set: (v: GoValue) => void): boolean {
    const first = this.sc.read();
    if (first === EOF) {
      set('');
      return false;
    }
    if (first === '{') {
      set(this.valList());
      return true;
    }
    this.sc.unread();
    const [v, last] = this.sc.until(',');
    set(this.val(v));
    return last !== EOF;
  }

  private valList(): GoList {
    const list: GoList = [];
    for (;;) {
      const [v, last] = this.sc.until(',}');
      if (last === EOF) throw new StrvalsError("list must terminate with '}'");
      list.push(this.val(v));
      if (last === '}') {
        const next = this.sc.read();
        if (next !== ',' && next !== EOF) this.sc.unread();
        return list;
      }
    }
  }

  private keyIndex(): number {
    const [v, last] = this.sc.until(']');
    if (last === EOF) throw new StrvalsError('error parsing index: unexpected EOF');
    if (!/^[+-]?\d+$/.test(v)) throw new StrvalsError(`error parsing index: strconv.Atoi: parsing ${JSON.stringify(v)}: invalid syntax`);
    return Number(v);
  }

  private listItem(list: GoList, i: number, level: number): [GoList, boolean] {
    if (i < 0) throw new StrvalsError(`negative ${i} index not allowed`);
    const [k, last] = this.sc.until('[.=');
    if (k.length > 0) throw new StrvalsError(`unexpected data at end of array index: ${JSON.stringify(k)}`);
    if (last === EOF) throw new StrvalsError('unexpected EOF');
    if (last === '=') {
      let more = true;
      let out = list;
      more = this.assign((v) => (out = setIndex(list, i, v)));
      return [out, more];
    }
    if (last === '[') {
      const next = this.keyIndex();
      const existing = list[i];
      const inner = existing === undefined || existing === null ? [] : asList(existing);
      const [result, more] = this.listItem(inner, next, level);
      return [setIndex(list, i, result), more];
    }
    const existing = list[i];
    const inner = isMap(existing) ? existing : {};
    const more = this.key(inner, level);
    return [setIndex(list, i, inner), more];
  }
}

function asList(v: GoValue): GoList {
  if (Array.isArray(v)) return v;
  throw new StrvalsError(`unable to parse key: interface conversion: interface {} is ${describe(v)}, not []interface {}`);
}

function asMap(v: GoValue): GoMap {
  if (isMap(v)) return v;
  throw new StrvalsError(`unable to parse key: interface conversion: interface {} is ${describe(v)}, not map[string]interface {}`);
}

function describe(v: GoValue): string {
  if (v === null) return 'nil';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'bigint') return 'int64';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  return Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';
}

function setKey(data: GoMap, key: string, value: GoValue): void {
  if (key.length > 0) mapSet(data, key, value);
}

function setIndex(list: GoList, index: number, value: GoValue): GoList {
  if (index < 0) throw new StrvalsError(`negative ${index} index not allowed`);
  if (index > MAX_INDEX) throw new StrvalsError(`index of ${index} is greater than maximum supported index of ${MAX_INDEX}`);
  const out = [...list];
  while (out.length <= index) out.push(null);
  out[index] = value;
  return out;
}

/** strvals.ParseInto (ParseIntoString with `strings`): merges one `--set` argument into `dest` (mutated). */
export function parseSetInto(text: string, dest: GoMap, strings = false): { ok: true } | { ok: false; error: string } {
  try {
    new Parser(new Scanner(text), dest, strings ? (v) => v : typedVal).parse();
    return { ok: true };
  } catch (e) {
    if (e instanceof StrvalsError) return { ok: false, error: e.message };
    throw e;
  }
}
