import { describe, expect, it } from 'vitest';
import { COMPACT_NODES, COMPACT_PODS, CP_GROUP, columnsFor, controlPlaneHeight, isCompact, layout, workerHeight, type Box, type LayoutInput } from './layout';

const input = (workers: number, pods: number, compact: boolean, cpPods: readonly number[] = [0]): LayoutInput => ({
  compact, controlPlanes: cpPods.map((n, i) => ({ name: `cp${i}`, pods: n })), registry: false, pending: 0,
  workers: Array.from({ length: workers }, (_, i) => ({ name: `w${i}`, pods })),
});

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

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
          expect(overlaps(boxes[i]!, boxes[j]!)).toBe(false);
        }
      }
    }
  });

  it('grows a node by one row of pods at a time', () => {
    expect(workerHeight(10, true)).toBe(workerHeight(1, true));
    expect(workerHeight(11, true)).toBeGreaterThan(workerHeight(10, true));
    expect(workerHeight(2, false)).toBeLessThan(workerHeight(3, false));
  });

  it('keeps a control plane without pods at its component-only size', () => {
    expect(controlPlaneHeight(0, false)).toBe(CP_GROUP.height);
    expect(layout(input(3, 3, false)).get('cp/cp0')).toMatchObject({ y: 0, width: CP_GROUP.width, height: CP_GROUP.height });
  });

  it('grows a control plane that runs pods by one row of three chips (or 24 squares) at a time', () => {
    expect(controlPlaneHeight(1, false)).toBeGreaterThan(CP_GROUP.height);
    expect(controlPlaneHeight(3, false)).toBe(controlPlaneHeight(1, false));
    expect(controlPlaneHeight(4, false)).toBeGreaterThan(controlPlaneHeight(3, false));
    expect(controlPlaneHeight(24, true)).toBe(controlPlaneHeight(1, true));
    expect(controlPlaneHeight(25, true)).toBeGreaterThan(controlPlaneHeight(24, true));
  });

  it.each([
    ['k3s: one server with its workloads, no workers', 0, [10]],
    ['one control plane with pods over three workers', 3, [4]],
    ['three control planes, one of them busy', 3, [2, 12, 0]],
    ['three control planes over a compact grid', 60, [30, 0, 5]],
  ] as const)('%s: no box overlaps another and workers sit below every control plane', (_name, workers, cpPods) => {
    const compact = workers > 50;
    const boxes = layout(input(workers, 4, compact, cpPods));
    const all = [...boxes.entries()];
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) expect(overlaps(all[i]![1], all[j]![1]), `${all[i]![0]} / ${all[j]![0]}`).toBe(false);
    }
    const cpBottom = Math.max(...all.filter(([id]) => id.startsWith('cp/')).map(([, b]) => b.y + b.height));
    expect(cpBottom).toBe(Math.max(...cpPods.map((n) => controlPlaneHeight(n, compact))));
    for (const [id, b] of all) if (id.startsWith('node/')) expect(b.y, id).toBeGreaterThanOrEqual(cpBottom + 40);
  });
});
