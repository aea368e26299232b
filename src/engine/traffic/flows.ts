/**
 * Traffic aggregated per edge per time bucket: what the canvas animates (particle rate from
 * throughput, red for failures). Edge endpoints are ids: `user/<entry>`, `pod/<ns>/<name>`,
 * `svc/<ns>/<name>`, `ip/<ip>` (an endpoint whose node is gone), `agent/<node>` (a node
 * without a collector agent), `host/<host>` (a collector name nothing answers for),
 * `endpoint/<text>` (an OTLP endpoint that is not a URL), `backend/<name>`.
 */

export type FlowKind = 'request' | 'span' | 'export';

export interface FlowEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: FlowKind;
  ok: number;
  failed: number;
  bytes: number;
}

/** What went wrong within one bucket (the counters' increments, nonzero reasons only). */
export interface BucketTally {
  readonly failed: number;
  readonly failures: Readonly<Record<string, number>>;
  readonly dropped: number;
  readonly droppedBy: Readonly<Record<string, number>>;
}

export const EMPTY_TALLY: BucketTally = Object.freeze({ failed: 0, failures: Object.freeze({}), dropped: 0, droppedBy: Object.freeze({}) });

export interface FlowBucket {
  readonly seq: number;
  readonly startMs: number;
  readonly endMs: number;
  /** Sorted by kind, from, to. */
  readonly edges: readonly FlowEdge[];
  readonly tally: BucketTally;
}

export function podId(namespace: string, name: string): string {
  return `pod/${namespace}/${name}`;
}

export function svcId(namespace: string, name: string): string {
  return `svc/${namespace}/${name}`;
}

/** Collects one bucket's edges. */
export class EdgeAccumulator {
  private readonly edges = new Map<string, FlowEdge>();

  edge(kind: FlowKind, from: string, to: string): FlowEdge {
    const key = `${kind}|${from}|${to}`;
    let e = this.edges.get(key);
    if (!e) this.edges.set(key, (e = { from, to, kind, ok: 0, failed: 0, bytes: 0 }));
    return e;
  }

  add(kind: FlowKind, from: string, to: string, ok: number, failed: number, bytes = 0): FlowEdge {
    const e = this.edge(kind, from, to);
    e.ok += ok;
    e.failed += failed;
    e.bytes += bytes;
    return e;
  }

  finish(): FlowEdge[] {
    return [...this.edges.entries()]
      .filter(([, e]) => e.ok > 0 || e.failed > 0)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([, e]) => e);
  }
}

export type FlowListener = (bucket: FlowBucket) => void;

/** A bounded ring of recent buckets, plus cumulative totals per edge, and listeners. */
export class FlowRing {
  private readonly ring: FlowBucket[] = [];
  private readonly listeners = new Set<FlowListener>();
  private readonly totals = new Map<string, { ok: number; failed: number }>();
  private seq = 0;

  constructor(
    private capacity: number,
    /** Cap on remembered edges (pods come and go); the oldest entries are forgotten first. */
    private readonly maxTotals = 20_000,
  ) {}

  resize(capacity: number): void {
    this.capacity = Math.max(1, capacity);
    if (this.ring.length > this.capacity) this.ring.splice(0, this.ring.length - this.capacity);
  }

  push(startMs: number, endMs: number, edges: readonly FlowEdge[], tally: BucketTally = EMPTY_TALLY): FlowBucket {
    const bucket: FlowBucket = { seq: this.seq++, startMs, endMs, edges, tally };
    this.ring.push(bucket);
    if (this.ring.length > this.capacity) this.ring.shift();
    for (const e of edges) {
      const key = `${e.kind}|${e.from}|${e.to}`;
      const t = this.totals.get(key);
      if (t) {
        t.ok += e.ok;
        t.failed += e.failed;
      } else {
        this.totals.set(key, { ok: e.ok, failed: e.failed });
        if (this.totals.size > this.maxTotals) this.totals.delete(this.totals.keys().next().value!);
      }
    }
    for (const l of this.listeners) l(bucket);
    return bucket;
  }

  recent(count = this.capacity): FlowBucket[] {
    return this.ring.slice(Math.max(0, this.ring.length - count));
  }

  /** Cumulative ok / failed per edge key `kind|from|to`. */
  total(kind: FlowKind, from: string, to: string): { ok: number; failed: number } {
    return this.totals.get(`${kind}|${from}|${to}`) ?? { ok: 0, failed: 0 };
  }

  subscribe(listener: FlowListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
