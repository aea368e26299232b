import { beforeAll, describe, expect, it } from 'vitest';
import type { ClusterSpec } from '../cluster/cluster-spec';
import { app, create, namespace, podsOf, sandbox, type Sandbox } from '../network/test-support';
import { decodeTrafficConfig } from './decode';
import type { FlowEdge } from './flows';
import type { Trace } from './spans';

const SPEC: ClusterSpec = { distribution: 'kubeadm', controlPlane: { nodes: 1, etcd: 'stacked' }, nodes: [{ name: 'worker-{i}', count: 3 }] };

const AGENT_CONFIG = `exporters:
  otlp_http:
    traces_endpoint: https://ingest.us1.observability.splunkcloud.com/v2/trace/otlp
    headers:
      X-SF-Token: \${SPLUNK_OBSERVABILITY_ACCESS_TOKEN}
processors:
  resource/add_cluster_name:
    attributes:
      - action: upsert
        value: demo-cluster
        key: k8s.cluster.name
`;

const OTEL_ENV = [
  { name: 'SPLUNK_OTEL_AGENT', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } },
  { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://$(SPLUNK_OTEL_AGENT):4318' },
];

/** The agent DaemonSet as the splunk-otel-collector chart shapes it: hostPorts 4317/4318, config from a ConfigMap. */
function installAgents(s: Sandbox): void {
  create(s, 'configmaps', 'otel', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'splunk-otel-collector-otel-agent', namespace: 'otel' }, data: { relay: AGENT_CONFIG } });
  const labels = { app: 'splunk-otel-collector', component: 'otel-collector-agent' };
  create(s, 'daemonsets', 'otel', {
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'splunk-otel-collector-agent', namespace: 'otel', labels },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [{
            name: 'otel-collector', image: 'quay.io/signalfx/splunk-otel-collector:0.158.0',
            ports: [{ name: 'otlp', containerPort: 4317, hostPort: 4317 }, { name: 'otlp-http', containerPort: 4318, hostPort: 4318 }],
          }],
          volumes: [{ name: 'otel-configmap', configMap: { name: 'splunk-otel-collector-otel-agent' } }],
        },
      },
    },
  });
}

function otelCluster(otel: Record<string, unknown> = {}, withAgents = true): Sandbox {
  const s = sandbox(SPEC, 5);
  namespace(s, 'otel');
  namespace(s, 'shop');
  if (withAgents) installAgents(s);
  app(s, { ns: 'shop', name: 'frontend', replicas: 3, env: [...OTEL_ENV, { name: 'OTEL_SERVICE_NAME', value: 'frontend' }] });
  app(s, { ns: 'shop', name: 'backend', replicas: 2, port: 8080, image: 'python:3.12-slim', env: [...OTEL_ENV, { name: 'OTEL_SERVICE_NAME', value: 'backend' }] });
  app(s, { ns: 'shop', name: 'database', port: 5432, image: 'postgres:16' });
  s.cluster.advance(90_000);
  const cfg = decodeTrafficConfig({
    entries: [{ name: 'users', ratePerSecond: 50, target: { service: { namespace: 'shop', name: 'frontend', port: 80 } } }],
    services: [
      { namespace: 'shop', service: 'frontend', latencyMs: 4, calls: [{ service: 'backend', port: 8080, path: '/api/cart' }] },
      { namespace: 'shop', service: 'backend', latencyMs: 10, calls: [{ service: 'database', port: 5432 }] },
      { namespace: 'shop', service: 'database', latencyMs: 3, instrumented: true, operation: 'SELECT cart' },
    ],
    otel: { traceSampleEvery: 10, ...otel },
  });
  if (!cfg.ok) throw new Error(cfg.errors.join('\n'));
  s.traffic.configure(cfg.config);
  return s;
}

function spanEdges(s: Sandbox, last = 10, kind: FlowEdge['kind'] = 'span'): FlowEdge[] {
  return s.traffic.recentBuckets(last).flatMap((b) => b.edges.filter((e) => e.kind === kind));
}

describe('OpenTelemetry pipeline with the agent DaemonSet', () => {
  let s: Sandbox;
  beforeAll(() => {
    s = otelCluster();
    s.cluster.advance(20_000);
  });

  it('every instrumented pod sends to the agent on its own node', () => {
    const edges = spanEdges(s);
    const agents = podsOf(s, 'otel', 'splunk-otel-collector-agent');
    expect(agents).toHaveLength(3);
    const nodeOf = new Map([...podsOf(s, 'shop', 'frontend'), ...podsOf(s, 'shop', 'backend'), ...podsOf(s, 'shop', 'database'), ...agents].map((p) => [`pod/${p.metadata.namespace}/${p.metadata.name}`, p.spec.nodeName]));
    const senders = new Set(edges.map((e) => e.from));
    expect(senders.size).toBe(6);
    for (const e of edges) {
      expect(e.to).toMatch(/^pod\/otel\/splunk-otel-collector-agent-/);
      expect(nodeOf.get(e.to)).toBe(nodeOf.get(e.from));
      expect(e.failed).toBe(0);
    }
  });

  it('agents export to Splunk Observability Cloud (realm and cluster name from their ConfigMap)', () => {
    const exports = spanEdges(s, 10, 'export');
    expect(exports.length).toBeGreaterThan(0);
    expect(new Set(exports.map((e) => e.to))).toEqual(new Set(['backend/splunk-observability-cloud']));
    const c = s.traffic.counters.spans;
    expect(c.exported).toBeGreaterThan(1000);
    expect(c.generated).toBe(c.received + c.dropped);
    expect(c.received).toBe(c.exported + c.buffered);
    expect(c.buffered).toBeGreaterThan(0);
    expect(s.traffic.generator.pipeline.targetOf(podsOf(s, 'otel', 'splunk-otel-collector-agent')[0]!, s.traffic.generator.current)).toEqual({
      id: 'backend/splunk-observability-cloud', endpoint: 'https://ingest.us1.observability.splunkcloud.com/v2/trace/otlp', clusterName: 'demo-cluster',
    });
  });

  it('samples traces spanning frontend → backend → database', () => {
    const traces = s.traffic.recentTraces();
    expect(traces.length).toBeGreaterThan(5);
    const t = traces.find((x) => x.services.length >= 3)!;
    expect(t.services).toEqual(['backend', 'database', 'frontend']);
    checkStructure(t);
    const names = t.spans.map((sp) => `${sp.resource['service.name']}:${sp.kind}:${sp.name}`);
    expect(names).toEqual(['frontend:SERVER:GET /', 'frontend:CLIENT:GET', 'backend:SERVER:GET /api/cart', 'backend:CLIENT:GET', 'database:SERVER:SELECT cart']);
  });
});

/** ids, parent links, timing and the k8s.* resource attributes the agent adds. */
function checkStructure(t: Trace): void {
  expect(t.traceId).toMatch(/^[0-9a-f]{32}$/);
  const ids = new Set(t.spans.map((sp) => sp.spanId));
  expect(ids.size).toBe(t.spans.length);
  const roots = t.spans.filter((sp) => sp.parentSpanId === '');
  expect(roots).toHaveLength(1);
  for (const sp of t.spans) {
    expect(sp.traceId).toBe(t.traceId);
    expect(sp.spanId).toMatch(/^[0-9a-f]{16}$/);
    if (sp.parentSpanId !== '') {
      expect(ids.has(sp.parentSpanId)).toBe(true);
      const parent = t.spans.find((p) => p.spanId === sp.parentSpanId)!;
      expect(sp.startMs).toBeGreaterThanOrEqual(parent.startMs);
      expect(sp.startMs + sp.durationMs).toBeLessThanOrEqual(parent.startMs + parent.durationMs + 1e-9);
    }
    expect(BigInt(sp.endTimeUnixNano) - BigInt(sp.startTimeUnixNano)).toBe(BigInt(Math.round((sp.startMs + sp.durationMs) * 1e6)) - BigInt(Math.round(sp.startMs * 1e6)));
    expect(sp.delivery).toBe('exported');
    expect(Object.keys(sp.resource).sort()).toEqual(expect.arrayContaining([
      'container.image.name', 'container.image.tag', 'k8s.cluster.name', 'k8s.namespace.name', 'k8s.node.name', 'k8s.pod.name', 'k8s.pod.uid', 'service.name',
    ]));
    expect(sp.resource['k8s.cluster.name']).toBe('demo-cluster');
    expect(sp.resource['k8s.namespace.name']).toBe('shop');
    expect(sp.resource['k8s.pod.uid']).toMatch(/^[0-9a-f-]{36}$/);
  }
}

describe('when the pipeline breaks', () => {
  it('no agent on the nodes: spans are dropped and counted (no-agent)', () => {
    const s = otelCluster({}, false);
    s.cluster.advance(10_000);
    const c = s.traffic.counters.spans;
    expect(c.received).toBe(0);
    expect(c.droppedBy['no-agent']).toBe(c.generated);
    expect(c.generated).toBeGreaterThan(1000);
    const edges = spanEdges(s);
    expect(edges.every((e) => e.to.startsWith('agent/worker-') && e.ok === 0 && e.failed > 0)).toBe(true);
    expect(s.traffic.recentTraces().flatMap((t) => t.spans).every((sp) => sp.delivery === 'dropped' && sp.resource['k8s.pod.name'] === undefined)).toBe(true);
  });

  it('backend unreachable: exporters queue (bounded), then drop; recovery drains the queue', () => {
    const s = otelCluster({ exporterQueueBatches: 20 });
    s.cluster.advance(5000);
    s.traffic.setBackendReachable(false);
    s.cluster.advance(2000);
    const c = s.traffic.counters.spans;
    expect(c.queuedBatches).toBeGreaterThan(0);
    expect(c.droppedBy['queue-full']).toBe(0);
    s.cluster.advance(10_000);
    expect(c.queuedBatches).toBe(60);
    expect(c.droppedBy['queue-full']).toBeGreaterThan(0);
    expect(spanEdges(s, 3, 'export').every((e) => e.ok === 0)).toBe(true);
    const before = c.exported;
    s.traffic.setBackendReachable(true);
    s.cluster.advance(1000);
    expect(c.queuedBatches).toBe(0);
    expect(c.exported - before).toBeGreaterThan(60);
    expect(c.generated).toBe(c.exported + c.dropped + c.buffered);
  });

  it('queued batches expire after retry_on_failure max elapsed time', () => {
    const s = otelCluster({ retryMaxElapsedMs: 3000 });
    s.traffic.setBackendReachable(false);
    s.cluster.advance(10_000);
    expect(s.traffic.counters.spans.droppedBy['retry-expired']).toBeGreaterThan(0);
    expect(s.traffic.counters.spans.droppedBy['queue-full']).toBe(0);
  });

  it('a node dies: its pods stop sending, its agent loses its queue, the rest flows on', () => {
    const s = otelCluster();
    s.cluster.advance(3000);
    s.traffic.setBackendReachable(false);
    s.cluster.advance(3000);
    const victim = podsOf(s, 'shop', 'backend')[0]!.spec.nodeName!;
    const onVictim = new Set(s.net.pods.onNode(victim).map((p) => `pod/${p.metadata.namespace}/${p.metadata.name}`));
    s.cluster.killNode(victim);
    s.cluster.advance(2000);
    s.traffic.setBackendReachable(true);
    expect(s.traffic.counters.spans.droppedBy['agent-lost']).toBeGreaterThan(0);
    s.cluster.advance(5000);
    const late = spanEdges(s, 3);
    expect(late.length).toBeGreaterThan(0);
    expect(late.some((e) => onVictim.has(e.from) || onVictim.has(e.to))).toBe(false);
  });

  it('killing a node raises the dropped-span counter: its agent was still batching', () => {
    const s = otelCluster();
    s.cluster.advance(5000);
    const before = s.traffic.counters.spans.dropped;
    s.cluster.killNode(podsOf(s, 'shop', 'frontend')[0]!.spec.nodeName!);
    s.cluster.advance(2000);
    const c = s.traffic.counters.spans;
    expect(c.droppedBy['agent-lost']).toBeGreaterThan(0);
    expect(c.dropped).toBeGreaterThan(before);
    expect(c.generated).toBe(c.exported + c.dropped + c.buffered);
  });
});
