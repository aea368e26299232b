import { sprint, sprintf, sprintln, formatValue } from '../gofmt';
import { utf8Encode, utf8Length } from '../encoding';
import { goTypeName, isMap, mapGet, truth, type GoValue } from '../value';
import { FuncError } from '../errors';
import { def, type GoFunc } from './types';

/** text/template's predefined functions (funcs.go). */

type Kind = 'bool' | 'int' | 'float' | 'string' | 'invalid' | 'other';

function basicKind(v: GoValue): Kind {
  if (v === null) return 'invalid';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
    default:
      return 'other';
  }
}

const BAD_COMPARISON = 'incompatible types for comparison';
const BAD_COMPARISON_TYPE = 'invalid type for comparison';

function eq(args: GoValue[]): boolean {
  const [a, ...rest] = args;
  const a1 = a ?? null;
  if (rest.length === 0) throw new FuncError('missing argument for comparison');
  const k1 = basicKind(a1);
  for (const b of rest) {
    const k2 = basicKind(b);
    let result = false;
    if (k1 !== k2) {
      if (a1 !== null && b !== null) throw new FuncError(BAD_COMPARISON);
    } else if (k1 === 'other') {
      throw new FuncError(`non-comparable type ${formatValue(b)}: ${goTypeName(b)}`);
    } else {
      result = a1 === b;
    }
    if (result) return true;
  }
  return false;
}

function lt(a: GoValue, b: GoValue): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k1 === 'other' || k2 === 'invalid' || k2 === 'other') throw new FuncError(BAD_COMPARISON_TYPE);
  if (k1 !== k2) throw new FuncError(BAD_COMPARISON);
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b;
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') return a < b;
  throw new FuncError(BAD_COMPARISON_TYPE);
}

function length(v: GoValue): GoValue {
  if (v === null) throw new FuncError('len of nil pointer');
  if (typeof v === 'string') return BigInt(utf8Length(v));
  if (Array.isArray(v)) return BigInt(v.length);
  if (isMap(v)) return BigInt(Object.keys(v).length);
  throw new FuncError(`len of type ${goTypeName(v)}`);
}

function indexArg(v: GoValue, len: number): number {
  if (typeof v !== 'bigint') throw new FuncError(`cannot index slice/array with type ${goTypeName(v)}`);
  if (v < 0n || v >= BigInt(len)) throw new FuncError(`index out of range: ${v}`);
  return Number(v);
}

function index(args: GoValue[]): GoValue {
  let item = args[0] ?? null;
  if (item === null) throw new FuncError('index of untyped nil');
  for (const ix of args.slice(1)) {
    if (item === null) throw new FuncError('index of nil pointer');
    if (Array.isArray(item)) item = item[indexArg(ix, item.length)] ?? null;
    else if (typeof item === 'string') {
      const bytes = utf8Encode(item);
      item = BigInt(bytes[indexArg(ix, bytes.length)] ?? 0);
    } else if (isMap(item)) {
      if (typeof ix !== 'string') throw new FuncError(`value has type ${goTypeName(ix)}; should be string`);
      item = mapGet(item, ix) ?? null;
    } else {
      throw new FuncError(`can't index item of type ${goTypeName(item)}`);
    }
  }
  return item;
}

function sliceFn(args: GoValue[]): GoValue {
  const item = args[0] ?? null;
  if (item === null) throw new FuncError('slice of untyped nil');
  const idx = args.slice(1);
  if (idx.length > 3) throw new FuncError(`too many slice indexes: ${idx.length}`);
  if (typeof item === 'string') {
    if (idx.length === 3) throw new FuncError('cannot 3-index slice a string');
    const len = item.length;
    const [i = 0, j = len] = idx.map((x) => sliceIndex(x, len));
    if (i > j) throw new FuncError(`invalid slice index: ${i} > ${j}`);
    return item.slice(i, j);
  }
  if (!Array.isArray(item)) throw new FuncError(`can't slice item of type ${goTypeName(item)}`);
  const [i = 0, j = item.length] = idx.map((x) => sliceIndex(x, item.length));
  if (i > j) throw new FuncError(`invalid slice index: ${i} > ${j}`);
  return item.slice(i, j);
}

function sliceIndex(v: GoValue, cap: number): number {
  if (typeof v !== 'bigint') throw new FuncError(`cannot index slice/array with type ${goTypeName(v)}`);
  if (v < 0n || v > BigInt(cap)) throw new FuncError(`index out of range: ${v}`);
  return Number(v);
}

function htmlEscape(s: string): string {
  return s.replace(/[&'<>"\0]/g, (c) => ({ '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '"': '&#34;', '\0': '\uFFFD' })[c] ?? c);
}

function urlQueryEscape(s: string): string {
  let out = '';
  for (const b of utf8Encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** template.JSEscapeString. */
function jsEscape(s: string): string {
  let out = '';
  for (const c of s) {
    const code = c.charCodeAt(0);
    if (c === '\\' || c === "'" || c === '"') out += `\\${c}`;
    else if (c === '<' || c === '>' || c === '&' || c === '=' || code < 0x20) out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += c;
  }
  return out;
}

function evalArgsText(args: GoValue[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args);
}

export const BUILTINS: ReadonlyMap<string, GoFunc> = new Map<string, GoFunc>([
  ['and', def(['value'], () => null, 'value')], // short-circuit handled by the executor
  ['or', def(['value'], () => null, 'value')],
  ['not', def(['value'], ([a]) => !truth(a ?? null))],
  ['len', def(['value'], ([a]) => length(a ?? null))],
  ['index', def(['value'], index, 'value')],
  ['slice', def(['value'], sliceFn, 'value')],
  ['print', def([], (args) => sprint(args), 'any')],
  ['println', def([], (args) => sprintln(args), 'any')],
  ['printf', def(['string'], ([f, ...rest]) => sprintf(typeof f === 'string' ? f : '', rest), 'any')],
  ['eq', def(['value'], eq, 'value')],
  ['ne', def(['value', 'value'], ([a, b]) => !eq([a ?? null, b ?? null]))],
  ['lt', def(['value', 'value'], ([a, b]) => lt(a ?? null, b ?? null))],
  ['le', def(['value', 'value'], ([a, b]) => lt(a ?? null, b ?? null) || eq([a ?? null, b ?? null]))],
  ['gt', def(['value', 'value'], ([a, b]) => !(lt(a ?? null, b ?? null) || eq([a ?? null, b ?? null])))],
  ['ge', def(['value', 'value'], ([a, b]) => !lt(a ?? null, b ?? null))],
  ['html', def([], (args) => htmlEscape(evalArgsText(args)), 'any')],
  ['urlquery', def([], (args) => urlQueryEscape(evalArgsText(args)), 'any')],
  ['js', def([], (args) => jsEscape(evalArgsText(args)), 'any')],
]);

