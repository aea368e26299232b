import { describe, expect, it } from 'vitest';
import { parseSetInto } from './strvals';
import { fromGoValue, toGoValue, type GoMap } from './template/value';

function parse(...sets: string[]): unknown {
  const dest: GoMap = {};
  for (const s of sets) {
    const r = parseSetInto(s, dest);
    if (!r.ok) return `ERR: ${r.error}`;
  }
  return dest;
}

describe('--set (strvals)', () => {
  it.each([
    ['simple', ['a=b'], { a: 'b' }],
    ['nested', ['a.b.c=d'], { a: { b: { c: 'd' } } }],
    ['several pairs', ['a=1,b=two'], { a: 1n, b: 'two' }],
    ['typed values', ['t=true,f=FALSE,n=null,z=0,i=42,neg=-3,lead=007,fl=1.5,big=99999999999999999999'], { t: true, f: false, n: null, z: 0n, i: 42n, neg: -3n, lead: '007', fl: '1.5', big: '99999999999999999999' }],
    ['list literal', ['a.b={x,y,3}'], { a: { b: ['x', 'y', 3n] } }],
    ['list literal followed by more', ['l={a,b},c=d'], { l: ['a', 'b'], c: 'd' }],
    ['escaped comma and dot', ['a=x\\,y,b\\.c=d'], { a: 'x,y', 'b.c': 'd' }],
    ['empty value', ['a='], { a: '' }],
    ['index into a list', ['l[0]=a,l[2]=c'], { l: ['a', null, 'c'] }],
    ['list of maps', ['tolerations[0].key=dedicated,tolerations[0].effect=NoSchedule'], { tolerations: [{ key: 'dedicated', effect: 'NoSchedule' }] }],
    ['nested index', ['m[0][1]=x'], { m: [[null, 'x']] }],
    ['later sets win and merge', ['a.b=1', 'a.c=2', 'a.b=3'], { a: { b: 3n, c: 2n } }],
    ['nodeSelector with a dotted key', ['nodeSelector.kubernetes\\.io/os=linux'], { nodeSelector: { 'kubernetes.io/os': 'linux' } }],
  ])('%s', (_n, sets, want) => {
    expect(parse(...sets)).toEqual(toGoValue(want));
  });

  it.each([
    ['key without value', 'a', 'key "a" has no value'],
    ['key ending with comma', 'a,b=c', 'key "a" has no value (cannot end with ,)'],
    ['unterminated list', 'a={x,y', "list must terminate with '}'"],
    ['negative index', 'a[-1]=x', 'negative -1 index not allowed'],
    ['huge index', 'a[70000]=x', 'index of 70000 is greater than maximum supported index of 65536'],
    ['bad index', 'a[x]=1', 'error parsing index: strconv.Atoi: parsing "x": invalid syntax'],
    ['data after index', 'a[0]x=1', 'unexpected data at end of array index: "x"'],
    ['scalar where a map is needed', 'a=1,a.b=2', 'unable to parse key: interface conversion: interface {} is int64, not map[string]interface {}'],
  ])('%s → error', (_n, set, message) => {
    expect(parse(set)).toBe(`ERR: ${message}`);
  });

  it('keeps ints as Go ints (printed without exponent)', () => {
    const dest: GoMap = {};
    parseSetInto('replicas=1000000', dest);
    expect(fromGoValue(dest)).toEqual({ replicas: 1000000 });
    expect(typeof dest['replicas']).toBe('bigint');
  });
});
