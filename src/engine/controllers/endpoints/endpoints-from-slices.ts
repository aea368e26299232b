import type { Endpoint, EndpointSlice, KubeObject, Service } from '../../api/types';
import { compareStrings } from '../shared/owner-refs';

export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind: string; name: string; namespace?: string; uid?: string };
}

export interface EndpointPortV1 {
  name?: string;
  port: number;
  protocol?: string;
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPortV1[];
}

/** core/v1 Endpoints (deprecated since v1.33 in favour of EndpointSlice, still served). */
export interface Endpoints extends KubeObject {
  kind: 'Endpoints';
  subsets?: EndpointSubset[];
}

/** endpoints.MaxEndpointsPerSubset / the controller's truncation limit. */
export const MAX_ENDPOINT_ADDRESSES = 1000;

function address(ep: Endpoint): EndpointAddress | undefined {
  const ip = ep.addresses[0];
  if (!ip) return undefined;
  const a: EndpointAddress = { ip };
  if (ep.hostname) a.hostname = ep.hostname;
  if (ep.nodeName) a.nodeName = ep.nodeName;
  if (ep.targetRef) a.targetRef = { ...ep.targetRef };
  return a;
}

/** addrsByIPAndUID: numeric IPv4 order (string order otherwise), then by pod uid. */
function byIp(a: EndpointAddress, b: EndpointAddress): number {
  const pa = a.ip.split('.').map(Number);
  const pb = b.ip.split('.').map(Number);
  if (pa.length === 4 && pb.length === 4 && pa.every(Number.isInteger) && pb.every(Number.isInteger)) {
    for (let i = 0; i < 4; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  } else if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const ua = a.targetRef?.uid ?? '';
  const ub = b.targetRef?.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

/**
 * The legacy Endpoints of a Service, from its EndpointSlices: ready endpoints in
 * `addresses`, not-ready ones in `notReadyAddresses`, terminating ones left out (unless the
 * Service publishes not-ready addresses), one subset per port list, at most 1000 addresses.
 */
export function subsetsFromSlices(svc: Service, slices: readonly EndpointSlice[]): { subsets: EndpointSubset[]; truncated: boolean } {
  const groups = new Map<string, { ports: EndpointPortV1[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();
  const publish = svc.spec.publishNotReadyAddresses === true;
  let total = 0;
  for (const slice of [...slices].sort((a, b) => compareStrings(a.metadata.name, b.metadata.name))) {
    const ports: EndpointPortV1[] = (slice.ports ?? []).map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port ?? 0, protocol: p.protocol ?? 'TCP' }));
    const key = JSON.stringify(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, ready: [], notReady: [] }));
    for (const ep of slice.endpoints ?? []) {
      if (ep.conditions.terminating && !publish) continue;
      const a = address(ep);
      if (!a || total >= MAX_ENDPOINT_ADDRESSES) continue;
      total++;
      (ep.conditions.ready !== false ? g.ready : g.notReady).push(a);
    }
  }
  const subsets: EndpointSubset[] = [];
  for (const key of [...groups.keys()].sort()) {
    const g = groups.get(key)!;
    if (g.ready.length + g.notReady.length === 0) continue;
    const s: EndpointSubset = {};
    if (g.ready.length) s.addresses = g.ready.sort(byIp);
    if (g.notReady.length) s.notReadyAddresses = g.notReady.sort(byIp);
    if (g.ports.length) s.ports = g.ports;
    subsets.push(s);
  }
  const seen = slices.reduce((n, s) => n + (s.endpoints ?? []).filter((e) => publish || !e.conditions.terminating).length, 0);
  return { subsets, truncated: seen > MAX_ENDPOINT_ADDRESSES };
}
