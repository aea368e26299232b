import type { TrafficKind, TrafficRecord } from '../../protocol/records';

/**
 * Pure helpers behind the traffic layer: which canvas edges the traffic records become, how
 * many particles an edge carries for its rate, and what it is called for assistive tech.
 */

export const TRAFFIC_KINDS: readonly TrafficKind[] = ['request', 'span', 'export', 'denied'];

export const KIND_NAME: Record<TrafficKind, string> = { request: 'Requests', span: 'Spans', export: 'Exports', denied: 'Denied' };

/** At most this many edges move; the rest are drawn still (the cost of a frame stays bounded). */
export const MAX_ANIMATED_EDGES = 200;
/** Particles on one edge at most. */
export const MAX_PARTICLES = 12;
/** Seconds a particle takes along an edge (the count, not the speed, carries the rate). */
export const PARTICLE_SECONDS = 2.4;
/** Rows drawn under one node for its in-node flows. */
export const MAX_INNODE_ROWS = 4;

/** Particles on an edge for `rate` per second: one for a trickle, growing with the log of the rate. */
export function particleCount(rate: number): number {
  if (!(rate > 0)) return 0;
  return Math.min(MAX_PARTICLES, Math.max(1, Math.round(1.6 * Math.log2(1 + rate))));
}

/** Stroke width standing in for motion (reduced motion) and weighting busy edges. */
export function strokeWidth(rate: number): number {
  if (!(rate > 0)) return 1;
  return Math.round((1.5 + Math.min(5, Math.log2(1 + rate) * 0.8)) * 10) / 10;
}

export function rateText(rate: number): string {
  return rate >= 100 ? `${Math.round(rate)}/s` : `${Math.round(rate * 10) / 10}/s`;
}

export interface TrafficEdgeData extends Record<string, unknown> {
  kind: TrafficKind;
  rate: number;
  failRate: number;
  /** Label pairs on this edge, busiest first (`cxtm-web → cxtm-scheduler`). */
  pairs: string[];
  reason: string | null;
  /** Row under the node for in-node flows (source === target); -1 for edges between nodes. */
  row: number;
  animate: boolean;
  label: string;
}

export interface TrafficEdgeSpec {
  id: string;
  source: string;
  target: string;
  data: TrafficEdgeData;
}

/** Resolves a record endpoint to a canvas node id (undefined: not drawn). */
export type EndpointMap = (endpoint: string) => string | undefined;

/** `node/<name>` → `cp/<name>` for control planes, `pool` for pooled workers, else as is. */
export function endpointMap(controlPlanes: readonly string[], pooledWorkers: boolean): EndpointMap {
  const cps = new Set(controlPlanes);
  return (ep) => {
    if (ep === 'users' || ep === 'backend') return `traffic/${ep}`;
    if (!ep.startsWith('node/')) return undefined;
    const name = ep.slice(5);
    if (cps.has(name)) return `cp/${name}`;
    return pooledWorkers ? 'pool' : ep;
  };
}

function endpointName(canvasId: string, backend: string): string {
  if (canvasId === 'traffic/users') return 'Users';
  if (canvasId === 'traffic/backend') return backend || 'Observability backend';
  if (canvasId === 'pool') return 'worker nodes';
  return `node ${canvasId.slice(canvasId.indexOf('/') + 1)}`;
}

/** The accessible name: `Spans node worker-01: cxtm-web → agent, 12/s`. */
export function edgeLabel(kind: TrafficKind, source: string, target: string, pairs: readonly string[], rate: number, failRate: number, reason: string | null, backend = ''): string {
  const where = source === target ? endpointName(source, backend) : `${endpointName(source, backend)} → ${endpointName(target, backend)}`;
  const what = pairs.length > 0 ? `: ${pairs.slice(0, 3).join('; ')}${pairs.length > 3 ? ` and ${pairs.length - 3} more` : ''}` : '';
  const fail = failRate > 0 ? `, ${rateText(failRate)} failed${reason ? ` (${reason})` : ''}` : '';
  return kind === 'denied' ? `${KIND_NAME[kind]} ${where}${what}${fail}` : `${KIND_NAME[kind]} ${where}${what}, ${rateText(rate)}${fail}`;
}

interface Group {
  kind: TrafficKind;
  source: string;
  target: string;
  rate: number;
  failRate: number;
  reason: string | null;
  pairs: { text: string; rate: number }[];
}

/**
 * Canvas edges from traffic records: records between two canvas nodes add up into one edge
 * per kind; records inside one node stay one row each (what talks to what there). Hidden
 * kinds are left out; only the busiest MAX_ANIMATED_EDGES edges move.
 */
export function trafficEdges(records: Iterable<TrafficRecord>, map: EndpointMap, shown: ReadonlySet<TrafficKind>, backend = '', maxAnimated = MAX_ANIMATED_EDGES): TrafficEdgeSpec[] {
  const groups = new Map<string, Group>();
  for (const r of records) {
    if (!shown.has(r.kind)) continue;
    const source = map(r.from);
    const target = map(r.to);
    if (!source || !target) continue;
    const inNode = source === target;
    const id = inNode ? `t:${r.kind}:${source}:${r.fromLabel}>${r.toLabel}` : `t:${r.kind}:${source}~${target}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { kind: r.kind, source, target, rate: 0, failRate: 0, reason: null, pairs: [] }));
    g.rate += r.rate;
    g.failRate += r.failRate;
    if (r.reason && !g.reason) g.reason = r.reason;
    const text = `${r.fromLabel} → ${r.toLabel}`;
    const pair = g.pairs.find((p) => p.text === text);
    if (pair) pair.rate += r.rate;
    else g.pairs.push({ text, rate: r.rate });
  }
  const list = [...groups.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const byRate = [...list].sort((a, b) => b[1].rate - a[1].rate || (a[0] < b[0] ? -1 : 1));
  const busiest = new Set(byRate.slice(0, maxAnimated).map(([id]) => id));
  // In-node rows, busiest first; past MAX_INNODE_ROWS a node's quieter flows are left out.
  const rowOf = new Map<string, number>();
  const used = new Map<string, number>();
  for (const [id, g] of byRate) {
    if (g.source !== g.target) continue;
    const row = used.get(g.source) ?? 0;
    used.set(g.source, row + 1);
    rowOf.set(id, row);
  }
  return list.filter(([id]) => (rowOf.get(id) ?? 0) < MAX_INNODE_ROWS).map(([id, g]) => {
    const round = (n: number): number => Math.round(n * 10) / 10;
    const pairs = g.pairs.sort((a, b) => b.rate - a.rate || (a.text < b.text ? -1 : 1)).map((p) => p.text);
    const row = rowOf.get(id) ?? -1;
    const rate = round(g.rate);
    const failRate = round(g.failRate);
    return {
      id, source: g.source, target: g.target,
      data: { kind: g.kind, rate, failRate, pairs, reason: g.reason, row, animate: busiest.has(id), label: edgeLabel(g.kind, g.source, g.target, pairs, rate, failRate, g.reason, backend) },
    };
  });
}
