import { describe, expect, it } from 'vitest';
import { syntheticTraffic } from './synthetic-traffic';

describe('syntheticTraffic', () => {
  const names = Array.from({ length: 40 }, (_, i) => `node-${i}`);

  it('makes the requested number of distinct edges between different nodes', () => {
    const { traffic } = syntheticTraffic(names, 200);
    expect(traffic).toHaveLength(200);
    expect(new Set(traffic.map((r) => `${r.from}>${r.to}`)).size).toBe(200);
    expect(traffic.every((r) => r.from !== r.to && r.rate > 0 && r.failRate <= r.rate)).toBe(true);
  });

  it.each([[[], 10, 0], [['only'], 10, 0], [['a', 'b'], 10, 2]] as const)('is bounded by the node pairs (%j, %i → %i)', (nodes, count, n) => {
    expect(syntheticTraffic(nodes, count).traffic).toHaveLength(n);
  });
});
