import type { FlowBucket, FlowEdge } from '../../engine/traffic';
import type { TrafficKind, TrafficRecord } from '../../protocol/records';

/**
 * The engine's flow buckets (per pod and Service, per bucket) folded onto canvas edges: one
 * record per canvas endpoint pair and workload pair. Services are not drawn, so a caller's
 * calls to a Service are spread over the pods the Service delivered to in the same bucket,
 * in proportion to what each received (kube-proxy splits uniformly, so this is what
 * happened on average). Pure: the engine's world is reached through `TrafficResolver`.
 */

/** Where an engine flow id sits on the canvas. */
export interface Place {
  /** `users`, `backend`, `node/<name>`. */
  endpoint: string;
  /** Workload (AGENT_LABEL for a node's collector agent), traffic entry, or the backend's name. */
  label: string;
}

export interface TrafficResolver {
  /** `pod/<ns>/<name>`, `user/<entry>`, `backend/<name>`; undefined when the pod is gone. */
  place(id: string): Place | undefined;
  /** Policies denying `caller` (a pod id) → `dest` (a pod id) on the Service's port; undefined when allowed. */
  denial(caller: string, service: string, dest: string): string | undefined;
  /** Why spans from a pod on `node` were dropped at the node (no agent, agent down). */
  spanDropReason(node: string): string;
  /** The dominant reason of request failures that are not NetworkPolicy denials (global, per bucket window). */
  requestFailureReason(): string | null;
  /** Why exports failed (backend unreachable, queue full). */
  exportFailureReason(): string | null;
}

/** How a node's collector agent is labelled on the canvas (other collectors go by their workload). */
export const AGENT_LABEL = 'agent';

/** Records kept at most: the busiest edges win (failures first). */
export const MAX_TRAFFIC_RECORDS = 400;

interface Tally {
  kind: TrafficKind;
  from: Place;
  to: Place;
  ok: number;
  failed: number;
  reason: string | null;
}

class Tallies {
  readonly map = new Map<string, Tally>();

  add(kind: TrafficKind, from: Place, to: Place, ok: number, failed: number, reason: string | null): void {
    if (ok <= 0 && failed <= 0) return;
    const key = `${kind}|${from.endpoint}|${to.endpoint}|${from.label}|${to.label}`;
    let t = this.map.get(key);
    if (!t) this.map.set(key, (t = { kind, from, to, ok: 0, failed: 0, reason: null }));
    t.ok += ok;
    t.failed += failed;
    if (failed > 0 && reason) t.reason = reason;
  }
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** Folds `buckets` (the window the rates are taken over) into at most `limit` records. */
export function aggregateTraffic(buckets: readonly FlowBucket[], r: TrafficResolver, limit = MAX_TRAFFIC_RECORDS): TrafficRecord[] {
  if (buckets.length === 0) return [];
  const seconds = buckets.reduce((s, b) => s + Math.max(1, b.endMs - b.startMs), 0) / 1000;
  const t = new Tallies();
  const places = new Map<string, Place | undefined>();
  const place = (id: string): Place | undefined => {
    if (!places.has(id)) places.set(id, r.place(id));
    return places.get(id);
  };
  for (const b of buckets) foldBucket(b.edges, t, place, r);
  const recs = [...t.map.entries()].map(([key, x]): TrafficRecord => ({
    key, kind: x.kind, from: x.from.endpoint, to: x.to.endpoint, fromLabel: x.from.label, toLabel: x.to.label,
    rate: round1((x.ok + x.failed) / seconds), failRate: round1(x.failed / seconds), reason: x.failed > 0 ? x.reason : null,
  })).filter((x) => x.rate > 0);
  if (recs.length <= limit) return recs.sort(byKey);
  // Over the cap: failures first (they are what the user looks for), then the busiest.
  return recs.sort((a, b) => b.failRate - a.failRate || b.rate - a.rate || byKey(a, b)).slice(0, limit).sort(byKey);
}

function byKey(a: TrafficRecord, b: TrafficRecord): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

interface Dest {
  to: string;
  n: number;
  failed: number;
}

function foldBucket(edges: readonly FlowEdge[], t: Tallies, place: (id: string) => Place | undefined, r: TrafficResolver): void {
  // Where each Service delivered this bucket (pods, or endpoints whose pod could not answer),
  // and who called it.
  const delivered = new Map<string, Dest[]>();
  const callers = new Map<string, FlowEdge[]>();
  for (const e of edges) {
    if (e.kind !== 'request') continue;
    const [map, key] = e.from.startsWith('svc/') ? [delivered, e.from] : e.to.startsWith('svc/') ? [callers, e.to] : [undefined, ''];
    if (!map) continue;
    let list = map.get(key);
    if (!list) map.set(key, (list = []));
    if (map === delivered) (list as Dest[]).push({ to: e.to, n: e.ok + e.failed, failed: e.failed });
    else (list as FlowEdge[]).push(e);
  }
  for (const e of edges) {
    if (e.kind === 'request') {
      if (!e.from.startsWith('svc/') && !e.to.startsWith('svc/')) foldDirect(e, t, place, r);
    } else if (e.kind === 'span') foldSpan(e, t, place, r);
    else {
      const from = place(e.from);
      const to = place(e.to);
      if (from && to) t.add('export', from, to, e.ok, e.failed, r.exportFailureReason());
    }
  }
  for (const [svc, list] of callers) foldService(svc, list, delivered.get(svc) ?? [], t, place, r);
}

/** Straight to a pod (user → ingress controller), or nowhere (no controller for the host). */
function foldDirect(e: FlowEdge, t: Tallies, place: (id: string) => Place | undefined, r: TrafficResolver): void {
  const from = place(e.from);
  if (!from) return;
  const to = place(e.to) ?? { endpoint: from.endpoint, label: e.to.replace(/^[a-z]+\//, '') };
  t.add('request', from, to, e.ok, e.failed, r.requestFailureReason());
}

/**
 * Callers of one Service spread over the endpoints it delivered to, in proportion to what
 * each endpoint received. A destination's failures (a dead node, a refusing pod) stay on the
 * edges to it; calls a NetworkPolicy denies are the caller's own (and are taken out of the
 * destination's failures, so allowed callers are not charged with them).
 */
function foldService(svc: string, calls: readonly FlowEdge[], dests: readonly Dest[], t: Tallies, place: (id: string) => Place | undefined, r: TrafficResolver): void {
  const total = dests.reduce((s, d) => s + d.n, 0);
  const rows: { from: Place; to: Place; n: number; d: Dest; denied?: string }[] = [];
  for (const c of calls) {
    const from = place(c.from);
    if (!from) continue;
    const attempts = c.ok + c.failed;
    if (total === 0) {
      // Nothing answered (no endpoints, no DNS): the failure stays at the caller.
      t.add('request', from, { endpoint: from.endpoint, label: serviceName(svc) }, c.ok, c.failed, r.requestFailureReason());
      continue;
    }
    for (const d of dests) {
      const to = place(d.to) ?? { endpoint: from.endpoint, label: serviceName(svc) };
      const denied = c.failed > 0 && c.from.startsWith('pod/') ? r.denial(c.from, svc, d.to) : undefined;
      rows.push({ from, to, n: (attempts * d.n) / total, d, ...(denied !== undefined ? { denied } : {}) });
    }
  }
  const deniedAt = new Map<Dest, number>();
  for (const x of rows) if (x.denied !== undefined) deniedAt.set(x.d, (deniedAt.get(x.d) ?? 0) + x.n);
  for (const x of rows) {
    if (x.denied !== undefined) {
      t.add('denied', x.from, x.to, 0, x.n, x.denied);
      continue;
    }
    const dn = deniedAt.get(x.d) ?? 0;
    const frac = x.d.n - dn > 0 ? Math.min(1, Math.max(0, x.d.failed - dn) / (x.d.n - dn)) : 0;
    t.add('request', x.from, x.to, x.n * (1 - frac), x.n * frac, r.requestFailureReason());
  }
}

function foldSpan(e: FlowEdge, t: Tallies, place: (id: string) => Place | undefined, r: TrafficResolver): void {
  const from = place(e.from);
  if (!from) return;
  if (e.to.startsWith('agent/')) {
    // No serving agent on the node: the spans are dropped where they were sent.
    const node = e.to.slice('agent/'.length);
    t.add('span', from, { endpoint: from.endpoint, label: 'agent' }, e.ok, e.failed, r.spanDropReason(node));
    return;
  }
  const named = /^(svc|host|endpoint)\//.exec(e.to)?.[1];
  const to = named ? undefined : place(e.to);
  if (!to) {
    // A collector named by the pod that nothing answers for: dropped where they were sent.
    const label = named === 'svc' ? serviceName(e.to) : e.to.slice(e.to.indexOf('/') + 1);
    t.add('span', from, { endpoint: from.endpoint, label }, e.ok, e.failed, collectorFailure(e.to));
    return;
  }
  t.add('span', from, to, e.ok, e.failed, to.label === AGENT_LABEL ? r.spanDropReason(to.endpoint.slice(5)) : collectorFailure(e.to));
}

/** Why spans sent to a collector by name failed, from where they failed. */
function collectorFailure(target: string): string {
  if (target.startsWith('ip/')) return 'collector unreachable: its node is down';
  if (target.startsWith('svc/')) return 'collector unreachable: no ready endpoint';
  if (target.startsWith('host/')) return 'collector unreachable: nothing answers at that address';
  if (target.startsWith('endpoint/')) return 'not a valid OTLP endpoint';
  return 'collector unreachable';
}

function serviceName(svcId: string): string {
  return svcId.slice(svcId.lastIndexOf('/') + 1);
}
