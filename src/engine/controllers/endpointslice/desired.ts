import type { Endpoint, Pod, Service, ServicePort } from '../../api/types';
import { isPodReady, isPodTerminal } from '../shared/pod-util';

export interface EndpointPort {
  name: string;
  port: number;
  protocol: string;
}

export interface DesiredEndpoint {
  /** Identity within the Service: the pod's uid. */
  key: string;
  /** Deterministic placement order. */
  order: string;
  endpoint: Endpoint;
}

export interface PortGroup {
  portsKey: string;
  ports: EndpointPort[];
  endpoints: Map<string, DesiredEndpoint>;
}

/** ShouldPodBeInEndpoints (terminating included): has an IP and has not finished. */
export function podInEndpoints(pod: Pod): boolean {
  return !!pod.status?.podIP && !isPodTerminal(pod);
}

/** podutil.FindPort: a numeric targetPort as is; a named one looked up in the pod's containers. */
export function resolveTargetPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = sp.protocol ?? 'TCP';
  for (const c of pod.spec.containers) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

export function endpointPorts(svc: Service, pod: Pod): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const sp of svc.spec.ports ?? []) {
    const port = resolveTargetPort(pod, sp);
    if (port !== undefined) out.push({ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' });
  }
  return out;
}

/** podToEndpoint: address, ready / serving / terminating, node, and the pod as targetRef. */
export function podToEndpoint(svc: Service, pod: Pod): Endpoint {
  const publish = svc.spec.publishNotReadyAddresses === true;
  const terminating = pod.metadata.deletionTimestamp !== undefined;
  const serving = publish || isPodReady(pod);
  const ep: Endpoint = {
    addresses: [pod.status!.podIP!],
    conditions: { ready: serving && (publish || !terminating), serving, terminating },
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
  if (pod.spec.nodeName) ep.nodeName = pod.spec.nodeName;
  if (pod.spec.hostname && pod.spec.subdomain === svc.metadata.name) ep.hostname = pod.spec.hostname;
  return ep;
}

/** A cheap identity for a resolved port list (the grouping key of slices). */
export function portsKeyOf(ports: readonly { name?: string; port?: number; protocol?: string }[]): string {
  return ports.map((p) => `${p.name ?? ''}/${p.port ?? ''}/${p.protocol ?? 'TCP'}`).join(',');
}

/** The endpoints a Service should have, grouped by their resolved port list (one slice set each). */
export function desiredGroups(svc: Service, pods: readonly Pod[]): Map<string, PortGroup> {
  const groups = new Map<string, PortGroup>();
  for (const pod of pods) {
    if (!podInEndpoints(pod)) continue;
    const ports = endpointPorts(svc, pod);
    const portsKey = portsKeyOf(ports);
    let g = groups.get(portsKey);
    if (!g) groups.set(portsKey, (g = { portsKey, ports, endpoints: new Map() }));
    const key = pod.metadata.uid ?? pod.metadata.name;
    g.endpoints.set(key, { key, order: pod.metadata.name, endpoint: podToEndpoint(svc, pod) });
  }
  return groups;
}
