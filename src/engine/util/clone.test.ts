import { describe, expect, it } from 'vitest';
import { withKey } from './clone';

interface Spec {
  a?: number;
  b?: string;
  nodeName?: string;
  gone?: boolean;
}

describe('withKey', () => {
  it.each<[string, Spec, keyof Spec, Spec[keyof Spec], (keyof Spec)[] | undefined, Spec]>([
    ['appends a new key last', { a: 1, b: 'x' }, 'nodeName', 'n1', undefined, { a: 1, b: 'x', nodeName: 'n1' }],
    ['keeps a present key in place', { nodeName: 'old', a: 1 }, 'nodeName', 'n2', undefined, { nodeName: 'n2', a: 1 }],
    ['leaves out the omitted key', { a: 1, gone: true, b: 'y' }, 'nodeName', 'n3', ['gone'], { a: 1, b: 'y', nodeName: 'n3' }],
    ['copies undefined-valued keys as a spread does', { a: undefined, b: 'z' }, 'b', 'w', undefined, { a: undefined, b: 'w' }],
  ])('%s', (_name, src, key, value, omit, want) => {
    const before = { ...src };
    const got = withKey(src, key, value as never, omit?.[0]);
    // Same keys in the same order as `{ ...src, [key]: value }` followed by `delete omit`.
    const spread: Record<string, unknown> = { ...src, [key]: value };
    if (omit) delete spread[omit[0]!];
    expect(Object.keys(got)).toEqual(Object.keys(spread));
    expect(got).toEqual(want);
    expect(got).not.toBe(src);
    expect(src).toEqual(before);
  });
});
