import type { NumberNode } from './ast';
import type { Item } from './lexer';
import { unquoteChar } from './unquote';

/** parse.NumberNode: ints, floats, hex/octal/binary, char constants; Go's rules for IsInt/IsFloat. */
export function parseNumber(token: Item): NumberNode | string {
  const text = token.val;
  const base = { kind: 'number' as const, pos: token.pos, text };
  if (token.type === 'charConstant') {
    const r = unquoteChar(text);
    if (r === undefined) return 'malformed character constant: ' + text;
    return { ...base, isInt: true, isFloat: true, int: BigInt(r), float: r };
  }
  const intVal = parseGoInt(text);
  if (intVal !== undefined) {
    if (intVal > 0x7fffffffffffffffn || intVal < -0x8000000000000000n) return `integer overflow: ${JSON.stringify(text)}`;
    return { ...base, isInt: true, isFloat: true, int: intVal, float: Number(intVal) };
  }
  const f = parseGoFloat(text);
  if (f === undefined) return `illegal number syntax: ${JSON.stringify(text)}`;
  if (!/[.eEpP]/.test(text)) return `integer overflow: ${JSON.stringify(text)}`;
  const isInt = Number.isInteger(f) && Math.abs(f) < 2 ** 63;
  return { ...base, isInt, isFloat: true, int: isInt ? BigInt(f) : 0n, float: f };
}

function parseGoInt(text: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(text);
  if (!m) return undefined;
  const body = m[2]!;
  if (body.includes('__') || body.endsWith('_')) return undefined;
  const clean = body.replace(/_/g, '');
  let v: bigint;
  if (/^0[oO]/.test(clean)) v = BigInt(`0o${clean.slice(2)}`);
  else if (/^0[0-7]+$/.test(clean)) v = BigInt(`0o${clean.slice(1)}`);
  else v = BigInt(clean);
  return m[1] === '-' ? -v : v;
}

function parseGoFloat(text: string): number | undefined {
  if (!/^[+-]?(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)([eE][+-]?\d[\d_]*)?$/.test(text)) return undefined;
  const f = Number(text.replace(/_/g, ''));
  return Number.isNaN(f) ? undefined : f;
}
