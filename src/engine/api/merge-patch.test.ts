import { describe, expect, it } from 'vitest';
import { mergePatch } from './merge-patch';

/** Values a patch replaces come out as JSON.parse(JSON.stringify(value)) would make them. */
const viaJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v)) as unknown;

describe('mergePatch copies replaced values as JSON does', () => {
  it.each<[string, unknown]>([
    ['numbers, strings and booleans', [1, 'a', true, null]],
    ['non-finite numbers', [Number.NaN, Number.POSITIVE_INFINITY, -0]],
    ['undefined items and values', [1, undefined, { a: undefined, b: [null] }]],
    ['nested conditions', [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }, { type: 'DiskPressure', status: 'False' }]],
    ['objects with toJSON', [new Date(5), { d: new Date(0) }]],
    ['a parsed __proto__ key', [JSON.parse('{"__proto__": {"a": 1}, "b": 2}') as unknown]],
    ['integer-like keys', [{ 2: 'a', 1: 'b', k: 'c' }]],
  ])('%s', (_case, value) => {
    const out = mergePatch({ keep: 1 }, { value }) as { keep: number; value: unknown };
    expect(JSON.stringify(out.value)).toBe(JSON.stringify(viaJson(value)));
    expect(out.value).toEqual(viaJson(value));
    expect(out.keep).toBe(1);
  });

  it('does not share the patch arrays with the result', () => {
    const conditions = [{ type: 'Ready', status: 'True' }];
    const out = mergePatch({}, { conditions }) as { conditions: { type: string }[] };
    expect(out.conditions).not.toBe(conditions);
    expect(out.conditions[0]).not.toBe(conditions[0]);
  });
});

describe('mergePatch key order', () => {
  it.each([
    ['replaces in place, appends new keys in patch order', { a: 1, b: 2, c: 3 }, { z: 9, b: 5, y: 8 }, ['a', 'b', 'c', 'z', 'y']],
    ['drops nulled keys without moving the rest', { a: 1, b: 2, c: 3 }, { b: null, d: 4 }, ['a', 'c', 'd']],
    ['ignores a null for a key that is not there', { a: 1 }, { q: null }, ['a']],
  ])('%s', (_name, target, patch, keys) => {
    const spread: Record<string, unknown> = { ...target };
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete spread[k];
      else spread[k] = v;
    }
    const got = mergePatch(target, patch) as Record<string, unknown>;
    expect(Object.keys(got)).toEqual(keys);
    expect(Object.keys(got)).toEqual(Object.keys(spread));
    expect(got).toEqual(spread);
  });
});
