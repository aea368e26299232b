/**
 * Traces as the page's traces panel shows them: a list of recent traces and, on request, one
 * trace's spans for the waterfall. Plain data derived from the engine's OTLP-shaped spans.
 */

export interface TraceSummary {
  traceId: string;
  /** `service: operation` of the root span. */
  rootName: string;
  service: string;
  /** Simulated ms when the trace started (engine clock), and how long it took. */
  startMs: number;
  durationMs: number;
  spanCount: number;
  services: string[];
  error: boolean;
}

export interface TraceSpan {
  spanId: string;
  /** '' for the root span. */
  parentSpanId: string;
  name: string;
  kind: string;
  service: string;
  namespace: string;
  pod: string;
  node: string;
  startMs: number;
  durationMs: number;
  error: boolean;
  statusMessage: string;
  /** exported, queued or dropped (the waterfall still shows what the sampler kept). */
  delivery: string;
}

export interface TraceDetail extends TraceSummary {
  spans: TraceSpan[];
}

/** Newest traces listed by the panel. */
export const TRACES_LISTED = 50;
