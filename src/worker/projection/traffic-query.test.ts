import { describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario';
import { traceReply, tracesReply } from './traffic-query';

describe('trace queries on the splunk-otel-helm scenario', () => {
  const { runner } = loadScenario('splunk-otel-helm', (c, cmd) => c.run(cmd, 'step'));
  runner.runUntil(200_000);
  const traffic = runner.cluster.traffic;

  it('lists recent traces newest first, with their services and span counts', () => {
    const reply = tracesReply(traffic);
    if (reply.kind !== 'traces') throw new Error(reply.kind);
    expect(reply.traces.length).toBeGreaterThan(0);
    expect(reply.traces.length).toBeLessThanOrEqual(50);
    for (let i = 1; i < reply.traces.length; i++) expect(reply.traces[i - 1]!.startMs).toBeGreaterThanOrEqual(reply.traces[i]!.startMs);
    const t = reply.traces[0]!;
    expect(t.rootName).toMatch(/^cxtm-web: /);
    expect(t.spanCount).toBeGreaterThanOrEqual(3);
  });

  it('gives a trace’s spans with pod and node once the agents tag them, and null for an unknown id', () => {
    const list = tracesReply(traffic);
    if (list.kind !== 'traces') throw new Error(list.kind);
    const wide = list.traces.find((t) => t.services.length >= 3);
    expect(wide).toBeDefined();
    const reply = traceReply(traffic, wide!.traceId);
    if (reply.kind !== 'trace') throw new Error(reply.kind);
    const spans = reply.trace!.spans;
    expect(new Set(spans.map((s) => s.service)).size).toBeGreaterThanOrEqual(3);
    expect(spans.filter((s) => s.parentSpanId === '')).toHaveLength(1);
    expect(spans.every((s) => s.pod !== '' && s.node.startsWith('worker-'))).toBe(true);
    expect(traceReply(traffic, 'f'.repeat(32))).toEqual({ kind: 'trace', id: 'f'.repeat(32), trace: null });
    expect(tracesReply(undefined)).toEqual({ kind: 'traces', traces: [] });
  });
});
