import { describe, expect, it } from 'vitest';
import { naturalCompare } from './natural-compare';

describe('naturalCompare', () => {
  it.each([
    ['worker-2', 'worker-10', -1],
    ['worker-10', 'worker-2', 1],
    ['node-0009', 'node-0010', -1],
    ['web-5d8f-abc', 'web-5d8f-abd', -1],
    ['a', 'a', 0],
    ['a', 'a-1', -1],
    ['x07', 'x7', -1],
    ['x7', 'x07', 1],
    ['app-1-2', 'app-1-10', -1],
    ['b', 'a10', 1],
  ])('%s vs %s → %i', (a, b, sign) => {
    expect(Math.sign(naturalCompare(a, b))).toBe(sign);
  });

  it('is a total order that agrees with a numeric collator on DNS-1123 names', () => {
    const names = ['worker-1', 'worker-10', 'worker-2', 'cp', 'node-0100', 'node-0099', 'web-a', 'web-b1', 'web-b01', 'web-b10'];
    const collator = new Intl.Collator('en', { numeric: true });
    const ours = [...names].sort(naturalCompare);
    expect(ours).toEqual([...names].sort((a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)));
  });
});
