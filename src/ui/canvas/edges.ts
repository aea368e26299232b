import type { FlowKind, FlowRecord } from '../../protocol/records';
import type { FlowEdge } from './flow-types';
import { pooled } from './layout';

/**
 * Canvas edges: the static topology (who talks to whom) with traffic from the flow records
 * (how an edge looks). In a pooled (large) cluster, the node edges collapse into one edge to
 * the pool frame carrying all their traffic.
 */

/** Canvas id of a flow endpoint (`apiserver` → the first control plane's API server chip). */
export function endpointId(ep: string, controlPlanes: readonly string[]): string | undefined {
  const cp = controlPlanes[0];
  switch (ep) {
    case 'apiserver':
    case 'etcd':
    case 'scheduler':
    case 'controller-manager':
      return cp ? `comp/${ep}/${cp}` : undefined;
    case 'kubectl':
    case 'registry':
    case 'pool':
      return ep;
    default:
      return ep.startsWith('node/') ? ep : undefined;
  }
}

interface EdgeSpec {
  a: string;
  b: string;
  sh: string;
  th: string;
}

/** Static topology: who talks to whom. Traffic only changes how an edge looks. */
function topology(controlPlanes: readonly string[], workers: readonly string[], registry: boolean, flows: ReadonlyMap<string, FlowRecord>): EdgeSpec[] {
  const out: EdgeSpec[] = [
    { a: 'kubectl', b: 'apiserver', sh: 'r', th: 'l' },
    { a: 'scheduler', b: 'apiserver', sh: 'b', th: 't' },
    { a: 'controller-manager', b: 'apiserver', sh: 'b', th: 't' },
    { a: 'apiserver', b: 'etcd', sh: 'r', th: 'l' },
  ];
  if (controlPlanes.length === 0) return [];
  if (pooled(workers.length)) {
    out.push({ a: 'apiserver', b: 'pool', sh: 'b', th: 't' });
    if (registry) out.push({ a: 'pool', b: 'registry', sh: 't', th: 'r' });
    return out;
  }
  for (const w of workers) {
    out.push({ a: 'apiserver', b: `node/${w}`, sh: 'b', th: 't' });
    if (registry && (flows.has(`node/${w}>registry`) || flows.has(`registry>node/${w}`))) out.push({ a: `node/${w}`, b: 'registry', sh: 't', th: 'r' });
  }
  return out;
}

export function buildEdges(controlPlanes: readonly string[], workers: readonly string[], registry: boolean, flowMap: ReadonlyMap<string, FlowRecord>): FlowEdge[] {
  const out: FlowEdge[] = [];
  const flows = pooled(workers.length) ? poolFlows(flowMap) : flowMap;
  for (const e of topology(controlPlanes, workers, registry, flows)) {
    const source = endpointId(e.a, controlPlanes);
    const target = endpointId(e.b, controlPlanes);
    if (!source || !target) continue;
    const f1 = flows.get(`${e.a}>${e.b}`);
    const f2 = flows.get(`${e.b}>${e.a}`);
    const pulse = (f1?.total ?? 0) + (f2?.total ?? 0);
    const recent1 = f1?.recent ?? 0;
    const recent2 = f2?.recent ?? 0;
    const kind = recent1 >= recent2 ? (f1?.kind ?? f2?.kind ?? 'request') : (f2?.kind ?? 'request');
    const edge: FlowEdge = { id: `e:${e.a}~${e.b}`, source, target, sourceHandle: e.sh, targetHandle: e.th, type: 'flow', data: { pulse, kind }, focusable: false, selectable: false };
    // Under the control-plane group (React Flow lifts edges of child nodes by one): the API
    // server's edges down to the workers would otherwise cross the pods the group runs.
    out.push(e.a === 'apiserver' && e.sh === 'b' ? { ...edge, zIndex: -1 } : edge);
  }
  return out;
}

/** Endpoints that have ever talked to the image registry. */
export function hasRegistry(flows: ReadonlyMap<string, FlowRecord>): boolean {
  for (const f of flows.values()) if (f.from === 'registry' || f.to === 'registry') return true;
  return false;
}

/** Flows with every `node/<name>` endpoint folded into `pool`: totals add up, the busiest kind wins. */
export function poolFlows(flows: ReadonlyMap<string, FlowRecord>): Map<string, FlowRecord> {
  const out = new Map<string, FlowRecord>();
  const kindWeight = new Map<string, Map<FlowKind, number>>();
  for (const f of flows.values()) {
    const from = f.from.startsWith('node/') ? 'pool' : f.from;
    const to = f.to.startsWith('node/') ? 'pool' : f.to;
    const key = `${from}>${to}`;
    const prev = out.get(key);
    out.set(key, { key, from, to, recent: (prev?.recent ?? 0) + f.recent, total: (prev?.total ?? 0) + f.total, kind: prev?.kind ?? f.kind });
    const weights = kindWeight.get(key) ?? new Map<FlowKind, number>();
    weights.set(f.kind, (weights.get(f.kind) ?? 0) + f.recent);
    kindWeight.set(key, weights);
  }
  for (const [key, weights] of kindWeight) {
    const best = [...weights].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    const rec = out.get(key);
    if (rec && best) out.set(key, { ...rec, kind: best[0] });
  }
  return out;
}
