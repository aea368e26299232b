import { formatValue } from '../gofmt';
import { GoStruct, type GoValue } from '../value';

/** sprig strval: strings as they are, everything else through `%v`. */
export function strval(v: GoValue): string {
  return typeof v === 'string' ? v : formatValue(v);
}

/** sprig strslice: a list's non-nil elements as strings; a scalar becomes a one-element list. */
export function strslice(v: GoValue): string[] {
  if (Array.isArray(v)) return v.filter((e) => e !== null).map(strval);
  if (v === null) return [];
  return [strval(v)];
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Wraps like Go's int64 arithmetic. */
export function wrap64(n: bigint): bigint {
  return BigInt.asIntN(64, n);
}

function parseGoIntText(s: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/.exec(s.replace(/_/g, ''));
  if (!m) return undefined;
  const body = m[2]!;
  let v: bigint;
  if (/^0[oO]/.test(body)) v = BigInt(`0o${body.slice(2)}`);
  else if (/^0[0-7]+$/.test(body)) v = BigInt(`0o${body.slice(1)}`);
  else v = BigInt(body);
  v = m[1] === '-' ? -v : v;
  return v < INT64_MIN || v > INT64_MAX ? undefined : v;
}

/** spf13/cast ToInt64 as sprig uses it: unparseable input is 0, floats truncate. */
export function toInt64(v: GoValue): bigint {
  if (v === null) return 0n;
  switch (typeof v) {
    case 'bigint':
      return v;
    case 'number':
      return Number.isFinite(v) ? wrap64(BigInt(Math.trunc(v))) : INT64_MIN;
    case 'boolean':
      return v ? 1n : 0n;
    case 'string': {
      const trimmed = /^[+-]?\d+\.0*$/.test(v) ? v.replace(/\.0*$/, '') : v;
      return parseGoIntText(trimmed) ?? 0n;
    }
    default:
      return 0n;
  }
}

/** spf13/cast ToFloat64. */
export function toFloat64(v: GoValue): number {
  if (v === null) return 0;
  switch (typeof v) {
    case 'number':
      return v;
    case 'bigint':
      return Number(v);
    case 'boolean':
      return v ? 1 : 0;
    case 'string': {
      if (!/^[+-]?(\d[\d_]*\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v.trim()) || v.trim() !== v) return 0;
      const f = Number(v.replace(/_/g, ''));
      return Number.isNaN(f) ? 0 : f;
    }
    default:
      return 0;
  }
}

/** reflect.DeepEqual on template values. */
export function deepEqualValues(a: GoValue, b: GoValue): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (a instanceof GoStruct || b instanceof GoStruct) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((e, i) => deepEqualValues(e, b[i] ?? null));
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqualValues(a[k] ?? null, b[k] ?? null));
}
