import { describe, expect, it } from 'vitest';
import type { TrafficRecord } from '../../protocol/records';
import { edgeLabel, endpointMap, MAX_INNODE_ROWS, MAX_PARTICLES, particleCount, strokeWidth, TRAFFIC_KINDS, trafficEdges } from './traffic-model';

function rec(kind: TrafficRecord['kind'], from: string, to: string, fromLabel: string, toLabel: string, rate: number, failRate = 0, reason: string | null = null): TrafficRecord {
  return { key: `${kind}|${from}|${to}|${fromLabel}|${toLabel}`, kind, from, to, fromLabel, toLabel, rate, failRate, reason };
}

const ALL = new Set(TRAFFIC_KINDS);
const map = endpointMap(['cp-1'], false);

describe('particleCount', () => {
  it.each([[0, 0], [-3, 0], [Number.NaN, 0], [0.1, 1], [1, 2], [10, 6], [100, 11], [1e6, MAX_PARTICLES]])('rate %s → %s particles', (rate, n) => {
    expect(particleCount(rate)).toBe(n);
  });

  it('never decreases as the rate grows', () => {
    let last = 0;
    for (let r = 0; r < 5000; r += 7) {
      const n = particleCount(r);
      expect(n).toBeGreaterThanOrEqual(last);
      last = n;
    }
  });

  it('widens strokes with the rate, within bounds', () => {
    expect(strokeWidth(0)).toBe(1);
    expect(strokeWidth(1)).toBeLessThan(strokeWidth(100));
    expect(strokeWidth(1e9)).toBeLessThanOrEqual(6.5);
  });
});

describe('trafficEdges', () => {
  it('adds records between the same two nodes into one edge per kind, busiest pair first', () => {
    const edges = trafficEdges([rec('request', 'node/w1', 'node/w2', 'web', 'api', 2), rec('request', 'node/w1', 'node/w2', 'web', 'db', 5)], map, ALL);
    expect(edges).toHaveLength(1);
    expect(edges[0]).toMatchObject({ source: 'node/w1', target: 'node/w2', data: { rate: 7, row: -1, pairs: ['web → db', 'web → api'] } });
    expect(edges[0]!.data.label).toBe('Requests node w1 → node w2: web → db; web → api, 7/s');
  });

  it('keeps in-node flows as rows of their node, control planes by their group id', () => {
    const edges = trafficEdges([rec('span', 'node/w1', 'node/w1', 'web', 'agent', 12), rec('denied', 'node/cp-1', 'node/cp-1', 'frontend', 'postgres', 1, 1, 'denied by ns/p')], map, ALL);
    const denied = edges.find((e) => e.data.kind === 'denied')!;
    expect(denied).toMatchObject({ source: 'cp/cp-1', target: 'cp/cp-1', data: { row: 0 } });
    expect(denied.data.label).toBe('Denied node cp-1: frontend → postgres, 1/s failed (denied by ns/p)');
    expect(edges.find((e) => e.data.kind === 'span')!.data.label).toBe('Spans node w1: web → agent, 12/s');
  });

  it('leaves hidden kinds and unknown endpoints out', () => {
    const edges = trafficEdges([rec('export', 'node/w1', 'backend', 'agent', 'B', 3), rec('request', 'users', 'node/w1', 'u', 'web', 3), rec('request', 'mars', 'node/w1', 'x', 'y', 1)], map, new Set(['request'] as const));
    expect(edges.map((e) => [e.source, e.target])).toEqual([['traffic/users', 'node/w1']]);
  });

  it('animates only the busiest edges and caps rows per node', () => {
    const recs = Array.from({ length: 30 }, (_, i) => rec('request', 'node/a', `node/b${i}`, 'x', 'y', i + 1));
    for (let i = 0; i < 10; i++) recs.push(rec('request', 'node/z', 'node/z', `p${i}`, 'q', i + 1));
    const edges = trafficEdges(recs, map, ALL, '', 5);
    expect(edges.filter((e) => e.data.animate)).toHaveLength(5);
    expect(Math.min(...edges.filter((e) => e.data.animate).map((e) => e.data.rate))).toBeGreaterThanOrEqual(26);
    expect(edges.filter((e) => e.source === 'node/z')).toHaveLength(MAX_INNODE_ROWS);
  });

  it('names pooled workers and the backend', () => {
    const pooled = endpointMap([], true);
    const edges = trafficEdges([rec('export', 'node/w9', 'backend', 'agent', 'Splunk Observability Cloud', 4)], pooled, ALL, 'Splunk Observability Cloud');
    expect(edges[0]!.data.label).toBe('Exports worker nodes → Splunk Observability Cloud: agent → Splunk Observability Cloud, 4/s');
    expect(edgeLabel('span', 'node/w1', 'node/w1', [], 0.5, 0.5, 'no agent on the node')).toBe('Spans node w1, 0.5/s, 0.5/s failed (no agent on the node)');
  });
});
