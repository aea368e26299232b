import { compareIps, dashedIp, isIPv4 } from './cidr';
import type { ServiceEntry } from './service-table';

/**
 * CoreDNS's `kubernetes` plugin as pure functions: the records of the cluster zone and the
 * resolver's walk through a pod's search path (dnsPolicy ClusterFirst, ndots:5).
 */

export const CLUSTER_DOMAIN = 'cluster.local';

/** What the resolver can ask the zone. */
export interface DnsZone {
  service(namespace: string, name: string): ServiceEntry | undefined;
}

export type DnsAnswer =
  | { readonly rcode: 'NOERROR'; readonly name: string; readonly addresses: readonly string[]; readonly cname?: string }
  | { readonly rcode: 'NXDOMAIN'; readonly name: string; readonly tried: readonly string[] }
  | { readonly rcode: 'SERVFAIL'; readonly name: string; readonly reason: string };

/** `search <ns>.svc.cluster.local svc.cluster.local cluster.local` of a pod's resolv.conf. */
export function searchPath(namespace: string, domain = CLUSTER_DOMAIN): string[] {
  return [`${namespace}.svc.${domain}`, `svc.${domain}`, domain];
}

/** The names a stub resolver tries, in order (ndots:5: short names go through the search list first). */
export function candidates(query: string, namespace: string, domain = CLUSTER_DOMAIN): string[] {
  const name = query.trim().toLowerCase();
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  const searched = searchPath(namespace, domain).map((s) => `${name}.${s}`);
  return dots >= 5 ? [name, ...searched] : [...searched, name];
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/** The name of an endpoint within its service: its hostname, else its dashed IP. */
function endpointLabel(ip: string, hostname: string | undefined): string {
  return hostname ?? dashedIp(ip);
}

function serviceRecord(entry: ServiceEntry): { addresses: string[]; cname?: string } {
  if (entry.externalName) return { addresses: [], cname: entry.externalName };
  if (!entry.headless) return { addresses: entry.clusterIP ? [entry.clusterIP] : [] };
  const ips = entry.ports.flatMap((p) => p.endpoints.filter((e) => e.ready).map((e) => e.ip));
  return { addresses: unique(ips).sort(compareIps) };
}

function endpointRecord(entry: ServiceEntry, label: string): string[] {
  const ips = entry.ports.flatMap((p) => p.endpoints.filter((e) => e.ready && endpointLabel(e.ip, e.hostname) === label).map((e) => e.ip));
  return unique(ips);
}

/** One fully qualified name → its A records, answered from the cluster zone only. */
export function lookupFqdn(fqdn: string, zone: DnsZone, domain = CLUSTER_DOMAIN): DnsAnswer {
  const nx: DnsAnswer = { rcode: 'NXDOMAIN', name: fqdn, tried: [fqdn] };
  const suffix = `.${domain}`;
  if (!fqdn.endsWith(suffix)) return nx;
  const labels = fqdn.slice(0, -suffix.length).split('.');
  const kind = labels.at(-1);
  if (kind === 'pod' && labels.length === 3) {
    const ip = labels[0]!.replace(/-/g, '.');
    return isIPv4(ip) ? { rcode: 'NOERROR', name: fqdn, addresses: [ip] } : nx;
  }
  if (kind !== 'svc') return nx;
  if (labels.length === 3) {
    const entry = zone.service(labels[1]!, labels[0]!);
    if (!entry) return nx;
    const rec = serviceRecord(entry);
    return { rcode: 'NOERROR', name: fqdn, ...rec };
  }
  if (labels.length === 4) {
    const entry = zone.service(labels[2]!, labels[1]!);
    const ips = entry ? endpointRecord(entry, labels[0]!) : [];
    return ips.length > 0 ? { rcode: 'NOERROR', name: fqdn, addresses: ips } : nx;
  }
  return nx;
}

/** A pod's lookup of `query` through its search path: the first name with addresses wins. */
export function resolve(query: string, namespace: string, zone: DnsZone, domain = CLUSTER_DOMAIN): DnsAnswer {
  const tried = candidates(query, namespace, domain);
  for (const name of tried) {
    const a = lookupFqdn(name, zone, domain);
    if (a.rcode === 'NOERROR' && (a.addresses.length > 0 || a.cname)) return a;
  }
  return { rcode: 'NXDOMAIN', name: query, tried };
}

/** PTR names: a ClusterIP → its service; an endpoint address → `<hostname|dashed-ip>.<svc>.<ns>.svc`. */
export function reverseIndex(entries: Iterable<ServiceEntry>, domain = CLUSTER_DOMAIN): Map<string, string> {
  const out = new Map<string, string>();
  const sorted = [...entries].sort((a, b) => (`${a.namespace}/${a.name}` < `${b.namespace}/${b.name}` ? -1 : 1));
  for (const e of sorted) {
    if (e.clusterIP && !out.has(e.clusterIP)) out.set(e.clusterIP, `${e.name}.${e.namespace}.svc.${domain}`);
  }
  for (const e of sorted) {
    for (const p of e.ports) {
      for (const ep of p.endpoints) {
        if (!out.has(ep.ip)) out.set(ep.ip, `${endpointLabel(ep.ip, ep.hostname)}.${e.name}.${e.namespace}.svc.${domain}`);
      }
    }
  }
  return out;
}
