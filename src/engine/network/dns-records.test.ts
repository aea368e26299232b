import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Service } from '../api/types';
import { candidates, resolve, reverseIndex, type DnsZone } from './dns-records';
import { buildServiceEntry, type ServiceEntry } from './service-table';
import { nslookupText } from './shell-text';

function svc(namespace: string, name: string, spec: Partial<Service['spec']>): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { ports: [{ port: 80 }], ...spec } };
}

function slice(namespace: string, service: string, eps: { ip: string; ready?: boolean; hostname?: string }[]): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
    metadata: { name: `${service}-abcde`, namespace, labels: { 'kubernetes.io/service-name': service } },
    ports: [{ name: '', port: 80, protocol: 'TCP' }],
    endpoints: eps.map((e) => ({ addresses: [e.ip], conditions: { ready: e.ready ?? true }, ...(e.hostname ? { hostname: e.hostname } : {}) })),
  };
}

const entries: ServiceEntry[] = [
  buildServiceEntry(svc('default', 'kubernetes', { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443 }] }), []),
  buildServiceEntry(svc('kube-system', 'kube-dns', { clusterIP: '10.96.0.10' }), []),
  buildServiceEntry(svc('default', 'web', { clusterIP: '10.96.45.12' }), [slice('default', 'web', [{ ip: '10.244.1.5' }])]),
  buildServiceEntry(svc('taskmaster', 'backend-svc', { clusterIP: '10.96.100.50' }), []),
  buildServiceEntry(svc('default', 'db', { clusterIP: 'None' }), [slice('default', 'db', [
    { ip: '10.244.2.7', hostname: 'db-1' }, { ip: '10.244.1.9', hostname: 'db-0' }, { ip: '10.244.2.8', hostname: 'db-2', ready: false },
  ])]),
  buildServiceEntry(svc('default', 'search', { type: 'ExternalName', externalName: 'search.example.com' }), []),
];
const byKey = new Map(entries.map((e) => [`${e.namespace}/${e.name}`, e]));
const zone: DnsZone = { service: (ns, name) => byKey.get(`${ns}/${name}`) };

describe('CoreDNS records through a pod search path', () => {
  it.each([
    ['web', 'default', ['10.96.45.12'], 'web.default.svc.cluster.local'],
    ['web.default', 'taskmaster', ['10.96.45.12'], 'web.default.svc.cluster.local'],
    ['web.default.svc', 'taskmaster', ['10.96.45.12'], 'web.default.svc.cluster.local'],
    ['web.default.svc.cluster.local', 'taskmaster', ['10.96.45.12'], 'web.default.svc.cluster.local'],
    ['web.default.svc.cluster.local.', 'taskmaster', ['10.96.45.12'], 'web.default.svc.cluster.local'],
    ['kubernetes.default', 'default', ['10.96.0.1'], 'kubernetes.default.svc.cluster.local'],
    ['backend-svc', 'taskmaster', ['10.96.100.50'], 'backend-svc.taskmaster.svc.cluster.local'],
    ['BACKEND-SVC.taskmaster', 'default', ['10.96.100.50'], 'backend-svc.taskmaster.svc.cluster.local'],
    ['db', 'default', ['10.244.1.9', '10.244.2.7'], 'db.default.svc.cluster.local'],
    ['db-0.db', 'default', ['10.244.1.9'], 'db-0.db.default.svc.cluster.local'],
    ['db-1.db.default.svc.cluster.local', 'kube-system', ['10.244.2.7'], 'db-1.db.default.svc.cluster.local'],
    ['10-244-1-5.web.default.svc.cluster.local', 'default', ['10.244.1.5'], '10-244-1-5.web.default.svc.cluster.local'],
    ['10-244-3-4.default.pod.cluster.local', 'default', ['10.244.3.4'], '10-244-3-4.default.pod.cluster.local'],
  ])('%s from %s → %j', (query, ns, addresses, fqdn) => {
    const a = resolve(query, ns, zone);
    expect(a).toEqual({ rcode: 'NOERROR', name: fqdn, addresses });
  });

  it.each([
    ['web', 'taskmaster'],
    ['db-2.db', 'default'],
    ['nope', 'default'],
    ['google.com', 'default'],
    ['999-1-1-1.default.pod.cluster.local', 'default'],
  ])('%s from %s → NXDOMAIN', (query, ns) => {
    expect(resolve(query, ns, zone).rcode).toBe('NXDOMAIN');
  });

  it('an ExternalName service answers with a CNAME', () => {
    expect(resolve('search', 'default', zone)).toEqual({ rcode: 'NOERROR', name: 'search.default.svc.cluster.local', addresses: [], cname: 'search.example.com' });
  });

  it.each([
    ['web', 'default', ['web.default.svc.cluster.local', 'web.svc.cluster.local', 'web.cluster.local', 'web']],
    ['a.b.c.d.e.f', 'ns', ['a.b.c.d.e.f', 'a.b.c.d.e.f.ns.svc.cluster.local', 'a.b.c.d.e.f.svc.cluster.local', 'a.b.c.d.e.f.cluster.local']],
    ['abs.', 'ns', ['abs']],
  ])('ndots:5 search order for %s', (q, ns, want) => {
    expect(candidates(q, ns)).toEqual(want);
  });

  it('reverse names: ClusterIPs to services, endpoints to <hostname|dashed-ip>.<svc>', () => {
    const r = reverseIndex(entries);
    expect(r.get('10.96.0.10')).toBe('kube-dns.kube-system.svc.cluster.local');
    expect(r.get('10.244.1.9')).toBe('db-0.db.default.svc.cluster.local');
    expect(r.get('10.244.1.5')).toBe('10-244-1-5.web.default.svc.cluster.local');
    expect(r.get('10.1.1.1')).toBeUndefined();
  });
});

describe('nslookup (busybox 1.28)', () => {
  const ptr = (ip: string): string | undefined => reverseIndex(entries).get(ip);

  it('prints the server and the answer with PTR names', () => {
    const out = nslookupText({ query: 'kubernetes.default', serverIp: '10.96.0.10', answer: resolve('kubernetes.default', 'default', zone), ptr });
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toBe([
      'Server:    10.96.0.10',
      'Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local',
      '',
      'Name:      kubernetes.default',
      'Address 1: 10.96.0.1 kubernetes.default.svc.cluster.local',
    ].join('\n'));
  });

  it('numbers the addresses of a headless service', () => {
    const out = nslookupText({ query: 'db', serverIp: '10.96.0.10', answer: resolve('db', 'default', zone), ptr });
    expect(out.stdout.split('\n').slice(3)).toEqual([
      'Name:      db',
      'Address 1: 10.244.1.9 db-0.db.default.svc.cluster.local',
      'Address 2: 10.244.2.7 db-1.db.default.svc.cluster.local',
    ]);
  });

  it("an unknown name: can't resolve, exit 1", () => {
    const out = nslookupText({ query: 'nope', serverIp: '10.96.0.10', answer: resolve('nope', 'default', zone), ptr });
    expect(out).toMatchObject({ exitCode: 1, stderr: "nslookup: can't resolve 'nope'" });
    expect(out.stdout).toBe('Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n');
  });

  it('no CoreDNS answering: no server name, the query fails after the timeouts', () => {
    const out = nslookupText({ query: 'web', serverIp: '10.96.0.10', answer: undefined, ptr });
    expect(out).toEqual({ stdout: 'Server:    10.96.0.10\nAddress 1: 10.96.0.10\n', stderr: "nslookup: can't resolve 'web'", exitCode: 1, durationMs: 15_000 });
  });
});
