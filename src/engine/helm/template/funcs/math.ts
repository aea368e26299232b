import { base64Decode, base64Encode, sha256Hex, utf8Decode, utf8Encode } from '../encoding';
import { FuncError } from '../errors';
import { goKindName, goTypeName, truth, type GoValue } from '../value';
import { deepEqualValues, toFloat64, toInt64, wrap64 } from './convert';
import { semverCompare } from './semver';
import { def, type GoFunc } from './types';

/** sprig's numeric, conversion, type, default and encoding functions. */

function str(v: GoValue | undefined): string {
  return typeof v === 'string' ? v : '';
}

function i64(v: GoValue | undefined): bigint {
  return toInt64(v ?? null);
}

function divide(a: bigint, b: bigint, mod: boolean): bigint {
  if (b === 0n) throw new FuncError('runtime error: integer divide by zero');
  return wrap64(mod ? a % b : a / b);
}

function atoi(s: string): bigint {
  return /^[+-]?\d+$/.test(s) && BigInt(s) <= 2n ** 63n - 1n && BigInt(s) >= -(2n ** 63n) ? BigInt(s) : 0n;
}

/** sprig round: ceil when the fraction reaches `half` (math.Modf keeps the sign), else floor. */
function roundTo(x: number, places: bigint, half: number): number {
  const p = 10 ** Number(places);
  const v = x * p;
  return (v - Math.trunc(v) >= half ? Math.ceil(v) : Math.floor(v)) / p;
}

const MATH: [string, GoFunc][] = [
  ['add', def([], (args) => wrap64(args.reduce<bigint>((a, b) => a + i64(b), 0n)), 'any')],
  ['add1', def(['any'], ([a]) => wrap64(i64(a) + 1n))],
  ['sub', def(['any', 'any'], ([a, b]) => wrap64(i64(a) - i64(b)))],
  ['mul', def(['any'], ([a, ...rest]) => wrap64(rest.reduce<bigint>((acc, b) => acc * i64(b), i64(a))), 'any')],
  ['div', def(['any', 'any'], ([a, b]) => divide(i64(a), i64(b), false))],
  ['mod', def(['any', 'any'], ([a, b]) => divide(i64(a), i64(b), true))],
  ['max', def(['any'], ([a, ...rest]) => rest.reduce<bigint>((acc, b) => (i64(b) > acc ? i64(b) : acc), i64(a)), 'any')],
  ['min', def(['any'], ([a, ...rest]) => rest.reduce<bigint>((acc, b) => (i64(b) < acc ? i64(b) : acc), i64(a)), 'any')],
  ['floor', def(['any'], ([a]) => Math.floor(toFloat64(a ?? null)))],
  ['ceil', def(['any'], ([a]) => Math.ceil(toFloat64(a ?? null)))],
  ['round', def(['any', 'int'], ([a, p, h]) => roundTo(toFloat64(a ?? null), typeof p === 'bigint' ? p : 0n, h === undefined ? 0.5 : toFloat64(h)), 'float')],
  ['int', def(['any'], ([a]) => i64(a))],
  ['int64', def(['any'], ([a]) => i64(a))],
  ['float64', def(['any'], ([a]) => toFloat64(a ?? null))],
  ['atoi', def(['string'], ([s]) => atoi(str(s)))],
];

function empty(v: GoValue | undefined): boolean {
  return !truth(v ?? null);
}

const GENERAL: [string, GoFunc][] = [
  ['default', def(['any'], ([d, ...given]) => (given.length === 0 || empty(given[0]) ? (d ?? null) : (given[0] ?? null)), 'any')],
  ['empty', def(['any'], ([v]) => empty(v))],
  ['coalesce', def([], (args) => args.find((a) => !empty(a)) ?? null, 'any')],
  ['ternary', def(['any', 'any', 'bool'], ([t, f, c]) => (c === true ? (t ?? null) : (f ?? null)))],
  ['kindOf', def(['any'], ([v]) => goKindName(v ?? null))],
  ['kindIs', def(['string', 'any'], ([k, v]) => goKindName(v ?? null) === str(k))],
  ['typeOf', def(['any'], ([v]) => goTypeName(v ?? null))],
  ['typeIs', def(['string', 'any'], ([t, v]) => goTypeName(v ?? null) === str(t))],
  ['typeIsLike', def(['string', 'any'], ([t, v]) => goTypeName(v ?? null) === str(t) || `*${goTypeName(v ?? null)}` === str(t))],
  ['deepEqual', def(['any', 'any'], ([a, b]) => deepEqualValues(a ?? null, b ?? null))],
  ['semverCompare', def(['string', 'string'], ([c, v]) => semverCompare(str(c), str(v)))],
];

function b64dec(s: string): string {
  const r = base64Decode(s);
  return r.ok ? utf8Decode(r.bytes) : r.error;
}

const ENCODING: [string, GoFunc][] = [
  ['b64enc', def(['string'], ([s]) => base64Encode(utf8Encode(str(s))))],
  ['b64dec', def(['string'], ([s]) => b64dec(str(s)))],
  ['sha256sum', def(['string'], ([s]) => sha256Hex(utf8Encode(str(s))))],
];

export const MATH_FUNCS: ReadonlyMap<string, GoFunc> = new Map([...MATH, ...GENERAL, ...ENCODING]);
