import { FuncError } from '../errors';
import { cloneValue, goTypeName, isMap, mapDelete, mapGet, mapHas, mapSet, sortedKeys, truth, type GoList, type GoMap, type GoValue } from '../value';
import { deepEqualValues, strval } from './convert';
import { def, type GoFunc } from './types';

/** sprig's list and dict functions (list.go, dict.go). */

const MAX_LIST = 1_000_000;

function asList(v: GoValue | undefined, fn: string): GoList | null {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v;
  throw new FuncError(`Cannot ${fn} on type ${goTypeName(v)}`);
}

function asMap(v: GoValue | undefined): GoMap {
  return isMap(v) ? v : {};
}

function str(v: GoValue | undefined): string {
  return typeof v === 'string' ? v : '';
}

function until(start: bigint, stop: bigint, step: bigint): GoList {
  if (step === 0n) return [];
  const count = (stop - start) / step + ((stop - start) % step === 0n ? 0n : 1n);
  if (count > BigInt(MAX_LIST)) throw new FuncError(`until: ${count} elements is more than the ${MAX_LIST} allowed`);
  const out: GoList = [];
  if (step > 0n) for (let i = start; i < stop; i += step) out.push(i);
  else for (let i = start; i > stop; i += step) out.push(i);
  return out;
}

function dict(args: GoValue[]): GoMap {
  const out: GoMap = {};
  for (let i = 0; i < args.length; i += 2) mapSet(out, strval(args[i] ?? null), i + 1 < args.length ? (args[i + 1] ?? null) : '');
  return out;
}

function uniq(list: GoList): GoList {
  const out: GoList = [];
  for (const v of list) if (!out.some((o) => deepEqualValues(o, v))) out.push(v);
  return out;
}

/** mergo.Merge: fills keys missing (or empty) in dst; nested maps merge recursively. */
function mergeInto(dst: GoMap, src: GoMap, overwrite: boolean, depth = 0): GoMap {
  if (depth > 100) throw new FuncError('merge: maps nested too deeply');
  for (const k of Object.keys(src)) {
    const s = src[k] ?? null;
    const d = mapGet(dst, k);
    if (isMap(s) && isMap(d)) mergeInto(d, s, overwrite, depth + 1);
    else if (d === undefined || !truth(d) || overwrite) mapSet(dst, k, cloneValue(s));
  }
  return dst;
}

function dig(args: GoValue[]): GoValue {
  if (args.length < 3) throw new FuncError('dig needs at least three arguments');
  const dictArg = args[args.length - 1] ?? null;
  const fallback = args[args.length - 2] ?? null;
  let cur: GoValue = dictArg;
  for (const k of args.slice(0, -2)) {
    if (!isMap(cur)) return fallback;
    const next = mapGet(cur, str(k));
    if (next === undefined) return fallback;
    cur = next;
  }
  return cur;
}

const LIST_FUNCS: [string, GoFunc][] = [
  ['list', def([], (args) => [...args], 'any')],
  ['first', def(['any'], ([l]) => asList(l, 'find first')?.[0] ?? null)],
  ['last', def(['any'], ([l]) => { const a = asList(l, 'find last'); return a?.[a.length - 1] ?? null; })],
  ['rest', def(['any'], ([l]) => asList(l, 'find rest')?.slice(1) ?? null)],
  ['initial', def(['any'], ([l]) => asList(l, 'find initial')?.slice(0, -1) ?? null)],
  ['append', def(['any', 'any'], ([l, v]) => [...(asList(l, 'push') ?? []), v ?? null])],
  ['push', def(['any', 'any'], ([l, v]) => [...(asList(l, 'push') ?? []), v ?? null])],
  ['prepend', def(['any', 'any'], ([l, v]) => [v ?? null, ...(asList(l, 'prepend') ?? [])])],
  ['concat', def([], (lists) => lists.flatMap((l) => asList(l, 'concat') ?? []), 'any')],
  ['uniq', def(['any'], ([l]) => uniq(asList(l, 'uniq') ?? []))],
  ['without', def(['any'], ([l, ...omit]) => (asList(l, 'without') ?? []).filter((v) => !omit.some((o) => deepEqualValues(o, v))), 'any')],
  ['has', def(['any', 'any'], ([needle, hay]) => (hay === null || hay === undefined ? false : (asList(hay, 'has') ?? []).some((v) => deepEqualValues(v, needle ?? null))))],
  ['compact', def(['any'], ([l]) => (asList(l, 'compact') ?? []).filter((v) => truth(v)))],
  ['reverse', def(['any'], ([l]) => [...(asList(l, 'reverse') ?? [])].reverse())],
  ['until', def(['int'], ([n]) => { const c = typeof n === 'bigint' ? n : 0n; return until(0n, c, c < 0n ? -1n : 1n); })],
  ['untilStep', def(['int', 'int', 'int'], ([a, b, c]) => until(typeof a === 'bigint' ? a : 0n, typeof b === 'bigint' ? b : 0n, typeof c === 'bigint' ? c : 0n))],
];

const DICT_FUNCS: [string, GoFunc][] = [
  ['dict', def([], dict, 'any')],
  ['get', def(['map', 'string'], ([d, k]) => mapGet(asMap(d), str(k)) ?? '')],
  ['set', def(['map', 'string', 'any'], ([d, k, v]) => { const m = asMap(d); mapSet(m, str(k), v ?? null); return m; })],
  ['unset', def(['map', 'string'], ([d, k]) => { const m = asMap(d); mapDelete(m, str(k)); return m; })],
  ['hasKey', def(['map', 'string'], ([d, k]) => mapHas(asMap(d), str(k)))],
  ['keys', def([], (ds) => ds.flatMap((d) => sortedKeys(asMap(d))), 'map')],
  ['values', def(['map'], ([d]) => { const m = asMap(d); return sortedKeys(m).map((k) => m[k] ?? null); })],
  ['pluck', def(['string'], ([k, ...ds]) => ds.filter((d) => mapHas(asMap(d), str(k))).map((d) => mapGet(asMap(d), str(k)) ?? null), 'map')],
  ['pick', def(['map'], ([d, ...ks]) => { const m = asMap(d); const out: GoMap = {}; for (const k of ks) if (mapHas(m, str(k))) mapSet(out, str(k), mapGet(m, str(k)) ?? null); return out; }, 'string')],
  ['omit', def(['map'], ([d, ...ks]) => { const m = asMap(d); const out: GoMap = {}; for (const k of Object.keys(m)) if (!ks.includes(k)) mapSet(out, k, m[k] ?? null); return out; }, 'string')],
  ['merge', def(['map'], ([d, ...srcs]) => srcs.reduce<GoMap>((acc, s) => mergeInto(acc, asMap(s), false), asMap(d)), 'map')],
  ['mergeOverwrite', def(['map'], ([d, ...srcs]) => srcs.reduce<GoMap>((acc, s) => mergeInto(acc, asMap(s), true), asMap(d)), 'map')],
  ['deepCopy', def(['any'], ([v]) => cloneValue(v ?? null))],
  ['dig', def([], dig, 'any')],
];

export const COLLECTION_FUNCS: ReadonlyMap<string, GoFunc> = new Map([...LIST_FUNCS, ...DICT_FUNCS]);
