import { describe, expect, it } from 'vitest';
import { labelValueErrors, qualifiedNameErrors, validateLabels } from './meta';

describe('qualifiedNameErrors', () => {
  it.each<[string, unknown[]]>([
    ['app', []],
    ['app.kubernetes.io/name', []],
    ['pod-template-hash', []],
    ['', ['name part must be non-empty', expect.stringContaining('name part must consist of')]],
    ['/name', ['prefix part must be non-empty']],
    ['a/b/c', [expect.stringContaining('with an optional DNS subdomain prefix')]],
    ['Example.com/name', [expect.stringContaining('prefix part a lowercase RFC 1123 subdomain')]],
    ['x'.repeat(64), ['name part must be no more than 63 characters']],
    ['-bad', [expect.stringContaining('name part must consist of')]],
  ])('%j', (value, want) => {
    expect(qualifiedNameErrors(value)).toEqual(want);
  });
});

describe('labelValueErrors', () => {
  it.each<[string, number]>([
    ['', 0],
    ['v1.2_x', 0],
    ['x'.repeat(64), 1],
    ['-x', 1],
    ['a b', 1],
  ])('%j → %i reasons', (value, n) => {
    expect(labelValueErrors(value)).toHaveLength(n);
  });
});

describe('validateLabels', () => {
  it('reports only the invalid entries, in key order, and nothing for valid ones', () => {
    const errs = validateLabels({ app: 'web', 'bad key': 'v', tier: 'a b', n: 3 }, 'metadata.labels');
    expect(errs.map((e) => [e.field, e.value])).toEqual([
      ['metadata.labels', 'bad key'],
      ['metadata.labels', 'a b'],
      ['metadata.labels', 3],
    ]);
    expect(validateLabels({ app: 'web', 'app.kubernetes.io/name': 'x' }, 'p')).toEqual([]);
  });
});
