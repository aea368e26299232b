import type { FlowBucket, TrafficCounters } from '../../engine/traffic';
import type { TrafficTotalsRecord } from '../../protocol/records';

export interface CounterDelta {
  failedPerSec: number;
  droppedPerSec: number;
  /** Dominant request failure in the window other than NetworkPolicy denials. */
  requestReason: string | null;
  exportReason: string | null;
}

/** In the engine's order of causes (ties go to the first); NetworkPolicy denials are shown apart. */
const REQUEST_REASON: Record<string, string> = {
  'no-ingress-controller': 'no ingress controller running',
  'no-route': 'no ingress rule (404)',
  'no-endpoints': 'no ready endpoints',
  timeout: 'timeout (node down)',
  refused: 'connection refused',
  dns: 'name not resolved',
  error: 'application error',
};

const round1 = (n: number): number => Math.round(n * 10) / 10;

/**
 * Rates over the buckets given (the same window the edges are drawn from): what failed and
 * was dropped within those buckets, per second of simulated time they cover. Taken from the
 * buckets, not from frame-to-frame counters, so that they mean the same at every speed.
 */
export function windowDelta(buckets: readonly FlowBucket[]): CounterDelta {
  let ms = 0;
  let failed = 0;
  let dropped = 0;
  const failures: Record<string, number> = {};
  let queueFull = 0;
  let expired = 0;
  for (const b of buckets) {
    ms += Math.max(1, b.endMs - b.startMs);
    failed += b.tally.failed;
    dropped += b.tally.dropped;
    for (const [k, v] of Object.entries(b.tally.failures)) failures[k] = (failures[k] ?? 0) + v;
    queueFull += b.tally.droppedBy['queue-full'] ?? 0;
    expired += b.tally.droppedBy['retry-expired'] ?? 0;
  }
  let requestReason: string | null = null;
  let best = 0;
  for (const [k, reason] of Object.entries(REQUEST_REASON)) {
    const v = failures[k] ?? 0;
    if (v > best) {
      best = v;
      requestReason = reason;
    }
  }
  const secs = Math.max(1, ms) / 1000;
  return {
    failedPerSec: round1(failed / secs),
    droppedPerSec: round1(dropped / secs),
    requestReason,
    exportReason: queueFull > 0 ? 'exporter queue full' : expired > 0 ? 'retries expired' : null,
  };
}

/** The totals record: cumulative counters and the window's rates. */
export function trafficTotals(c: Readonly<TrafficCounters>, d: CounterDelta, backend: string, backendReachable: boolean): TrafficTotalsRecord {
  const droppedBy: Record<string, number> = {};
  for (const [k, v] of Object.entries(c.spans.droppedBy)) if (v > 0) droppedBy[k] = v;
  return {
    key: 'totals', requests: c.requests.total, failedRequests: c.requests.failed, failedPerSec: d.failedPerSec,
    spansGenerated: c.spans.generated, spansExported: c.spans.exported, spansDropped: c.spans.dropped, droppedPerSec: d.droppedPerSec,
    droppedBy, backend, backendReachable,
  };
}

/** `backend/splunk-observability-cloud` → `Splunk Observability Cloud`. */
export function backendLabel(id: string): string {
  const slug = id.slice(id.indexOf('/') + 1);
  if (slug === 'splunk-observability-cloud') return 'Splunk Observability Cloud';
  const words = slug.split('-').filter(Boolean);
  return words.map((w, i) => (i === 0 ? w[0]!.toUpperCase() + w.slice(1) : w)).join(' ') || 'Observability backend';
}
