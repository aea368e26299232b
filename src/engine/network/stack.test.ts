import { beforeAll, describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { app, create, podsOf, sandbox, scale, type Sandbox } from './test-support';

/** A cluster with three web replicas, a client pod, and the networking stack watching. */
function webCluster(seed = 7): { s: Sandbox; client: () => Pod } {
  const s = sandbox(undefined, seed);
  app(s, { name: 'web', replicas: 3 });
  app(s, { name: 'client', image: 'busybox:1.28', service: false });
  s.cluster.advance(60_000);
  return { s, client: () => podsOf(s, 'default', 'client')[0]! };
}

describe('NetworkingStack on a booted cluster', () => {
  let s: Sandbox;
  let client: () => Pod;
  beforeAll(() => {
    ({ s, client } = webCluster());
  });

  it('pods have IPs from their node podCIDR and the Service a ClusterIP from the service range', () => {
    for (const p of podsOf(s, 'default', 'web')) {
      const node = s.cluster.machines.get(p.spec.nodeName!)!;
      expect(p.status?.podIP?.startsWith(node.config.podCIDR.replace(/0\/24$/, ''))).toBe(true);
    }
    expect(s.net.proxy.service('default', 'web')?.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\./);
  });

  it('nslookup web answers with the ClusterIP and its PTR name', () => {
    const ip = s.net.proxy.service('default', 'web')!.clusterIP!;
    const out = s.net.nslookup(client(), 'web');
    expect(out.exitCode).toBe(0);
    expect(out.stdout.split('\n')).toEqual([
      'Server:    10.96.0.10',
      'Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local',
      '',
      'Name:      web',
      `Address 1: ${ip} web.default.svc.cluster.local`,
    ]);
    expect(s.net.nslookup(client(), 'nothing-here')).toMatchObject({ exitCode: 1, stderr: "nslookup: can't resolve 'nothing-here'" });
  });

  it('kube-proxy spreads connections uniformly over the ready endpoints (1/n each)', () => {
    const counts = new Map<string, number>();
    const N = 3000;
    for (let i = 0; i < N; i++) {
      const r = s.net.connect(client(), 'web', 80);
      if (!r.ok) throw new Error(r.message);
      counts.set(r.pod.metadata.name, (counts.get(r.pod.metadata.name) ?? 0) + 1);
    }
    expect(counts.size).toBe(3);
    for (const n of counts.values()) expect(Math.abs(n - N / 3)).toBeLessThan(N * 0.04);
  });

  it('the same seed makes the same choices', () => {
    const a = webCluster(11);
    const b = webCluster(11);
    const picks = (x: typeof a): string[] => Array.from({ length: 20 }, () => {
      const r = x.s.net.connect(x.client(), 'web.default.svc.cluster.local', 80);
      return r.ok ? r.pod.metadata.name : r.reason;
    });
    expect(picks(a)).toEqual(picks(b));
  });

  it('curl through the Service gets the nginx page; an unknown name fails like curl', () => {
    const ok = s.net.curl(client(), 'http://web');
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toContain('<title>Welcome to nginx!</title>');
    expect(s.net.curl(client(), 'http://nope:8080/')).toMatchObject({ exitCode: 6, stderr: 'curl: (6) Could not resolve host: nope' });
  });

  it('iptables-save shows the service chain on a live node and nothing on a dead one', () => {
    const text = s.net.iptables('worker-1')!;
    expect(text).toContain('"default/web cluster IP"');
    expect(text.match(/-A KUBE-SVC-\S+ -m comment --comment "default\/web -> /g)).toHaveLength(3);
    expect(s.net.iptables('no-such-node')).toBeUndefined();
  });
});

describe('failures the stack decides', () => {
  it('no endpoints: connection refused (REJECT)', () => {
    const { s, client } = webCluster();
    scale(s, 'default', 'web', 0);
    s.cluster.advance(60_000);
    const r = s.net.connect(client(), 'web', 80);
    expect(r).toMatchObject({ ok: false, reason: 'refused', message: 'default/web has no endpoints' });
    expect(s.net.curl(client(), 'http://web/')).toMatchObject({ exitCode: 7, stderr: "curl: (7) Failed to connect to web port 80 after 2 ms: Couldn't connect to server" });
  });

  it('no ready CoreDNS: names stop resolving, IPs still work', () => {
    const { s, client } = webCluster();
    const ip = s.net.proxy.service('default', 'web')!.clusterIP!;
    scale(s, 'kube-system', 'coredns', 0);
    s.cluster.advance(60_000);
    expect(s.net.lookup(client(), 'web')).toBeUndefined();
    expect(s.net.nslookup(client(), 'web')).toMatchObject({ exitCode: 1, stdout: 'Server:    10.96.0.10\nAddress 1: 10.96.0.10\n' });
    expect(s.net.connect(client(), 'web', 80)).toMatchObject({ ok: false, reason: 'dns-unreachable' });
    expect(s.net.connect(client(), ip, 80).ok).toBe(true);
  });

  it('a dead node: its endpoints time out until they leave the slices; the others keep answering', () => {
    const { s, client } = webCluster();
    const victim = podsOf(s, 'default', 'web').find((p) => p.spec.nodeName !== client().spec.nodeName)!.spec.nodeName!;
    s.cluster.killNode(victim);
    const outcomes = Array.from({ length: 300 }, () => s.net.connect(client(), 'web', 80));
    const timeouts = outcomes.filter((r) => !r.ok && r.reason === 'timeout').length;
    expect(timeouts).toBeGreaterThan(30);
    expect(outcomes.filter((r) => r.ok).every((r) => r.ok && r.pod.spec.nodeName !== victim)).toBe(true);
    expect(s.net.iptables(victim)).toBeUndefined();
  });

  it('NetworkPolicy: a default-deny policy drops new connections and names itself', () => {
    const { s, client } = webCluster();
    create(s, 'networkpolicies', 'default', {
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web-deny', namespace: 'default' },
      spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] },
    });
    s.cluster.advance(1000);
    const r = s.net.connect(client(), 'web', 80);
    expect(r).toMatchObject({ ok: false, reason: 'denied', policy: { allowed: false, policies: ['default/web-deny'] } });
    expect(s.net.curl(client(), 'http://web', 5)).toMatchObject({ exitCode: 28, stderr: 'curl: (28) Connection timed out after 5001 milliseconds' });
  });
});
