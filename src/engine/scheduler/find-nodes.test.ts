import { describe, expect, it } from 'vitest';
import { numFeasibleNodesToFind } from './find-nodes';
import { makeNode, makePod } from './testing/builders';
import { Fixture } from './testing/fixture';

describe('numFeasibleNodesToFind (adaptive percentageOfNodesToScore)', () => {
  it.each([
    [0, 0, 0],
    [0, 50, 50],
    [0, 99, 99],
    [0, 100, 100],
    [0, 200, 100],
    [0, 1000, 420],
    [0, 5000, 500],
    [0, 6000, 300],
    [0, 15_000, 750],
    [30, 1000, 300],
    [100, 1000, 1000],
    [1, 1000, 100],
  ])('percentage %i of %i nodes → %i', (pct, nodes, want) => {
    expect(numFeasibleNodesToFind(pct, nodes)).toBe(want);
  });

  it('stops filtering once enough feasible nodes are found', () => {
    const f = new Fixture();
    for (let i = 0; i < 1000; i++) f.nodes(makeNode(`n${i}`));
    const { outcome } = f.filter(makePod('p'));
    expect(outcome.feasible).toHaveLength(420);
    expect(outcome.processed).toBe(420);
  });
});
