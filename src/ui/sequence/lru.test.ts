import { describe, expect, it } from 'vitest';
import { Lru } from './lru';

describe('Lru', () => {
  it('drops the least recently used entry past its capacity', () => {
    const l = new Lru<string, number>(2);
    l.set('a', 1);
    l.set('b', 2);
    expect(l.get('a')).toBe(1);
    l.set('c', 3);
    expect([l.get('a'), l.get('b'), l.get('c'), l.size]).toEqual([1, undefined, 3, 2]);
  });

  it('replaces a value without growing', () => {
    const l = new Lru<string, number>(2);
    l.set('a', 1);
    l.set('a', 2);
    expect([l.get('a'), l.size]).toEqual([2, 1]);
  });
});
