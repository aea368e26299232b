import { describe, expect, it } from 'vitest';
import { EdgeAccumulator, FlowRing, type FlowBucket } from './flows';

describe('flow buckets', () => {
  it('accumulates per edge and drops empty edges, sorted by kind, from, to', () => {
    const acc = new EdgeAccumulator();
    acc.add('span', 'pod/a/x', 'pod/otel/agent-1', 10, 0, 3500);
    acc.add('request', 'user/u', 'svc/a/web', 5, 1);
    acc.add('request', 'user/u', 'svc/a/web', 2, 0);
    acc.edge('request', 'svc/a/web', 'pod/a/idle');
    expect(acc.finish()).toEqual([
      { kind: 'request', from: 'user/u', to: 'svc/a/web', ok: 7, failed: 1, bytes: 0 },
      { kind: 'span', from: 'pod/a/x', to: 'pod/otel/agent-1', ok: 10, failed: 0, bytes: 3500 },
    ]);
  });

  it('keeps a bounded ring, cumulative totals, and tells subscribers', () => {
    const ring = new FlowRing(3);
    const seen: FlowBucket[] = [];
    const off = ring.subscribe((b) => seen.push(b));
    for (let i = 0; i < 5; i++) ring.push(i * 1000, (i + 1) * 1000, [{ kind: 'request', from: 'a', to: 'b', ok: i, failed: 1, bytes: 0 }]);
    expect(ring.recent().map((b) => b.seq)).toEqual([2, 3, 4]);
    expect(ring.recent(1)[0]!.startMs).toBe(4000);
    expect(ring.total('request', 'a', 'b')).toEqual({ ok: 10, failed: 5 });
    expect(seen).toHaveLength(5);
    off();
    ring.push(5000, 6000, []);
    expect(seen).toHaveLength(5);
    ring.resize(1);
    expect(ring.recent().map((b) => b.seq)).toEqual([5]);
  });
});
