/** Cumulative counters: what failed where and why, and what happened to spans. */

export const RequestFailure = {
  /** No Running ingress controller pod for the entry's class. */
  NoIngressController: 'no-ingress-controller',
  /** The controller had no rule for host + path (404). */
  NoRoute: 'no-route',
  /** The Service had no ready endpoints (REJECT, connection refused). */
  NoEndpoints: 'no-endpoints',
  /** Packets went nowhere: dead node, DROP rule, endpoint gone. */
  Timeout: 'timeout',
  /** The endpoint's pod is not running (RST). */
  Refused: 'refused',
  /** A NetworkPolicy dropped it. */
  Denied: 'denied',
  /** The caller could not resolve the Service name (no reachable CoreDNS). */
  Dns: 'dns',
  /** The service itself answered with an error. */
  Error: 'error',
} as const;
export type RequestFailure = (typeof RequestFailure)[keyof typeof RequestFailure];

export const SpanDrop = {
  /** No collector agent pod on the span's node. */
  NoAgent: 'no-agent',
  /** The node's agent pod exists but is not Running and Ready. */
  AgentDown: 'agent-down',
  /** The exporter's sending queue was full while the backend was unreachable. */
  QueueFull: 'queue-full',
  /** A queued batch kept failing past retry_on_failure's max elapsed time. */
  RetryExpired: 'retry-expired',
  /** The agent died with batches still in memory. */
  AgentLost: 'agent-lost',
  /**
   * The SDK could not reach the collector its endpoint names: the name does not resolve (or
   * CoreDNS is unreachable), the Service has no ready endpoints, the chosen endpoint's node is
   * dead, nothing listens, or a NetworkPolicy drops the connection.
   */
  CollectorUnreachable: 'collector-unreachable',
  /** A collector reached by name (not a node's agent) died with batches still in memory. */
  CollectorLost: 'collector-lost',
} as const;
export type SpanDrop = (typeof SpanDrop)[keyof typeof SpanDrop];

export interface TrafficCounters {
  requests: { total: number; ok: number; failed: number };
  /** Failures where they originated, one count per failed hop. */
  failures: Record<RequestFailure, number>;
  /** Denied connections by the policies that isolate the destination (or source). */
  denials: Record<string, number>;
  spans: {
    generated: number;
    received: number;
    exported: number;
    dropped: number;
    droppedBy: Record<SpanDrop, number>;
    /** Batches waiting in exporter queues right now. */
    queuedBatches: number;
    /** Spans in the agents' memory right now (batching or queued): generated = exported + dropped + buffered. */
    buffered: number;
  };
}

function zeroes<K extends string>(keys: Record<string, K>): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const k of Object.values(keys)) out[k] = 0;
  return out;
}

export function emptyCounters(): TrafficCounters {
  return {
    requests: { total: 0, ok: 0, failed: 0 },
    failures: zeroes(RequestFailure),
    denials: {},
    spans: { generated: 0, received: 0, exported: 0, dropped: 0, droppedBy: zeroes(SpanDrop), queuedBatches: 0, buffered: 0 },
  };
}

export function countDrop(c: TrafficCounters, why: SpanDrop, spans: number): void {
  if (spans <= 0) return;
  c.spans.dropped += spans;
  c.spans.droppedBy[why] += spans;
}
