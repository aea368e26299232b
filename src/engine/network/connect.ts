import type { Pod } from '../api/types';
import type { Rng } from '../sim/rng';
import { isIPv4 } from './cidr';
import type { CoreDns } from './dns';
import { KUBE_DNS } from './dns';
import type { DnsAnswer } from './dns-records';
import type { KubeProxy } from './kube-proxy';
import type { Peer, PolicyDecision, PortSpec } from './network-policy';
import type { NetworkPolicyAgent } from './policy-agent';
import { isPodRunning, keyOf, type PodDirectory } from './pods';
import type { ProxyEndpoint, Protocol, ServicePortEntry } from './service-table';

/** Everything a connection crosses: the pods, the node's rules, DNS, policy, and the machines. */
export interface DataPlane {
  readonly pods: PodDirectory;
  readonly proxy: KubeProxy;
  readonly dns: CoreDns;
  readonly policy: NetworkPolicyAgent;
  nodeAlive(node: string): boolean;
  /** NetworkPolicy's verdict for a new connection (callers may cache by pod versions). */
  decide(src: Pod | Peer, dst: Pod, port: PortSpec): PolicyDecision;
}

export const ConnectFailure = {
  SourceDown: 'source-down',
  DnsUnreachable: 'dns-unreachable',
  NxDomain: 'nxdomain',
  Refused: 'refused',
  Timeout: 'timeout',
  Denied: 'denied',
} as const;
export type ConnectFailure = (typeof ConnectFailure)[keyof typeof ConnectFailure];

export interface Via {
  readonly service: string;
  readonly chain: string;
  readonly endpoints: number;
}

export type ConnectResult =
  | { readonly ok: true; readonly pod: Pod; readonly ip: string; readonly port: number; readonly via?: Via; readonly dns?: DnsAnswer; readonly policy: PolicyDecision }
  | { readonly ok: false; readonly reason: ConnectFailure; readonly message: string; readonly via?: Via; readonly dns?: DnsAnswer; readonly policy?: PolicyDecision; readonly pod?: Pod };

type Fail = Extract<ConnectResult, { ok: false }>;

function fail(reason: ConnectFailure, message: string, extra: Partial<Fail> = {}): Fail {
  return { ok: false, reason, message, ...extra };
}

/** The kube-dns service port pods query (53/UDP). */
export function dnsServicePort(dp: DataPlane): ServicePortEntry | undefined {
  return dp.proxy.service(KUBE_DNS.namespace, KUBE_DNS.service)?.ports.find((p) => p.port === 53 && p.protocol === 'udp');
}

/** Can a live endpoint pod answer on `node`, and does policy let `src` reach it? */
export function endpointUsable(dp: DataPlane, src: Pod | Peer, ep: ProxyEndpoint, protocol: Protocol): { pod?: Pod; policy?: PolicyDecision; reason?: ConnectFailure } {
  const pod = dp.pods.byIP(ep.ip);
  if (!pod?.spec.nodeName || !dp.nodeAlive(pod.spec.nodeName)) return { reason: ConnectFailure.Timeout };
  if (!isPodRunning(pod)) return { pod, reason: ConnectFailure.Refused };
  const policy = dp.decide(src, pod, { port: ep.port, protocol: protocol === 'udp' ? 'UDP' : protocol === 'sctp' ? 'SCTP' : 'TCP' });
  return policy.allowed ? { pod, policy } : { pod, policy, reason: ConnectFailure.Denied };
}

/** Whether `from` can get an answer from some CoreDNS replica (resolvers retry the others). */
export function dnsReachable(dp: DataPlane, from: Pod): { ok: true } | { ok: false; message: string } {
  const down = { ok: false as const, message: ';; connection timed out; no servers could be reached' };
  const sp = dnsServicePort(dp);
  const node = from.spec.nodeName;
  if (!sp || !node) return down;
  const route = dp.proxy.route(node, sp);
  if (!route.ok) return down;
  return route.endpoints.some((ep) => endpointUsable(dp, from, ep, 'udp').reason === undefined) ? { ok: true } : down;
}

/**
 * A new connection to a service port entering the rules of `node`: kube-proxy's random pick
 * among the endpoints those rules list, then the pod behind it. `src` is the client (a pod,
 * or an outside address for NodePort traffic, which uses the external policy).
 */
export function connectServiceFrom(dp: DataPlane, src: Pod | Peer, node: string, sp: ServicePortEntry, rng: Rng, external = false): ConnectResult {
  const route = dp.proxy.route(node, sp, external);
  if (!route.ok) {
    const refused = route.reason === 'no-endpoints';
    return fail(refused ? ConnectFailure.Refused : ConnectFailure.Timeout, refused ? `${sp.nameString} has no endpoints` : `${sp.nameString}: ${route.reason} on ${node}`);
  }
  const ep = route.endpoints[rng.int(route.endpoints.length)]!;
  const via: Via = { service: sp.nameString, chain: route.chain, endpoints: route.endpoints.length };
  const use = endpointUsable(dp, src, ep, sp.protocol);
  if (use.reason) {
    const what = use.reason === ConnectFailure.Refused ? 'connection refused' : 'no answer';
    const msg = use.reason === ConnectFailure.Denied ? use.policy!.reason : `${sp.clusterIP ?? sp.service}:${sp.port} → ${ep.address}: ${what}`;
    return fail(use.reason, msg, { via, ...(use.policy ? { policy: use.policy } : {}), ...(use.pod ? { pod: use.pod } : {}) });
  }
  return { ok: true, pod: use.pod!, ip: ep.ip, port: ep.port, via, policy: use.policy! };
}

/** A pod's new connection to a service port, through its own node's rules. */
export function connectService(dp: DataPlane, from: Pod, sp: ServicePortEntry, rng: Rng): ConnectResult {
  return connectServiceFrom(dp, from, from.spec.nodeName ?? '', sp, rng);
}

/** A direct connection to a pod IP (headless services, pod-to-pod). */
function connectPodIp(dp: DataPlane, from: Pod, ip: string, port: number, protocol: Protocol): ConnectResult {
  const ep: ProxyEndpoint = { ip, port, ready: true, serving: true, terminating: false, address: `${ip}:${port}` };
  const use = endpointUsable(dp, from, ep, protocol);
  if (use.reason) return fail(use.reason, use.policy?.allowed === false ? use.policy.reason : `${ip}:${port}: ${use.reason}`, { ...(use.policy ? { policy: use.policy } : {}) });
  return { ok: true, pod: use.pod!, ip, port, policy: use.policy! };
}

/** `from` opens a connection to `host:port` (a name, a ClusterIP or a pod IP), as its kernel would. */
export function connect(dp: DataPlane, from: Pod, host: string, port: number, rng: Rng, protocol: Protocol = 'tcp'): ConnectResult {
  if (!from.spec.nodeName || !dp.nodeAlive(from.spec.nodeName) || !isPodRunning(from)) {
    return fail(ConnectFailure.SourceDown, `pod ${keyOf(from)} is not running`);
  }
  let ip = host;
  let dns: DnsAnswer | undefined;
  if (!isIPv4(host)) {
    const reach = dnsReachable(dp, from);
    if (!reach.ok) return fail(ConnectFailure.DnsUnreachable, reach.message);
    dns = dp.dns.lookup(host, from.metadata.namespace ?? 'default');
    if (dns.rcode !== 'NOERROR' || dns.addresses.length === 0) return fail(ConnectFailure.NxDomain, `Could not resolve host: ${host}`, { dns });
    ip = dns.addresses.length === 1 ? dns.addresses[0]! : dns.addresses[rng.int(dns.addresses.length)]!;
  }
  const sp = dp.proxy.byClusterIP(ip, port, protocol);
  const withDns = <T extends ConnectResult>(r: T): T => (dns ? { ...r, dns } : r);
  if (sp) return withDns(connectService(dp, from, sp, rng));
  if (dp.proxy.serviceByClusterIP(ip)) return withDns(fail(ConnectFailure.Timeout, `no service port ${port}/${protocol.toUpperCase()} on ${ip}`));
  return withDns(connectPodIp(dp, from, ip, port, protocol));
}
