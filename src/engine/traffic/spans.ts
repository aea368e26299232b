import type { Pod } from '../api/types';
import type { Rng } from '../sim/rng';
import { SIM_EPOCH_MS } from '../sim/time';
import { imageParts } from './otel';

/** OpenTelemetry span and trace records, shaped like OTLP (ids in lower-case hex). */

export type SpanKind = 'SERVER' | 'CLIENT' | 'INTERNAL' | 'PRODUCER' | 'CONSUMER';
export type StatusCode = 'UNSET' | 'OK' | 'ERROR';
/** What became of the span: at the backend, waiting in an exporter queue, or lost. */
export type Delivery = 'exported' | 'queued' | 'dropped';

export type AttributeValue = string | number | boolean;

export interface Span {
  readonly traceId: string;
  readonly spanId: string;
  /** '' for the root span. */
  readonly parentSpanId: string;
  readonly name: string;
  readonly kind: SpanKind;
  /** Unix nanoseconds as decimal strings (they exceed 2^53). */
  readonly startTimeUnixNano: string;
  readonly endTimeUnixNano: string;
  /** Simulated milliseconds, for the waterfall. */
  readonly startMs: number;
  readonly durationMs: number;
  readonly status: { readonly code: StatusCode; readonly message?: string };
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  /** service.name, the SDK's attributes, and the k8s.* ones the agent's k8s_attributes adds. */
  readonly resource: Readonly<Record<string, string>>;
  readonly delivery: Delivery;
}

export interface Trace {
  readonly traceId: string;
  /** The traffic entry that sent the request. */
  readonly entry: string;
  readonly rootName: string;
  readonly startMs: number;
  readonly durationMs: number;
  /** Distinct service.name values, sorted. */
  readonly services: readonly string[];
  readonly error: boolean;
  readonly spans: readonly Span[];
}

function hexWords(rng: Rng, words: number): string {
  let s = '';
  for (let i = 0; i < words; i++) s += rng.nextUint32().toString(16).padStart(8, '0');
  return s;
}

/** 16 random bytes, never all zero (an all-zero trace id is invalid). */
export function newTraceId(rng: Rng): string {
  const id = hexWords(rng, 4);
  return /^0+$/.test(id) ? `${id.slice(0, 31)}1` : id;
}

export function newSpanId(rng: Rng): string {
  const id = hexWords(rng, 2);
  return /^0+$/.test(id) ? `${id.slice(0, 15)}1` : id;
}

/** Simulated ms (fractional) → unix nanoseconds. */
export function unixNano(simMs: number): string {
  return (BigInt(SIM_EPOCH_MS) * 1_000_000n + BigInt(Math.round(simMs * 1_000_000))).toString();
}

/** The W3C header a client sends with the call a span describes. */
export function traceparent(traceId: string, spanId: string, sampled = true): string {
  return `00-${traceId}-${spanId}-${sampled ? '01' : '00'}`;
}

/**
 * Resource attributes as the backend sees them: the SDK's own, and — when the span went
 * through an agent — what k8s_attributes associates with the sending pod.
 */
export function spanResource(pod: Pod, serviceName: string, viaAgent: boolean, clusterName: string | undefined): Record<string, string> {
  const res: Record<string, string> = { 'service.name': serviceName, 'telemetry.sdk.name': 'opentelemetry' };
  if (!viaAgent) return res;
  const c = pod.spec.containers[0];
  const image = imageParts(c?.image ?? '');
  const containerId = pod.status?.containerStatuses?.[0]?.containerID?.replace(/^[a-z]+:\/\//, '');
  Object.assign(res, {
    'k8s.namespace.name': pod.metadata.namespace ?? 'default',
    'k8s.pod.name': pod.metadata.name,
    'k8s.pod.uid': pod.metadata.uid ?? '',
    'k8s.node.name': pod.spec.nodeName ?? '',
    'container.image.name': image.name,
    'container.image.tag': image.tag,
  });
  if (containerId) res['container.id'] = containerId;
  if (clusterName) res['k8s.cluster.name'] = clusterName;
  return res;
}
