import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { Rng } from '../sim/rng';
import { exportDestination, exportTargetFromConfig, imageParts, isInstrumented, isOtelAgentPod, serviceNameOf } from './otel';
import { newSpanId, newTraceId, spanResource, traceparent, unixNano } from './spans';

function pod(extra: { env?: { name: string; value?: string }[]; annotations?: Record<string, string>; ports?: { containerPort: number; hostPort?: number }[] } = {}): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'shop', uid: '0b6f3c1e-7a6d-4f3e-9c1b-2d5e8f9a0b1c', ...(extra.annotations ? { annotations: extra.annotations } : {}) },
    spec: { nodeName: 'worker-2', containers: [{ name: 'web', image: 'ghcr.io/acme/web:1.4.2', ...(extra.env ? { env: extra.env } : {}), ...(extra.ports ? { ports: extra.ports } : {}) }] },
    status: { containerStatuses: [{ name: 'web', image: 'ghcr.io/acme/web:1.4.2', ready: true, restartCount: 0, state: {}, containerID: 'containerd://abc123' }] },
  };
}

describe('instrumentation', () => {
  it.each([
    ['OTLP endpoint env', pod({ env: [{ name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://x:4318' }] }), false, undefined, true],
    ['SPLUNK_OTEL_AGENT env', pod({ env: [{ name: 'SPLUNK_OTEL_AGENT' }] }), false, undefined, true],
    ['annotation with the operator running', pod({ annotations: { 'instrumentation.opentelemetry.io/inject-python': 'true' } }), true, undefined, true],
    ['annotation without the operator', pod({ annotations: { 'instrumentation.opentelemetry.io/inject-python': 'true' } }), false, undefined, false],
    ['annotation set to false', pod({ annotations: { 'instrumentation.opentelemetry.io/inject-java': 'false' } }), true, undefined, false],
    ['nothing', pod(), true, undefined, false],
    ['scenario flag wins', pod(), false, true, true],
  ])('%s', (_n, p, operator, forced, want) => {
    expect(isInstrumented(p, operator, forced)).toBe(want);
  });

  it('service.name from OTEL_SERVICE_NAME, else the Service', () => {
    expect(serviceNameOf(pod({ env: [{ name: 'OTEL_SERVICE_NAME', value: 'cart' }] }), 'web')).toBe('cart');
    expect(serviceNameOf(pod(), 'web')).toBe('web');
  });

  it('recognises an agent by its OTLP hostPort', () => {
    expect(isOtelAgentPod(pod({ ports: [{ containerPort: 4318, hostPort: 4318 }] }))).toBe(true);
    expect(isOtelAgentPod(pod({ ports: [{ containerPort: 4318 }] }))).toBe(false);
  });
});

describe('export targets from the agent config', () => {
  it.each([
    ['current ingest host', 'traces_endpoint: https://ingest.us1.observability.splunkcloud.com/v2/trace/otlp', 'backend/splunk-observability-cloud', 'https://ingest.us1.observability.splunkcloud.com/v2/trace/otlp'],
    ['legacy signalfx host', 'endpoint: https://ingest.eu0.signalfx.com/v2/trace', 'backend/splunk-observability-cloud', 'https://ingest.eu0.observability.splunkcloud.com/v2/trace/otlp'],
    ['any OTLP endpoint', 'otlphttp:\n  traces_endpoint: "http://tempo.monitoring:4318/v1/traces"', 'backend/observability-backend', 'http://tempo.monitoring:4318/v1/traces'],
  ])('%s', (_n, text, id, endpoint) => {
    expect(exportTargetFromConfig(text)).toMatchObject({ id, endpoint });
  });

  it('reads k8s.cluster.name from the resource processor', () => {
    const t = exportTargetFromConfig('traces_endpoint: http://b:4318\n  - action: upsert\n    value: prod-eu\n    key: k8s.cluster.name\n');
    expect(t?.clusterName).toBe('prod-eu');
    expect(exportTargetFromConfig('receivers: {}')).toBeUndefined();
  });
});

describe('span basics', () => {
  it.each([
    ['nginx:1.27', 'nginx', '1.27'],
    ['ghcr.io/acme/web:1.4.2', 'ghcr.io/acme/web', '1.4.2'],
    ['localhost:5000/app', 'localhost:5000/app', 'latest'],
    ['busybox@sha256:abcd', 'busybox', 'latest'],
  ])('image %s → %s : %s', (image, name, tag) => {
    expect(imageParts(image)).toEqual({ name, tag });
  });

  it('ids are lower-case hex of the right length, deterministic per seed', () => {
    const a = new Rng(5);
    const t = newTraceId(a);
    const s = newSpanId(a);
    expect(t).toMatch(/^[0-9a-f]{32}$/);
    expect(s).toMatch(/^[0-9a-f]{16}$/);
    const b = new Rng(5);
    expect([newTraceId(b), newSpanId(b)]).toEqual([t, s]);
    expect(traceparent(t, s)).toBe(`00-${t}-${s}-01`);
  });

  it('unix nanoseconds from simulated milliseconds', () => {
    expect(unixNano(0)).toBe('1767258000000000000');
    expect(unixNano(1.5)).toBe('1767258000001500000');
  });

  it('k8s_attributes only when the span went through an agent', () => {
    expect(spanResource(pod(), 'web', false, 'c1')).toEqual({ 'service.name': 'web', 'telemetry.sdk.name': 'opentelemetry' });
    expect(spanResource(pod(), 'web', true, 'c1')).toEqual({
      'service.name': 'web', 'telemetry.sdk.name': 'opentelemetry',
      'k8s.namespace.name': 'shop', 'k8s.pod.name': 'web-1', 'k8s.pod.uid': '0b6f3c1e-7a6d-4f3e-9c1b-2d5e8f9a0b1c', 'k8s.node.name': 'worker-2',
      'container.image.name': 'ghcr.io/acme/web', 'container.image.tag': '1.4.2', 'container.id': 'abc123', 'k8s.cluster.name': 'c1',
    });
  });
});

describe('where a pod exports (OTLP endpoint env)', () => {
  const HOST_IP = { name: 'SPLUNK_OTEL_AGENT', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } };
  const env = (...e: { name: string; value?: string; valueFrom?: { fieldRef: { fieldPath: string } } }[]): Pod => ({ ...pod(), spec: { nodeName: 'worker-2', containers: [{ name: 'web', image: 'web:1', env: e }] } });
  it.each([
    ['no endpoint: the node agent', env(), { kind: 'node-agent' }],
    ['$(hostIP var):4318: the node agent', env(HOST_IP, { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://$(SPLUNK_OTEL_AGENT):4318' }), { kind: 'node-agent' }],
    ['a Service name', env({ name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://otel-collector.observability:4318' }), { kind: 'host', host: 'otel-collector.observability', port: 4318 }],
    ['the traces variable wins', env({ name: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', value: 'https://Traces.Obs.svc.cluster.local:4318/v1/traces' }, { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://other:4318' }), { kind: 'host', host: 'traces.obs.svc.cluster.local', port: 4318 }],
    ['a literal variable expands', env({ name: 'COLLECTOR', value: 'otel-gw' }, { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://$(COLLECTOR):4318' }), { kind: 'host', host: 'otel-gw', port: 4318 }],
    ['http without a port: 80', env({ name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://collector' }), { kind: 'host', host: 'collector', port: 80 }],
    ['gRPC host:port without a scheme', env({ name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'collector:4317' }), { kind: 'host', host: 'collector', port: 4317 }],
    ['localhost (a sidecar)', env({ name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://localhost:4318' }), { kind: 'host', host: 'localhost', port: 4318 }],
    ['a variable defined later is not expanded', env({ name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://$(LATER):4318' }, { name: 'LATER', value: 'x' }), { kind: 'invalid' }],
    ['$$( stays literal', env({ name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://$$(X):4318' }), { kind: 'invalid' }],
    ['not a URL', env({ name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'ftp://collector:21' }), { kind: 'invalid' }],
    ['port out of range', env({ name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://collector:99999' }), { kind: 'invalid' }],
  ])('%s', (_n, p, want) => {
    expect(exportDestination(p)).toMatchObject(want);
  });
});
