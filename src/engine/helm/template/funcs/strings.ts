import { goQuote } from '../gofmt';
import { utf8Decode, utf8Encode } from '../encoding';
import { FuncError } from '../errors';
import type { GoMap, GoValue } from '../value';
import { strslice, strval } from './convert';
import { def, type GoFunc } from './types';

/** sprig's string functions (strings.go). Lengths and offsets are in UTF-8 bytes, as in Go. */

const MAX_STRING = 4 * 1024 * 1024;

function str(v: GoValue | undefined): string {
  return typeof v === 'string' ? v : '';
}

function int(v: GoValue | undefined): number {
  if (typeof v !== 'bigint') return 0;
  if (v > 2n ** 31n) return 2 ** 31;
  if (v < -(2n ** 31n)) return -(2 ** 31);
  return Number(v);
}

function bytesSlice(s: string, from: number, to?: number): string {
  return utf8Decode(utf8Encode(s).subarray(from, to));
}

function byteLen(s: string): number {
  return utf8Encode(s).length;
}

function trunc(c: number, s: string): string {
  const len = byteLen(s);
  if (c < 0 && len + c > 0) return bytesSlice(s, len + c);
  if (c >= 0 && len > c) return bytesSlice(s, 0, c);
  return s;
}

function substr(start: number, end: number, s: string): string {
  const len = byteLen(s);
  if (start < 0) return bytesSlice(s, 0, Math.min(end, len));
  if (end < 0 || end > len) return start > len ? failRange(start, len) : bytesSlice(s, start);
  if (start > end) return failRange(start, end);
  return bytesSlice(s, start, end);
}

function failRange(a: number, b: number): never {
  throw new FuncError(`runtime error: slice bounds out of range [${a}:${b}]`);
}

function isSpaceRune(ch: string): boolean {
  return /\s/u.test(ch) || ch === '\u0085';
}

/** strings.Title: upper-case the first letter of each word. */
function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    const sep = !/[\p{L}\p{N}_]/u.test(prev);
    out += sep ? ch.toUpperCase() : ch;
    prev = ch;
  }
  return out;
}

function untitle(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    out += isSpaceRune(prev) ? ch.toLowerCase() : ch;
    prev = ch;
  }
  return out;
}

function trimSet(s: string, cutset: string, left: boolean, right: boolean): string {
  const cut = new Set(cutset);
  const chars = [...s];
  let i = 0;
  let j = chars.length;
  if (left) while (i < j && cut.has(chars[i]!)) i++;
  if (right) while (j > i && cut.has(chars[j - 1]!)) j--;
  return chars.slice(i, j).join('');
}

function goTrimSpace(s: string): string {
  const chars = [...s];
  let i = 0;
  let j = chars.length;
  while (i < j && isSpaceRune(chars[i]!)) i++;
  while (j > i && isSpaceRune(chars[j - 1]!)) j--;
  return chars.slice(i, j).join('');
}

/** strings.Split: an empty separator splits into characters. */
function goSplit(s: string, sep: string): string[] {
  if (sep === '') return [...s];
  return s.split(sep);
}

/** strings.Replace(s, old, new, -1): an empty `old` inserts between every character. */
function goReplaceAll(s: string, old: string, repl: string): string {
  if (old === '') return [...s].reduce((acc, ch) => acc + ch + repl, repl);
  return s.split(old).join(repl);
}

function indent(spaces: number, v: string): string {
  if (spaces < 0) spaces = 0;
  if (spaces > 10_000) throw new FuncError('indent: too many spaces');
  const pad = ' '.repeat(spaces);
  return pad + v.split('\n').join(`\n${pad}`);
}

function repeat(count: number, s: string): string {
  if (count < 0) throw new FuncError('strings: negative Repeat count');
  if (count * s.length > MAX_STRING) throw new FuncError(`repeat: result longer than ${MAX_STRING} characters`);
  return s.repeat(count);
}

function split(sep: string, orig: string): GoMap {
  const out: GoMap = {};
  goSplit(orig, sep).forEach((p, i) => (out[`_${i}`] = p));
  return out;
}

export const STRING_FUNCS: ReadonlyMap<string, GoFunc> = new Map<string, GoFunc>([
  ['trim', def(['string'], ([s]) => goTrimSpace(str(s)))],
  ['trimAll', def(['string', 'string'], ([c, s]) => trimSet(str(s), str(c), true, true))],
  ['trimSuffix', def(['string', 'string'], ([a, b]) => (str(b).endsWith(str(a)) ? str(b).slice(0, str(b).length - str(a).length) : str(b)))],
  ['trimPrefix', def(['string', 'string'], ([a, b]) => (str(b).startsWith(str(a)) ? str(b).slice(str(a).length) : str(b)))],
  ['upper', def(['string'], ([s]) => str(s).toUpperCase())],
  ['lower', def(['string'], ([s]) => str(s).toLowerCase())],
  ['title', def(['string'], ([s]) => title(str(s)))],
  ['untitle', def(['string'], ([s]) => untitle(str(s)))],
  ['repeat', def(['int', 'string'], ([c, s]) => repeat(int(c), str(s)))],
  ['substr', def(['int', 'int', 'string'], ([a, b, s]) => substr(int(a), int(b), str(s)))],
  ['nospace', def(['string'], ([s]) => [...str(s)].filter((c) => !isSpaceRune(c)).join(''))],
  ['trunc', def(['int', 'string'], ([c, s]) => trunc(int(c), str(s)))],
  ['contains', def(['string', 'string'], ([sub, s]) => str(s).includes(str(sub)))],
  ['hasPrefix', def(['string', 'string'], ([p, s]) => str(s).startsWith(str(p)))],
  ['hasSuffix', def(['string', 'string'], ([p, s]) => str(s).endsWith(str(p)))],
  ['quote', def([], (args) => args.filter((a) => a !== null).map((a) => goQuote(strval(a))).join(' '), 'any')],
  ['squote', def([], (args) => args.filter((a) => a !== null).map((a) => `'${strval(a)}'`).join(' '), 'any')],
  ['cat', def([], (args) => args.filter((a) => a !== null).map(strval).join(' '), 'any')],
  ['indent', def(['int', 'string'], ([n, s]) => indent(int(n), str(s)))],
  ['nindent', def(['int', 'string'], ([n, s]) => `\n${indent(int(n), str(s))}`)],
  ['replace', def(['string', 'string', 'string'], ([o, n, s]) => goReplaceAll(str(s), str(o), str(n)))],
  ['plural', def(['string', 'string', 'int'], ([one, many, n]) => (int(n) === 1 ? str(one) : str(many)))],
  ['splitList', def(['string', 'string'], ([sep, s]) => goSplit(str(s), str(sep)))],
  ['split', def(['string', 'string'], ([sep, s]) => split(str(sep), str(s)))],
  ['join', def(['string', 'any'], ([sep, v]) => strslice(v ?? null).join(str(sep)))],
  ['toString', def(['any'], ([v]) => strval(v ?? null))],
  ['toStrings', def(['any'], ([v]) => strslice(v ?? null))],
  ['sortAlpha', def(['any'], ([v]) => (Array.isArray(v) ? strslice(v).sort() : [strval(v ?? null)]))],
]);
