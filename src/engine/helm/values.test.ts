import { describe, expect, it } from 'vitest';
import { toGoValue } from './template/value';
import { coalesceValues, mergeMaps, mergeUserValues } from './values';

describe('user values: -f files then --set', () => {
  it('merges files in order, maps deeply, then applies --set', () => {
    const r = mergeUserValues({
      files: [
        { name: 'a.yaml', text: 'image:\n  repository: nginx\n  tag: "1.0"\nreplicaCount: 2\nlist: [1, 2]\n' },
        { name: 'b.yaml', text: 'image:\n  tag: "2.0"\nlist: [3]\n' },
      ],
      sets: ['replicaCount=5', 'image.pullPolicy=Always'],
    });
    expect(r).toEqual({ ok: true, values: toGoValue({ image: { repository: 'nginx', tag: '2.0', pullPolicy: 'Always' }, replicaCount: 5n, list: [3] }) });
  });

  it('--set-string comes after --set and keeps every value a string', () => {
    const r = mergeUserValues({ files: [{ name: 'a.yaml', text: 'replicaCount: 2\n' }], sets: ['replicaCount=3', 'debug=true'], setStrings: ['replicaCount=4', 'tags={1,true}', 'zone=007'] });
    expect(r).toEqual({ ok: true, values: toGoValue({ replicaCount: '4', debug: true, tags: ['1', 'true'], zone: '007' }) });
    expect(mergeUserValues({ setStrings: ['a={x'] })).toEqual({ ok: false, error: "failed parsing --set-string data: list must terminate with '}'" });
  });

  it.each([
    ['bad YAML names the file and line', [{ name: 'bad.yaml', text: 'a: [\n' }], [], 'failed to parse bad.yaml: error converting YAML to JSON: yaml: line 2: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['a list is not a values file', [{ name: 'l.yaml', text: '- a\n' }], [], 'failed to parse l.yaml: error unmarshaling JSON: json: cannot unmarshal array into Go value of type map[string]interface {}'],
    ['bad --set', [], ['a'], 'failed parsing --set data: key "a" has no value'],
  ])('%s', (_n, files, sets, error) => {
    expect(mergeUserValues({ files, sets })).toEqual({ ok: false, error });
  });

  it('values files read YAML 1.1 (yes/on are booleans, even as keys) and numbers as float64', () => {
    const r = mergeUserValues({ files: [{ name: 'v.yaml', text: 'enabled: yes\ncount: 3\non: x\n' }] });
    expect(r).toEqual({ ok: true, values: { enabled: true, count: 3, true: 'x' } });
  });

  it('mergeMaps replaces non-map values', () => {
    expect(mergeMaps(toGoValue({ a: { b: 1 }, c: 1 }) as never, toGoValue({ a: 'x', c: { d: 1 } }) as never)).toEqual({ a: 'x', c: { d: 1 } });
  });
});

describe('coalesce with chart defaults', () => {
  const defaults = toGoValue({ a: 1, nested: { keep: true, drop: 'x', deep: { z: 1 } }, list: [1, 2], table: { k: 'v' } });

  it.each([
    ['user values win, defaults fill in', { a: 2, nested: { keep: false } }, { a: 2, nested: { keep: false, drop: 'x', deep: { z: 1 } }, list: [1, 2], table: { k: 'v' } }],
    ['null deletes a default key', { nested: { drop: null }, a: null }, { nested: { keep: true, deep: { z: 1 } }, list: [1, 2], table: { k: 'v' } }],
    ['lists are replaced, not merged', { list: [9] }, { a: 1, nested: { keep: true, drop: 'x', deep: { z: 1 } }, list: [9], table: { k: 'v' } }],
    ['null for a key without default stays', { extra: null }, { a: 1, nested: { keep: true, drop: 'x', deep: { z: 1 } }, list: [1, 2], table: { k: 'v' }, extra: null }],
  ])('%s', (_n, user, want) => {
    expect(coalesceValues(defaults as never, toGoValue(user) as never).values).toEqual(toGoValue(want));
  });

  it('warns when a scalar replaces a table, and keeps the scalar', () => {
    const r = coalesceValues(defaults as never, toGoValue({ table: 'flat' }) as never);
    expect(r.values['table']).toBe('flat');
    expect(r.warnings).toEqual(['warning: cannot overwrite table with non table for table (map[…])']);
  });

  it('does not modify its inputs', () => {
    const user = toGoValue({ nested: { drop: null } });
    coalesceValues(defaults as never, user as never);
    expect(user).toEqual({ nested: { drop: null } });
    expect(defaults).toEqual(toGoValue({ a: 1, nested: { keep: true, drop: 'x', deep: { z: 1 } }, list: [1, 2], table: { k: 'v' } }));
  });
});
