import { describe, expect, it } from 'vitest';
import type { Deployment, EndpointSlice, Pod, Service } from '../../api/types';
import { startTestCluster, USER, type TestCluster } from '../testing/harness';

function deployment(replicas: number): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }] } },
    },
  };
}

const service: Service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default', labels: { tier: 'front' } },
  spec: { selector: { app: 'web' }, ports: [{ name: 'web', port: 80, targetPort: 'http', protocol: 'TCP' }] },
};

const slices = (t: TestCluster): EndpointSlice[] => t.list<EndpointSlice>('endpointslices', 'default').filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web');

describe('EndpointSlice controller', () => {
  it('lists every matching pod with an IP, ports resolved from the named targetPort', () => {
    const t = startTestCluster({ agent: { outcome: (p) => (p.metadata.name.endsWith('b') ? { kind: 'not-ready' } : { kind: 'ready' }) } });
    const svc = t.create('services', service);
    t.advance(1000);
    const [placeholder] = slices(t);
    expect(placeholder?.endpoints).toEqual([]);
    expect(placeholder?.ports).toEqual([]);
    t.create('deployments', deployment(3));
    t.advance(10_000);
    const [slice, ...more] = slices(t);
    expect(more).toEqual([]);
    expect(slice!.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice!.metadata.labels).toEqual({ tier: 'front', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    expect(slice!.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(slice!.addressType).toBe('IPv4');
    expect(slice!.ports).toEqual([{ name: 'web', port: 8080, protocol: 'TCP' }]);
    const pods = t.list<Pod>('pods', 'default').filter((p) => p.metadata.labels?.app === 'web');
    expect(slice!.endpoints).toHaveLength(3);
    for (const pod of pods) {
      const e = slice!.endpoints.find((x) => x.targetRef?.name === pod.metadata.name)!;
      const ready = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
      expect(e).toEqual({
        addresses: [pod.status!.podIP],
        conditions: { ready, serving: ready, terminating: false },
        nodeName: pod.spec.nodeName,
        targetRef: { kind: 'Pod', namespace: 'default', name: pod.metadata.name, uid: pod.metadata.uid },
      });
    }
  });

  it('marks a terminating pod not ready but serving, then drops it', () => {
    const t = startTestCluster({ agent: { terminationDelayMs: 5000 } });
    t.create('services', service);
    t.create('deployments', deployment(2));
    t.advance(10_000);
    const victim = t.list<Pod>('pods', 'default').find((p) => p.metadata.labels?.app === 'web')!;
    t.api.delete(USER, 'pods', 'default', victim.metadata.name);
    t.advance(1000);
    const during = slices(t)[0]!.endpoints.find((e) => e.targetRef?.name === victim.metadata.name);
    expect(during?.conditions).toEqual({ ready: false, serving: true, terminating: true });
    t.advance(10_000);
    const names = slices(t).flatMap((s) => s.endpoints.map((e) => e.targetRef?.name));
    expect(names).not.toContain(victim.metadata.name);
    expect(names).toHaveLength(2);
  });

  it('splits more than 100 endpoints over several slices and writes nothing when nothing changes', () => {
    const t = startTestCluster();
    t.create('services', service);
    t.create('deployments', deployment(150));
    t.advance(20_000);
    const all = slices(t);
    expect(all.map((s) => s.endpoints.length).sort((a, b) => a - b)).toEqual([50, 100]);
    expect(new Set(all.flatMap((s) => s.endpoints.map((e) => e.targetRef?.uid))).size).toBe(150);
    const versions = all.map((s) => s.metadata.resourceVersion);
    t.advance(60_000);
    expect(slices(t).map((s) => s.metadata.resourceVersion)).toEqual(versions);
  });

  it('publishNotReadyAddresses makes every endpoint ready', () => {
    const t = startTestCluster({ agent: { outcome: () => ({ kind: 'not-ready' }) } });
    t.create('services', { ...service, spec: { ...service.spec, publishNotReadyAddresses: true } });
    t.create('deployments', deployment(2));
    t.advance(10_000);
    expect(slices(t)[0]!.endpoints.map((e) => e.conditions)).toEqual([
      { ready: true, serving: true, terminating: false },
      { ready: true, serving: true, terminating: false },
    ]);
  });
});
