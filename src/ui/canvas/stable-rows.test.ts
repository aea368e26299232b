import { describe, expect, it } from 'vitest';
import { NO_ROWS, settleRows } from './stable-rows';

const W = ['w1', 'w2'];
const CP = ['cp1'];

describe('settleRows', () => {
  const held = settleRows(NO_ROWS, W, CP, true, [3, 3, 1]);

  it('takes the needed rows for a new topology', () => {
    expect(held.rows).toEqual([3, 3, 1]);
  });

  it.each([
    ['unchanged', [3, 3, 1], [3, 3, 1]],
    ['grows at once', [4, 3, 1], [4, 3, 1]],
    ['keeps a row that has just emptied', [3, 2, 1], [3, 3, 1]],
    ['shrinks once two rows stand empty', [3, 1, 1], [3, 1, 1]],
  ])('%s', (_name, needed, want) => {
    expect(settleRows(held, W, CP, true, needed).rows).toEqual(want);
  });

  it('returns the same object when nothing changes (safe to keep in state)', () => {
    expect(settleRows(held, W, CP, true, [3, 2, 1])).toBe(held);
  });

  it('starts over when the topology or the density changes', () => {
    expect(settleRows(held, ['w1', 'w2'], CP, true, [1, 1, 1]).rows).toEqual([1, 1, 1]);
    expect(settleRows(held, W, CP, false, [1, 1, 1]).rows).toEqual([1, 1, 1]);
  });
});
