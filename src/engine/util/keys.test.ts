import { describe, expect, it } from 'vitest';
import { namespacedKey } from './keys';

describe('namespacedKey', () => {
  it.each([
    ['default', 'web-1', 'default/web-1'],
    ['kube-system', 'coredns-5d78c9869d-abcde', 'kube-system/coredns-5d78c9869d-abcde'],
    ['a', '', 'a/'],
  ])('%s + %s → %s', (ns, name, want) => {
    expect(namespacedKey(ns, name)).toBe(want);
  });

  it('hands out one shared string per object, also for a name built anew', () => {
    const first = namespacedKey('default', 'web-7d9f8c6b5-x2x4q');
    const again = namespacedKey('default', ['web-7d9f8c6b5', 'x2x4q'].join('-'));
    expect(again).toBe(first);
    expect(namespacedKey('other', 'web-7d9f8c6b5-x2x4q')).toBe('other/web-7d9f8c6b5-x2x4q');
  });

  it('stays correct past its bound (the cache is dropped and refilled)', () => {
    let wrong = 0;
    for (let i = 0; i < 70_000; i++) if (namespacedKey('bulk', `p${i}`) !== `bulk/p${i}`) wrong++;
    expect(wrong).toBe(0);
    expect(namespacedKey('default', 'web-1')).toBe('default/web-1');
  });
});
