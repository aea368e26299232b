import type { TrafficStack } from '../../engine/traffic';
import type { Span, Trace } from '../../engine/traffic';
import type { ReplyBody } from '../../protocol/messages';
import { TRACES_LISTED, type TraceDetail, type TraceSpan, type TraceSummary } from '../../protocol/traffic';

/** Answers to the traces panel: the engine's sampled traces, as plain records. */

function serviceOf(s: Span): string {
  return s.resource['service.name'] ?? String(s.attributes['service.name'] ?? 'unknown');
}

export function traceSummary(t: Trace): TraceSummary {
  const root = t.spans.find((s) => s.parentSpanId === '') ?? t.spans[0];
  const service = root ? serviceOf(root) : '';
  return {
    traceId: t.traceId, rootName: root ? `${service}: ${root.name}` : t.rootName, service, startMs: t.startMs,
    durationMs: t.durationMs, spanCount: t.spans.length, services: [...t.services], error: t.error,
  };
}

export function traceSpan(s: Span): TraceSpan {
  return {
    spanId: s.spanId, parentSpanId: s.parentSpanId, name: s.name, kind: s.kind, service: serviceOf(s),
    namespace: s.resource['k8s.namespace.name'] ?? String(s.attributes['k8s.namespace.name'] ?? ''),
    pod: s.resource['k8s.pod.name'] ?? String(s.attributes['k8s.pod.name'] ?? ''),
    node: s.resource['k8s.node.name'] ?? String(s.attributes['k8s.node.name'] ?? ''),
    startMs: s.startMs, durationMs: s.durationMs, error: s.status.code === 'ERROR', statusMessage: s.status.message ?? '', delivery: s.delivery,
  };
}

export function tracesReply(traffic: TrafficStack | undefined): ReplyBody {
  const traces = traffic ? traffic.recentTraces(TRACES_LISTED) : [];
  // Newest first: the ring is in bucket order, and traces within a bucket start anywhere in it.
  return { kind: 'traces', traces: traces.map(traceSummary).sort((a, b) => b.startMs - a.startMs || (a.traceId < b.traceId ? -1 : 1)) };
}

export function traceReply(traffic: TrafficStack | undefined, id: string): ReplyBody {
  const t = traffic?.trace(id);
  const trace: TraceDetail | null = t ? { ...traceSummary(t), spans: t.spans.map(traceSpan) } : null;
  return { kind: 'trace', id, trace };
}
