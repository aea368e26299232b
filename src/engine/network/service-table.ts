import type { EndpointSlice, Service, ServicePort } from '../api/types';
import { base32, sha256 } from './sha256';

/** The label the EndpointSlice controller puts on every slice of a Service. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

export type Protocol = 'tcp' | 'udp' | 'sctp';

/** One endpoint of one service port, as kube-proxy's endpoints map holds it. */
export interface ProxyEndpoint {
  readonly ip: string;
  readonly port: number;
  readonly nodeName?: string;
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
  readonly hostname?: string;
  readonly pod?: { readonly namespace: string; readonly name: string; readonly uid?: string };
  /** `ip:port`, the endpoint's identity and sort key (kube-proxy sorts by this string). */
  readonly address: string;
}

/** One port of one Service (kube-proxy's ServicePortName + its info). */
export interface ServicePortEntry {
  readonly namespace: string;
  readonly service: string;
  readonly portName: string;
  readonly protocol: Protocol;
  readonly port: number;
  readonly nodePort?: number;
  readonly clusterIP?: string;
  readonly internalLocal: boolean;
  readonly externalLocal: boolean;
  readonly clientIPAffinitySeconds?: number;
  /** `ns/name:port-name` (`ns/name` when the port is unnamed): comments and chain hashes. */
  readonly nameString: string;
  readonly svcChain: string;
  readonly endpoints: readonly ProxyEndpoint[];
}

export interface ServiceEntry {
  readonly namespace: string;
  readonly name: string;
  readonly type: NonNullable<Service['spec']['type']>;
  readonly clusterIP?: string;
  readonly headless: boolean;
  readonly externalName?: string;
  readonly ports: readonly ServicePortEntry[];
}

/** kube-proxy's portProtoHash: base32(sha256(name + protocol))[:16]. */
export function portProtoHash(servicePortName: string, protocol: string): string {
  return base32(sha256(servicePortName + protocol)).slice(0, 16);
}

export function svcChainName(nameString: string, protocol: Protocol, local = false): string {
  return `${local ? 'KUBE-SVL-' : 'KUBE-SVC-'}${portProtoHash(nameString, protocol)}`;
}

export function sepChainName(nameString: string, protocol: Protocol, address: string): string {
  return `KUBE-SEP-${base32(sha256(nameString + protocol + address)).slice(0, 16)}`;
}

function protocolOf(p: string | undefined): Protocol {
  const lower = (p ?? 'TCP').toLowerCase();
  return lower === 'udp' ? 'udp' : lower === 'sctp' ? 'sctp' : 'tcp';
}

export function serviceKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** The slices' endpoints for one service port: deduplicated by ip:port, sorted by it. */
function endpointsFor(sp: ServicePort, slices: readonly EndpointSlice[]): ProxyEndpoint[] {
  const protocol = protocolOf(sp.protocol);
  const byAddress = new Map<string, ProxyEndpoint>();
  for (const slice of slices) {
    if (slice.addressType !== 'IPv4') continue;
    const port = (slice.ports ?? []).find((p) => (p.name ?? '') === (sp.name ?? '') && protocolOf(p.protocol) === protocol);
    if (!port?.port) continue;
    for (const ep of slice.endpoints ?? []) {
      const ip = ep.addresses?.[0];
      if (!ip) continue;
      const address = `${ip}:${port.port}`;
      const c = ep.conditions ?? {};
      const candidate: ProxyEndpoint = {
        ip,
        port: port.port,
        ...(ep.nodeName ? { nodeName: ep.nodeName } : {}),
        ready: c.ready ?? true,
        serving: c.serving ?? true,
        terminating: c.terminating ?? false,
        ...(ep.hostname ? { hostname: ep.hostname } : {}),
        ...(ep.targetRef?.kind === 'Pod' ? { pod: { namespace: ep.targetRef.namespace ?? slice.metadata.namespace ?? '', name: ep.targetRef.name, uid: ep.targetRef.uid } } : {}),
        address,
      };
      // The same address seen in two slices (a pod moving between slices): keep a ready one.
      const seen = byAddress.get(address);
      if (!seen || (!seen.ready && candidate.ready)) byAddress.set(address, candidate);
    }
  }
  return [...byAddress.values()].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

function clusterIPOf(svc: Service): string | undefined {
  const ip = svc.spec.clusterIP;
  return ip && ip !== 'None' ? ip : undefined;
}

/** Service + its EndpointSlices → what kube-proxy (and CoreDNS) know about it. */
export function buildServiceEntry(svc: Service, slices: readonly EndpointSlice[]): ServiceEntry {
  const namespace = svc.metadata.namespace ?? 'default';
  const name = svc.metadata.name;
  const type = svc.spec.type ?? 'ClusterIP';
  const clusterIP = clusterIPOf(svc);
  const ports = (svc.spec.ports ?? []).map((sp): ServicePortEntry => {
    const protocol = protocolOf(sp.protocol);
    const nameString = `${namespace}/${name}${sp.name ? `:${sp.name}` : ''}`;
    const affinity = svc.spec.sessionAffinity === 'ClientIP' ? (svc.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800) : undefined;
    return {
      namespace,
      service: name,
      portName: sp.name ?? '',
      protocol,
      port: sp.port,
      ...(sp.nodePort ? { nodePort: sp.nodePort } : {}),
      ...(clusterIP ? { clusterIP } : {}),
      internalLocal: svc.spec.internalTrafficPolicy === 'Local',
      externalLocal: svc.spec.externalTrafficPolicy === 'Local' && (type === 'NodePort' || type === 'LoadBalancer'),
      ...(affinity !== undefined ? { clientIPAffinitySeconds: affinity } : {}),
      nameString,
      svcChain: svcChainName(nameString, protocol),
      endpoints: endpointsFor(sp, slices),
    };
  });
  return {
    namespace,
    name,
    type,
    ...(clusterIP ? { clusterIP } : {}),
    headless: svc.spec.clusterIP === 'None',
    ...(type === 'ExternalName' && svc.spec.externalName ? { externalName: svc.spec.externalName } : {}),
    ports,
  };
}
