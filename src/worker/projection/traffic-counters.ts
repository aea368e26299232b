import type { TrafficCounters } from '../../engine/traffic';
import type { TrafficTotalsRecord } from '../../protocol/records';

/** Rates are taken over at least this much simulated time. */
const WINDOW_MS = 3000;
const KEEP = 16;

interface Sample {
  atMs: number;
  failed: number;
  dropped: number;
  failures: Record<string, number>;
  droppedBy: Record<string, number>;
}

export interface CounterDelta {
  failedPerSec: number;
  droppedPerSec: number;
  /** Dominant request failure in the window other than NetworkPolicy denials. */
  requestReason: string | null;
  exportReason: string | null;
}

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

function sample(atMs: number, c: Readonly<TrafficCounters>): Sample {
  return { atMs, failed: c.requests.failed, dropped: c.spans.dropped, failures: { ...c.failures }, droppedBy: { ...c.spans.droppedBy } };
}

/** Recent counter samples, so cumulative counters become per-second rates over a window. */
export class CounterWindow {
  private readonly samples: Sample[] = [];

  push(atMs: number, c: Readonly<TrafficCounters>): CounterDelta {
    const now = sample(atMs, c);
    this.samples.push(now);
    if (this.samples.length > KEEP) this.samples.shift();
    let ref = this.samples[0]!;
    for (const s of this.samples) if (s.atMs <= atMs - WINDOW_MS) ref = s;
    const secs = Math.max(1, now.atMs - ref.atMs) / 1000;
    let requestReason: string | null = null;
    let best = 0;
    for (const [k, v] of Object.entries(now.failures)) {
      const d = v - (ref.failures[k] ?? 0);
      if (k !== 'denied' && d > best) {
        best = d;
        requestReason = REQUEST_REASON[k] ?? k;
      }
    }
    const queueFull = (now.droppedBy['queue-full'] ?? 0) - (ref.droppedBy['queue-full'] ?? 0);
    const expired = (now.droppedBy['retry-expired'] ?? 0) - (ref.droppedBy['retry-expired'] ?? 0);
    return {
      failedPerSec: ref === now ? 0 : round1((now.failed - ref.failed) / secs),
      droppedPerSec: ref === now ? 0 : round1((now.dropped - ref.dropped) / secs),
      requestReason,
      exportReason: queueFull > 0 ? 'exporter queue full' : expired > 0 ? 'retries expired' : null,
    };
  }

  totals(c: Readonly<TrafficCounters>, d: CounterDelta, backend: string, backendReachable: boolean): TrafficTotalsRecord {
    const droppedBy: Record<string, number> = {};
    for (const [k, v] of Object.entries(c.spans.droppedBy)) if (v > 0) droppedBy[k] = v;
    return {
      key: 'totals', requests: c.requests.total, failedRequests: c.requests.failed, failedPerSec: d.failedPerSec,
      spansGenerated: c.spans.generated, spansExported: c.spans.exported, spansDropped: c.spans.dropped, droppedPerSec: d.droppedPerSec,
      droppedBy, backend, backendReachable,
    };
  }
}

/** `backend/splunk-observability-cloud` → `Splunk Observability Cloud`. */
export function backendLabel(id: string): string {
  const slug = id.slice(id.indexOf('/') + 1);
  if (slug === 'splunk-observability-cloud') return 'Splunk Observability Cloud';
  const words = slug.split('-').filter(Boolean);
  return words.map((w, i) => (i === 0 ? w[0]!.toUpperCase() + w.slice(1) : w)).join(' ') || 'Observability backend';
}
