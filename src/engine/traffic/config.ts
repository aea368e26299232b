/**
 * What a scenario says about traffic: where requests enter (an Ingress host + path, or a
 * Service), how many per second, and how each Service behaves (latency, error rate, the
 * Services it calls per request). Plus the trace pipeline's knobs. Decoded from untrusted
 * input with a path in every error message.
 */

export type TrafficTarget =
  | { readonly kind: 'Ingress'; readonly host: string; readonly path: string; readonly ingressClassName?: string }
  | { readonly kind: 'Service'; readonly namespace: string; readonly name: string; readonly port: number };

export interface TrafficEntry {
  /** Who sends: shown as `user/<name>` on the canvas. */
  readonly name: string;
  readonly ratePerSecond: number;
  readonly target: TrafficTarget;
  readonly bytesPerRequest: number;
}

export interface TrafficCall {
  readonly namespace: string;
  readonly service: string;
  readonly port: number;
  /** Mean calls per handled request (0.5 = every other request). */
  readonly perRequest: number;
  readonly path: string;
}

export interface ServiceBehaviour {
  readonly namespace: string;
  readonly service: string;
  readonly latencyMs: number;
  /** Probability that a request fails in this service itself (HTTP 500). */
  readonly errorRate: number;
  readonly calls: readonly TrafficCall[];
  /** Force instrumentation on (else decided from the pods: OTEL env, operator annotation). */
  readonly instrumented?: boolean;
  /** Span name of the server span (default `GET <path>`). */
  readonly operation?: string;
}

export type BackendConfig = { readonly kind: 'splunk'; readonly realm: string } | { readonly kind: 'generic'; readonly endpoint: string };

export interface OtelSettings {
  /** One request in N becomes a sampled trace for the waterfall. */
  readonly traceSampleEvery: number;
  readonly maxTraces: number;
  readonly maxTracesPerBucket: number;
  /** exporterhelper sending_queue size, in batches. */
  readonly exporterQueueBatches: number;
  /** retry_on_failure max_elapsed_time: a queued batch older than this is dropped. */
  readonly retryMaxElapsedMs: number;
  readonly clusterName?: string;
  /** Overrides what the agents' ConfigMap says. */
  readonly backend?: BackendConfig;
}

export interface TrafficConfig {
  readonly bucketMs: number;
  readonly ringBuckets: number;
  readonly entries: readonly TrafficEntry[];
  readonly services: readonly ServiceBehaviour[];
  readonly otel: OtelSettings;
}

export const DEFAULT_OTEL: OtelSettings = {
  traceSampleEvery: 100,
  maxTraces: 200,
  maxTracesPerBucket: 3,
  exporterQueueBatches: 1000,
  retryMaxElapsedMs: 300_000,
};

export const TRAFFIC_LIMITS = { entries: 100, services: 200, calls: 20, rate: 1_000_000, latencyMs: 60_000, ringBuckets: 3600, perRequest: 100 } as const;

export function behaviourKey(namespace: string, service: string): string {
  return `${namespace}/${service}`;
}

export function emptyTrafficConfig(): TrafficConfig {
  return { bucketMs: 1000, ringBuckets: 120, entries: [], services: [], otel: DEFAULT_OTEL };
}
