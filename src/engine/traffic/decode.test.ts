import { describe, expect, it } from 'vitest';
import { decodeTrafficConfig, findCycle } from './decode';

describe('traffic config decoding', () => {
  it('fills the defaults', () => {
    const r = decodeTrafficConfig({
      entries: [{ name: 'web', ratePerSecond: 10, target: { ingress: { host: 'shop.local' } } }],
      services: [{ service: 'frontend', calls: [{ service: 'backend' }] }],
    });
    expect(r).toEqual({
      ok: true,
      config: {
        bucketMs: 1000, ringBuckets: 120,
        entries: [{ name: 'web', ratePerSecond: 10, bytesPerRequest: 1500, target: { kind: 'Ingress', host: 'shop.local', path: '/' } }],
        services: [{ namespace: 'default', service: 'frontend', latencyMs: 5, errorRate: 0, calls: [{ namespace: 'default', service: 'backend', port: 80, perRequest: 1, path: '/' }] }],
        otel: { traceSampleEvery: 100, maxTraces: 200, maxTracesPerBucket: 3, exporterQueueBatches: 1000, retryMaxElapsedMs: 300_000 },
      },
    });
  });

  it('reads a Splunk backend and a cluster name', () => {
    const r = decodeTrafficConfig({ otel: { clusterName: 'demo', backend: { realm: 'eu0' } } });
    expect(r.ok && r.config.otel).toMatchObject({ clusterName: 'demo', backend: { kind: 'splunk', realm: 'eu0' } });
  });

  it.each([
    ['not an object', 42, ['traffic: must be an object']],
    ['negative rate', { entries: [{ ratePerSecond: -1, target: { service: { name: 'a' } } }] }, ['traffic.entries[0].ratePerSecond: must be a number between 0 and 1000000']],
    ['missing service name', { services: [{ latencyMs: 3 }] }, ['traffic.services[0].service: must be a non-empty string']],
    ['error rate above 1', { services: [{ service: 'a', errorRate: 2 }] }, ['traffic.services[0].errorRate: must be a number between 0 and 1']],
    ['path without slash', { entries: [{ ratePerSecond: 1, target: { ingress: { host: 'h', path: 'api' } } }] }, ['traffic.entries[0].target.ingress.path: must start with "/"']],
    ['calls not a list', { services: [{ service: 'a', calls: 'b' }] }, ['traffic.services[0].calls: must be a list']],
    ['bad realm', { otel: { backend: { realm: 'US 1' } } }, ['traffic.otel.backend.realm: must be lower-case letters, digits and dashes']],
    ['duplicate service', { services: [{ service: 'a' }, { service: 'a' }] }, ['traffic.services: default/a is described twice']],
    ['a cycle', { services: [{ service: 'a', calls: [{ service: 'b' }] }, { service: 'b', calls: [{ service: 'a' }] }] }, ['traffic.services: the call graph has a cycle through default/a, default/b']],
    ['NaN latency', { services: [{ service: 'a', latencyMs: Number.NaN }] }, ['traffic.services[0].latencyMs: must be a number between 0 and 60000']],
  ])('rejects %s with a path', (_n, input, errors) => {
    expect(decodeTrafficConfig(input)).toEqual({ ok: false, errors });
  });

  it('caps list sizes', () => {
    const r = decodeTrafficConfig({ entries: Array.from({ length: 101 }, () => ({ ratePerSecond: 1, target: { service: { name: 'a' } } })) });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual(['traffic.entries: at most 100 items']);
  });

  it('finds no cycle in a chain', () => {
    expect(findCycle([
      { namespace: 'd', service: 'a', latencyMs: 1, errorRate: 0, calls: [{ namespace: 'd', service: 'b', port: 80, perRequest: 1, path: '/' }] },
      { namespace: 'd', service: 'b', latencyMs: 1, errorRate: 0, calls: [] },
    ])).toEqual([]);
  });
});
