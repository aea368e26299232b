import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Rng } from '../sim/rng';
import type { ClusterSpec } from '../cluster/cluster-spec';
import { app, create, namespace, podsOf, sandbox, scale, type Sandbox } from '../network/test-support';
import { decodeTrafficConfig } from './decode';
import type { FlowBucket, FlowEdge } from './flows';

/** The k3s document's taskmaster app: nginx ingress, `/` → frontend, `/api` → backend → postgres. */
const K3S: ClusterSpec = { distribution: 'k3s', controlPlane: { nodes: 1, etcd: 'stacked' }, nodes: [{ name: 'agent-{i}', count: 2 }] };

const TRAFFIC = {
  entries: [
    { name: 'browser', ratePerSecond: 20, target: { ingress: { host: 'taskmaster.local', path: '/' } } },
    { name: 'api-client', ratePerSecond: 30, target: { ingress: { host: 'taskmaster.local', path: '/api/tasks' } } },
  ],
  services: [
    // The frontend also tries the database directly, which the NetworkPolicy forbids.
    { namespace: 'taskmaster', service: 'frontend-svc', latencyMs: 3, calls: [{ service: 'postgres', port: 5432, perRequest: 0.5 }] },
    { namespace: 'taskmaster', service: 'backend-svc', latencyMs: 12, calls: [{ service: 'postgres', port: 5432 }] },
    { namespace: 'taskmaster', service: 'postgres', latencyMs: 4 },
  ],
};

function taskmaster(): Sandbox {
  const s = sandbox(K3S, 3);
  namespace(s, 'taskmaster');
  app(s, { ns: 'taskmaster', name: 'frontend-svc', replicas: 2, labels: { app: 'frontend' } });
  app(s, { ns: 'taskmaster', name: 'backend-svc', replicas: 2, port: 5000, image: 'python:3.12-slim', labels: { app: 'backend' } });
  app(s, { ns: 'taskmaster', name: 'postgres', port: 5432, image: 'postgres:16', labels: { app: 'postgres' } });
  app(s, { ns: 'kube-system', name: 'nginx-ingress-controller', image: 'registry.k8s.io/ingress-nginx/controller:v1.13.0', service: false, labels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' } });
  create(s, 'ingresses', 'taskmaster', {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'taskmaster', namespace: 'taskmaster' },
    spec: {
      ingressClassName: 'nginx',
      rules: [{ host: 'taskmaster.local', http: { paths: [
        { path: '/', pathType: 'Prefix', backend: { service: { name: 'frontend-svc', port: { number: 80 } } } },
        { path: '/api', pathType: 'Prefix', backend: { service: { name: 'backend-svc', port: { number: 5000 } } } },
      ] } }],
    },
  });
  create(s, 'networkpolicies', 'taskmaster', {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'postgres-allow-backend', namespace: 'taskmaster' },
    spec: {
      podSelector: { matchLabels: { app: 'postgres' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'backend' } } }], ports: [{ protocol: 'TCP', port: 5432 }] }],
    },
  });
  s.cluster.advance(60_000);
  const cfg = decodeTrafficConfig(TRAFFIC);
  if (!cfg.ok) throw new Error(cfg.errors.join('\n'));
  s.traffic.configure(cfg.config);
  return s;
}

/** Sums of ok / failed over the recent buckets for edges whose ends match. */
function sum(buckets: readonly FlowBucket[], from: RegExp, to: RegExp, kind: FlowEdge['kind'] = 'request'): { ok: number; failed: number } {
  let ok = 0;
  let failed = 0;
  for (const b of buckets) for (const e of b.edges) if (e.kind === kind && from.test(e.from) && to.test(e.to)) {
    ok += e.ok;
    failed += e.failed;
  }
  return { ok, failed };
}

describe('traffic through the taskmaster app (k3s document)', () => {
  let s: Sandbox;
  let buckets: FlowBucket[];
  beforeAll(() => {
    s = taskmaster();
    s.cluster.advance(20_000);
    buckets = s.traffic.recentBuckets(20);
  });

  it('makes one bucket per second, each an edge list sorted by kind, from, to', () => {
    expect(buckets).toHaveLength(20);
    expect(buckets[1]!.startMs - buckets[0]!.startMs).toBe(1000);
    const keys = buckets[5]!.edges.map((e) => `${e.kind}|${e.from}|${e.to}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('`/api` traffic goes user → ingress controller → backend Service → backend pods', () => {
    expect(sum(buckets, /^user\/api-client$/, /^pod\/kube-system\/nginx-ingress-controller-/).ok).toBeGreaterThan(400);
    expect(sum(buckets, /^pod\/kube-system\/nginx-ingress-controller-/, /^svc\/taskmaster\/backend-svc$/).ok).toBeGreaterThan(400);
    for (const p of podsOf(s, 'taskmaster', 'backend-svc')) {
      expect(sum(buckets, /^svc\/taskmaster\/backend-svc$/, new RegExp(`^pod/taskmaster/${p.metadata.name}$`)).ok).toBeGreaterThan(100);
    }
    expect(sum(buckets, /^pod\/taskmaster\/backend-svc-/, /^svc\/taskmaster\/postgres$/)).toMatchObject({ failed: 0 });
    expect(sum(buckets, /^svc\/taskmaster\/postgres$/, /^pod\/taskmaster\/postgres-/).ok).toBeGreaterThan(400);
  });

  it('`/` reaches the frontend; frontend → database is denied and counted', () => {
    expect(sum(buckets, /^svc\/taskmaster\/frontend-svc$/, /^pod\/taskmaster\/frontend-svc-/).ok).toBeGreaterThan(0);
    const denied = sum(buckets, /^pod\/taskmaster\/frontend-svc-/, /^svc\/taskmaster\/postgres$/);
    expect(denied.ok).toBe(0);
    expect(denied.failed).toBeGreaterThan(100);
    const c = s.traffic.counters;
    expect(c.failures.denied).toBeGreaterThan(100);
    expect(Object.keys(c.denials)).toEqual(['taskmaster/postgres-allow-backend']);
    // About half the browser requests make the forbidden call, and fail with it.
    const browser = sum(buckets, /^user\/browser$/, /./);
    expect(browser.failed / (browser.ok + browser.failed)).toBeGreaterThan(0.3);
    expect(browser.failed / (browser.ok + browser.failed)).toBeLessThan(0.7);
  });

  it('each bucket tallies what failed within it: the tallies add up to the counters', () => {
    // The ring keeps the last 120 buckets; 20 s of traffic fit, so the sums cover every bucket.
    const all = s.traffic.recentBuckets();
    expect(all.length).toBeLessThan(120);
    const c = s.traffic.counters;
    expect(all.reduce((n, b) => n + b.tally.failed, 0)).toBe(c.requests.failed);
    expect(all.reduce((n, b) => n + (b.tally.failures['denied'] ?? 0), 0)).toBe(c.failures.denied);
    expect(all.reduce((n, b) => n + b.tally.dropped, 0)).toBe(c.spans.dropped);
    expect(all.every((b) => Object.values(b.tally.failures).every((v) => v > 0))).toBe(true);
  });

  it('keeps every edge consistent: attempts = ok + failed, totals add up', () => {
    const c = s.traffic.counters;
    expect(c.requests.total).toBe(c.requests.ok + c.requests.failed);
    const api = sum(s.traffic.recentBuckets(), /^user\/api-client$/, /./);
    expect(api.failed).toBe(0);
  });

  it('logs a traffic interaction when failures start, not every bucket', () => {
    const recs = s.cluster.log.since(0).filter((r) => r.kind === 'traffic' && r.from === 'traffic');
    expect(recs.length).toBeGreaterThanOrEqual(1);
    expect(recs.length).toBeLessThan(5);
    expect(recs[0]!.label).toMatch(/^requests failing: denied \d+$/);
  });
});

describe('failure accounting', () => {
  it('a Service with no ready endpoints fails its requests (no-endpoints)', () => {
    const s = taskmaster();
    scale(s, 'taskmaster', 'backend-svc', 0);
    s.cluster.advance(60_000);
    const b = s.traffic.recentBuckets(10);
    const api = sum(b, /^user\/api-client$/, /./);
    expect(api.ok).toBe(0);
    expect(api.failed).toBeGreaterThan(200);
    expect(sum(b, /^pod\/kube-system\/nginx-ingress-controller-/, /^svc\/taskmaster\/backend-svc$/).failed).toBe(api.failed);
    expect(s.traffic.counters.failures['no-endpoints']).toBeGreaterThan(200);
  });

  it('no ingress controller running: every ingress request fails', () => {
    const s = taskmaster();
    scale(s, 'kube-system', 'nginx-ingress-controller', 0);
    // k3s clusters also bring their own controller (a DaemonSet): take it away too.
    s.cluster.api.delete({ component: 'test' }, 'daemonsets', 'kube-system', 'nginx-ingress-controller');
    s.cluster.advance(60_000);
    const b = s.traffic.recentBuckets(10);
    expect(sum(b, /^user\/api-client$/, /^ingress\/taskmaster\.local$/).failed).toBeGreaterThan(200);
    expect(s.traffic.counters.failures['no-ingress-controller']).toBeGreaterThan(200);
  });

  it('a dead node: flows from and to its pods stop, requests shift to the survivors', () => {
    const s = taskmaster();
    s.cluster.advance(5000);
    const victim = podsOf(s, 'taskmaster', 'backend-svc')[0]!.spec.nodeName!;
    const onVictim = new Set(s.net.pods.onNode(victim).map((p) => `pod/${p.metadata.namespace}/${p.metadata.name}`));
    s.cluster.killNode(victim);
    s.cluster.advance(400_000);
    const late = s.traffic.recentBuckets(10);
    for (const e of late.flatMap((x) => x.edges)) {
      expect(onVictim.has(e.from)).toBe(false);
      if (onVictim.has(e.to)) expect(e.ok).toBe(0);
    }
    // Replacements run elsewhere and /api works again.
    const api = sum(late, /^user\/api-client$/, /./);
    expect(api.ok).toBeGreaterThan(200);
  });
});

describe('determinism', () => {
  it('the same seed gives the same buckets, traces and event log', () => {
    const run = (): string => {
      const s = taskmaster();
      s.cluster.advance(10_000);
      return JSON.stringify([s.traffic.recentBuckets(), s.traffic.recentTraces().map((t) => t.traceId), s.traffic.counters, s.cluster.log.digest]);
    };
    expect(run()).toBe(run());
  });
});

describe('cost', () => {
  it('a bucket costs the same number of random draws at 1,000 and 1,000,000 requests per second', () => {
    const s = taskmaster();
    const draws = (rate: number): number => {
      const cfg = decodeTrafficConfig({ ...TRAFFIC, entries: TRAFFIC.entries.map((e) => ({ ...e, ratePerSecond: rate })), otel: { maxTracesPerBucket: 0 } });
      if (!cfg.ok) throw new Error(cfg.errors.join());
      s.traffic.configure(cfg.config);
      const spy = vi.spyOn(Rng.prototype, 'nextUint32');
      for (let i = 0; i < 5; i++) s.traffic.generator.tick();
      const n = spy.mock.calls.length;
      spy.mockRestore();
      return n;
    };
    const low = draws(1000);
    const high = draws(1_000_000);
    expect(s.traffic.recentBuckets(1)[0]!.edges.length).toBeLessThan(30);
    expect(high).toBeLessThan(low * 1.5);
  });
});
