import { describe, expect, it } from 'vitest';
import type { FlowBucket, FlowEdge } from '../../engine/traffic';
import { EMPTY_TALLY } from '../../engine/traffic/flows';
import { aggregateTraffic, type Place, type TrafficResolver } from './traffic-aggregate';

const NODE_OF: Record<string, [string, string]> = {
  'pod/shop/web-1': ['node/w1', 'web'],
  'pod/shop/web-2': ['node/w2', 'web'],
  'pod/shop/api-1': ['node/w2', 'api'],
  'pod/shop/db-1': ['node/w3', 'db'],
  // The projection's resolver labels a node's collector agent AGENT_LABEL, whatever its workload.
  'pod/obs/agent-w1': ['node/w1', 'agent'],
  'pod/obs/otel-collector-1': ['node/w3', 'otel-collector'],
  'ip/10.0.3.7': ['node/w3', 'otel-collector'],
};

function resolver(over: Partial<TrafficResolver> = {}): TrafficResolver {
  return {
    place: (id): Place | undefined => {
      if (id.startsWith('user/')) return { endpoint: 'users', label: id.slice(5) };
      if (id.startsWith('backend/')) return { endpoint: 'backend', label: 'Backend' };
      const p = NODE_OF[id];
      return p ? { endpoint: p[0], label: p[1] } : undefined;
    },
    denial: () => undefined,
    spanDropReason: () => 'no agent on the node',
    requestFailureReason: () => 'no ready endpoints',
    exportFailureReason: () => null,
    ...over,
  };
}

function edge(kind: FlowEdge['kind'], from: string, to: string, ok: number, failed = 0): FlowEdge {
  return { kind, from, to, ok, failed, bytes: 0 };
}

function bucket(edges: FlowEdge[], seq = 0): FlowBucket {
  return { seq, startMs: seq * 1000, endMs: seq * 1000 + 1000, edges, tally: EMPTY_TALLY };
}

describe('aggregateTraffic', () => {
  it('spreads a caller over the pods its Service delivered to, per canvas edge', () => {
    const recs = aggregateTraffic([bucket([
      edge('request', 'user/browser', 'svc/shop/web', 10),
      edge('request', 'svc/shop/web', 'pod/shop/web-1', 6),
      edge('request', 'svc/shop/web', 'pod/shop/web-2', 4),
    ])], resolver());
    expect(recs.map((r) => [r.kind, r.from, r.to, r.fromLabel, r.toLabel, r.rate])).toEqual([
      ['request', 'users', 'node/w1', 'browser', 'web', 6],
      ['request', 'users', 'node/w2', 'browser', 'web', 4],
    ]);
  });

  it('adds pod pairs that share canvas endpoints and workloads into one record', () => {
    const recs = aggregateTraffic([bucket([
      edge('span', 'pod/shop/web-1', 'pod/obs/agent-w1', 5),
      edge('span', 'pod/shop/web-1', 'pod/obs/agent-w1', 7),
    ])], resolver());
    expect(recs).toHaveLength(1);
    expect(recs[0]).toMatchObject({ kind: 'span', from: 'node/w1', to: 'node/w1', toLabel: 'agent', rate: 12 });
  });

  it.each([
    ['rates are per second over the whole window', [bucket([edge('export', 'pod/obs/agent-w1', 'backend/x', 30)], 0), bucket([edge('export', 'pod/obs/agent-w1', 'backend/x', 10)], 1)], 20, 0, null],
    ['dropped spans stay on their node with the reason', [bucket([edge('span', 'pod/shop/web-2', 'agent/w2', 0, 8)])], 8, 8, 'no agent on the node'],
    ['a Service that answered nowhere fails at the caller', [bucket([edge('request', 'pod/shop/web-1', 'svc/shop/api', 0, 3)])], 3, 3, 'no ready endpoints'],
  ] as const)('%s', (_name, buckets, rate, failRate, reason) => {
    const [rec] = aggregateTraffic(buckets, resolver());
    expect(rec).toMatchObject({ rate, failRate, reason });
  });

  it('spans to a collector named by Service cross to its node; the ones that found none fail at the sender', () => {
    const recs = aggregateTraffic([bucket([
      edge('span', 'pod/shop/web-1', 'pod/obs/otel-collector-1', 9),
      edge('span', 'pod/shop/web-2', 'ip/10.0.3.7', 0, 4),
      edge('span', 'pod/shop/api-1', 'svc/obs/otel-collector', 0, 3),
      edge('span', 'pod/shop/db-1', 'host/collector.nowhere', 0, 2),
      edge('span', 'pod/shop/db-1', 'endpoint/ftp://collector:21', 0, 1),
      edge('export', 'pod/obs/otel-collector-1', 'backend/x', 9),
    ])], resolver());
    expect(recs.map((r) => [r.kind, r.from, r.to, `${r.fromLabel} → ${r.toLabel}`, r.failRate, r.reason])).toEqual([
      ['export', 'node/w3', 'backend', 'otel-collector → Backend', 0, null],
      ['span', 'node/w1', 'node/w3', 'web → otel-collector', 0, null],
      ['span', 'node/w2', 'node/w2', 'api → otel-collector', 3, 'collector unreachable: no ready endpoint'],
      ['span', 'node/w2', 'node/w3', 'web → otel-collector', 4, 'collector unreachable: its node is down'],
      ['span', 'node/w3', 'node/w3', 'db → collector.nowhere', 2, 'collector unreachable: nothing answers at that address'],
      ['span', 'node/w3', 'node/w3', 'db → ftp://collector:21', 1, 'not a valid OTLP endpoint'],
    ]);
  });

  it('marks calls a NetworkPolicy drops as denied, and leaves allowed callers alone', () => {
    const recs = aggregateTraffic([bucket([
      edge('request', 'pod/shop/web-1', 'svc/shop/db', 0, 2),
      edge('request', 'pod/shop/api-1', 'svc/shop/db', 20),
      edge('request', 'svc/shop/db', 'pod/shop/db-1', 20, 2),
    ])], resolver({ denial: (caller) => (caller === 'pod/shop/web-1' ? 'denied by shop/db-allow-api' : undefined) }));
    const denied = recs.find((r) => r.kind === 'denied');
    expect(denied).toMatchObject({ from: 'node/w1', to: 'node/w3', fromLabel: 'web', toLabel: 'db', rate: 2, failRate: 2, reason: 'denied by shop/db-allow-api' });
    expect(recs.find((r) => r.fromLabel === 'api')).toMatchObject({ kind: 'request', rate: 20, failRate: 0, reason: null });
  });

  it('keeps a destination’s failures on the edge to it (an endpoint on a dead node)', () => {
    NODE_OF['ip/10.0.2.9'] = ['node/w2', 'web'];
    const recs = aggregateTraffic([bucket([
      edge('request', 'user/browser', 'svc/shop/web', 6, 4),
      edge('request', 'svc/shop/web', 'pod/shop/web-1', 6),
      edge('request', 'svc/shop/web', 'ip/10.0.2.9', 0, 4),
    ])], resolver({ requestFailureReason: () => 'timeout (node down)' }));
    expect(recs.map((r) => [r.to, r.rate, r.failRate, r.reason])).toEqual([
      ['node/w1', 6, 0, null],
      ['node/w2', 4, 4, 'timeout (node down)'],
    ]);
  });

  it('forgets pods that are gone and edges without traffic', () => {
    const recs = aggregateTraffic([bucket([edge('request', 'pod/shop/gone', 'svc/shop/web', 5), edge('request', 'user/x', 'pod/shop/web-1', 0)])], resolver());
    expect(recs).toEqual([]);
  });

  it('keeps at most the limit, failures and busiest first', () => {
    const edges: FlowEdge[] = [];
    for (let i = 0; i < 50; i++) {
      NODE_OF[`pod/x/p${i}`] = [`node/n${i}`, `w${i}`];
      edges.push(edge('span', `pod/x/p${i}`, `agent/n${i}`, i, i === 3 ? 1 : 0));
    }
    const recs = aggregateTraffic([bucket(edges)], resolver(), 10);
    expect(recs).toHaveLength(10);
    expect(recs.some((r) => r.fromLabel === 'w3')).toBe(true);
    expect(recs.filter((r) => r.fromLabel !== 'w3').every((r) => r.rate >= 41)).toBe(true);
  });
});
