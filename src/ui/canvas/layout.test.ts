import { describe, expect, it } from 'vitest';
import { COMPACT_NODES, COMPACT_PODS, columnsFor, isCompact, layout, workerHeight, type LayoutInput } from './layout';

const input = (workers: number, pods: number, compact: boolean): LayoutInput => ({
  compact, controlPlanes: ['cp'], registry: false, pending: 0,
  workers: Array.from({ length: workers }, (_, i) => ({ name: `w${i}`, pods })),
});

describe('layout', () => {
  it.each([
    [3, 9, false],
    [COMPACT_NODES, 2, false],
    [COMPACT_NODES + 1, 0, true],
    [10, COMPACT_PODS, false],
    [10, COMPACT_PODS + 1, true],
  ])('%i nodes / %i pods → compact %s', (nodes, pods, want) => {
    expect(isCompact(nodes, pods)).toBe(want);
  });

  it.each([
    [1, false, 1],
    [4, false, 4],
    [20, false, 6],
    [100, true, 15],
  ])('%i nodes (compact %s) → %i columns', (n, compact, cols) => {
    expect(columnsFor(n, compact)).toBe(cols);
  });

  it('never overlaps worker boxes, in small and compact grids', () => {
    for (const [n, pods, compact] of [[3, 3, false], [40, 7, false], [100, 30, true]] as const) {
      const boxes = [...layout(input(n, pods, compact)).entries()].filter(([id]) => id.startsWith('node/')).map(([, b]) => b);
      expect(boxes).toHaveLength(n);
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!;
          const b = boxes[j]!;
          const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
          expect(overlap).toBe(false);
        }
      }
    }
  });

  it('grows a node by one row of pods at a time', () => {
    expect(workerHeight(10, true)).toBe(workerHeight(1, true));
    expect(workerHeight(11, true)).toBeGreaterThan(workerHeight(10, true));
    expect(workerHeight(2, false)).toBeLessThan(workerHeight(3, false));
  });
});
