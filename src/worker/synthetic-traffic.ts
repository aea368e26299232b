import type { TrafficKind, TrafficRecord, TrafficTotalsRecord } from '../protocol/records';

/**
 * Traffic records for the U3-flows benchmark: `count` distinct edges between the synthetic
 * cluster's worker nodes (each node to its next few neighbours), with rates spread from a
 * trickle to a few hundred per second so the particle counts vary. Deterministic.
 */

export const MAX_SYNTHETIC_TRAFFIC = 2000;
const KINDS: readonly TrafficKind[] = ['request', 'request', 'span', 'export'];

export function syntheticTraffic(nodeNames: readonly string[], count: number): { traffic: TrafficRecord[]; totals: TrafficTotalsRecord } {
  const traffic: TrafficRecord[] = [];
  const n = nodeNames.length;
  const want = n > 1 ? Math.min(count, MAX_SYNTHETIC_TRAFFIC, n * (n - 1)) : 0;
  for (let i = 0; i < want; i++) {
    const from = nodeNames[i % n]!;
    const to = nodeNames[(i + 1 + Math.floor(i / n)) % n]!;
    const kind = KINDS[i % KINDS.length]!;
    const rate = Math.round(((i * 37) % 300) + 1);
    const failRate = i % 9 === 0 ? Math.round(rate / 4) : 0;
    const key = `${kind}|node/${from}|node/${to}|app-${i % 10}|app-${(i + 3) % 10}`;
    traffic.push({ key, kind, from: `node/${from}`, to: `node/${to}`, fromLabel: `app-${i % 10}`, toLabel: `app-${(i + 3) % 10}`, rate, failRate, reason: failRate > 0 ? 'connection refused' : null });
  }
  const totals: TrafficTotalsRecord = {
    key: 'totals', requests: 1000, failedRequests: 10, failedPerSec: 1, spansGenerated: 1000, spansExported: 990, spansDropped: 10,
    droppedPerSec: 0.5, droppedBy: { 'no-agent': 10 }, backend: '', backendReachable: true,
  };
  return { traffic, totals };
}
