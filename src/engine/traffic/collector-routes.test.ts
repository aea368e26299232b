import { beforeAll, describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import type { ClusterSpec } from '../cluster/cluster-spec';
import { app, create, namespace, podsOf, sandbox, type Sandbox } from '../network/test-support';
import { decodeTrafficConfig } from './decode';
import type { FlowEdge } from './flows';

/**
 * Apps that name their collector (`OTEL_EXPORTER_OTLP_ENDPOINT=http://otel-collector.otel:4318`)
 * instead of using the agent on their node: spans cross the network to the collector
 * Deployment's pod wherever it runs, through CoreDNS and the ClusterIP's rules. One collector
 * replica is one place for every span to be lost.
 */

const SPEC: ClusterSpec = { distribution: 'kubeadm', controlPlane: { nodes: 1, etcd: 'stacked' }, nodes: [{ name: 'worker-{i}', count: 3 }] };

const COLLECTOR_CONFIG = `exporters:
  otlphttp:
    traces_endpoint: https://otlp.observability.example/v1/traces
`;

function installCollector(s: Sandbox): void {
  create(s, 'configmaps', 'otel', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'otel-collector-config', namespace: 'otel' }, data: { 'config.yaml': COLLECTOR_CONFIG } });
  const labels = { app: 'otel-collector' };
  create(s, 'deployments', 'otel', {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'otel-collector', namespace: 'otel', labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [{ name: 'otel-collector', image: 'otel/opentelemetry-collector-contrib:0.115.1', ports: [{ containerPort: 4317 }, { containerPort: 4318 }] }],
          volumes: [{ name: 'config', configMap: { name: 'otel-collector-config' } }],
        },
      },
    },
  });
  create(s, 'services', 'otel', {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'otel-collector', namespace: 'otel' },
    spec: { selector: labels, ports: [{ name: 'otlp-grpc', port: 4317, targetPort: 4317 }, { name: 'otlp-http', port: 4318, targetPort: 4318 }] },
  });
}

function collectorCluster(endpoint = 'http://otel-collector.otel:4318'): Sandbox {
  const s = sandbox(SPEC, 11);
  namespace(s, 'otel');
  namespace(s, 'shop');
  installCollector(s);
  const env = (name: string): Pod['spec']['containers'][number]['env'] => [{ name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: endpoint }, { name: 'OTEL_SERVICE_NAME', value: name }];
  app(s, { ns: 'shop', name: 'frontend', replicas: 3, env: env('frontend') });
  app(s, { ns: 'shop', name: 'backend', replicas: 3, port: 8080, env: env('backend') });
  s.cluster.advance(90_000);
  const cfg = decodeTrafficConfig({
    entries: [{ name: 'users', ratePerSecond: 40, target: { service: { namespace: 'shop', name: 'frontend', port: 80 } } }],
    services: [{ namespace: 'shop', service: 'frontend', latencyMs: 4, calls: [{ service: 'backend', port: 8080 }] }],
    otel: { traceSampleEvery: 10 },
  });
  if (!cfg.ok) throw new Error(cfg.errors.join('\n'));
  s.traffic.configure(cfg.config);
  return s;
}

function edges(s: Sandbox, last: number, kind: FlowEdge['kind']): FlowEdge[] {
  return s.traffic.recentBuckets(last).flatMap((b) => b.edges.filter((e) => e.kind === kind));
}

const id = (p: Pod): string => `pod/${p.metadata.namespace}/${p.metadata.name}`;

function runningCollector(s: Sandbox): Pod | undefined {
  return podsOf(s, 'otel', 'otel-collector').find((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp && p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
}

describe('spans to a collector named by its Service', () => {
  let s: Sandbox;
  let collector: Pod;
  beforeAll(() => {
    s = collectorCluster();
    s.cluster.advance(10_000);
    collector = podsOf(s, 'otel', 'otel-collector')[0]!;
  });

  it('every app pod sends to the one collector pod, across nodes', () => {
    const spans = edges(s, 5, 'span');
    const apps = [...podsOf(s, 'shop', 'frontend'), ...podsOf(s, 'shop', 'backend')];
    expect(new Set(spans.map((e) => e.from))).toEqual(new Set(apps.map(id)));
    expect(spans.every((e) => e.to === id(collector) && e.ok > 0 && e.failed === 0)).toBe(true);
    expect(apps.some((p) => p.spec.nodeName !== collector.spec.nodeName)).toBe(true);
  });

  it('the collector exports to the backend its ConfigMap names; nothing is dropped', () => {
    const exports = edges(s, 5, 'export');
    expect(exports.map((e) => `${e.from} → ${e.to}`)).toContain(`${id(collector)} → backend/observability-backend`);
    expect(s.traffic.generator.pipeline.targetOf(collector, s.traffic.generator.current).endpoint).toBe('https://otlp.observability.example/v1/traces');
    const c = s.traffic.counters.spans;
    expect(c.dropped).toBe(0);
    expect(c.exported).toBeGreaterThan(500);
    expect(c.generated).toBe(c.exported + c.dropped + c.buffered);
  });

  it('sampled spans went through the collector (k8s_attributes applied)', () => {
    const spans = s.traffic.recentTraces().flatMap((t) => t.spans);
    expect(spans.length).toBeGreaterThan(10);
    expect(spans.every((sp) => sp.delivery === 'exported' && sp.resource['k8s.pod.name'] !== undefined)).toBe(true);
  });
});

describe('the collector’s node dies', () => {
  it('every span is dropped until the collector’s replacement is Running, then they flow again', () => {
    const s = collectorCluster();
    s.cluster.advance(5000);
    const old = podsOf(s, 'otel', 'otel-collector')[0]!;
    const victim = old.spec.nodeName!;
    s.cluster.killNode(victim);
    const c = s.traffic.counters.spans;
    const unreachable = (): number => c.droppedBy['collector-unreachable'];
    // Sample the counter every 30 s: it rises in every window until a replacement serves.
    const samples: { t: number; dropped: number; replaced: boolean }[] = [];
    for (let t = 30; t <= 480; t += 30) {
      s.cluster.advance(30_000);
      const next = runningCollector(s);
      samples.push({ t, dropped: unreachable(), replaced: next !== undefined && next.metadata.uid !== old.metadata.uid });
    }
    const firstReplaced = samples.findIndex((x) => x.replaced);
    // Eviction waits for the 300 s unreachable toleration after NotReady (~50 s).
    expect(samples[firstReplaced]!.t).toBeGreaterThan(330);
    expect(samples[firstReplaced]!.t).toBeLessThanOrEqual(420);
    for (let i = 1; i < firstReplaced; i++) expect(samples[i]!.dropped).toBeGreaterThan(samples[i - 1]!.dropped);
    // A window after the replacement started: no new drops.
    const after = samples.slice(firstReplaced + 1);
    expect(after.length).toBeGreaterThan(1);
    for (let i = 1; i < after.length; i++) expect(after[i]!.dropped).toBe(after[i - 1]!.dropped);
    expect(c.droppedBy['collector-lost']).toBeGreaterThan(0);
    expect(c.generated).toBe(c.exported + c.dropped + c.buffered);

    const replacement = runningCollector(s)!;
    expect(replacement.spec.nodeName).not.toBe(victim);
    const spans = edges(s, 3, 'span');
    expect(spans.length).toBeGreaterThan(0);
    expect(spans.every((e) => e.to === id(replacement) && e.failed === 0)).toBe(true);
  });

  it('before NotReady the dead endpoint times out; after it, the Service has no ready endpoint', () => {
    const s = collectorCluster();
    s.cluster.advance(5000);
    const old = podsOf(s, 'otel', 'otel-collector')[0]!;
    s.cluster.killNode(old.spec.nodeName!);
    s.cluster.advance(10_000);
    const early = edges(s, 3, 'span');
    // Senders on live nodes still pick the dead pod's IP: the spans fail there.
    expect(early.length).toBeGreaterThan(0);
    expect(early.every((e) => e.to === `ip/${old.status!.podIP}` && e.ok === 0 && e.failed > 0)).toBe(true);
    s.cluster.advance(80_000);
    const late = edges(s, 3, 'span');
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((e) => e.to === 'svc/otel/otel-collector' && e.ok === 0 && e.failed > 0)).toBe(true);
    expect(s.traffic.recentTraces(5).flatMap((t) => t.spans).every((sp) => sp.delivery === 'dropped')).toBe(true);
  });
});

describe('a collector that cannot be reached at all', () => {
  it.each([
    ['a name no Service has', 'http://no-such-collector.otel:4318', 'host/no-such-collector.otel'],
    ['a port the Service does not have', 'http://otel-collector.otel:9999', 'svc/otel/otel-collector'],
    ['localhost with nothing listening', 'http://localhost:4318', 'host/localhost'],
  ])('%s: every span is dropped and counted', (_n, endpoint, target) => {
    const s = collectorCluster(endpoint);
    s.cluster.advance(5000);
    const c = s.traffic.counters.spans;
    expect(c.generated).toBeGreaterThan(100);
    expect(c.droppedBy['collector-unreachable']).toBe(c.generated);
    expect(edges(s, 3, 'span').every((e) => e.to === target && e.failed > 0 && e.ok === 0)).toBe(true);
  });
});
