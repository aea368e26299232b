import { describe, expect, it } from 'vitest';
import type { Deployment, Pod, Service } from '../../api/types';
import { startTestCluster, USER } from '../testing/harness';
import type { Endpoints } from './endpoints-from-slices';

const service: Service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
  spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
};

function deployment(replicas: number): Deployment {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  };
}

describe('Endpoints controller (legacy)', () => {
  it('mirrors ready and not-ready addresses, drops terminating ones, and goes with the Service', () => {
    const t = startTestCluster({ agent: { terminationDelayMs: 5000, outcome: (p) => (p.metadata.labels?.slow ? { kind: 'not-ready' } : { kind: 'ready' }) } });
    t.create('services', service);
    t.create('deployments', deployment(2));
    t.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'extra', namespace: 'default', labels: { app: 'web', slow: 'yes' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    t.advance(10_000);
    // The bare pod has no pod-template-hash, so the ReplicaSet leaves it alone; the Service selects it.
    const pods = t.list<Pod>('pods', 'default').filter((p) => p.metadata.labels?.app === 'web' && !p.metadata.labels.slow);
    const ep = t.get<Endpoints>('endpoints', 'default', 'web')!;
    expect(ep.metadata.labels).toEqual({ app: 'web' });
    expect(ep.subsets).toHaveLength(1);
    expect(ep.subsets?.[0]?.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(ep.subsets?.[0]?.addresses?.map((a) => a.targetRef?.name).sort()).toEqual(pods.map((p) => p.metadata.name).sort());
    expect(ep.subsets?.[0]?.notReadyAddresses?.map((a) => a.targetRef?.name)).toEqual(['extra']);
    expect(ep.subsets?.[0]?.addresses?.[0]).toMatchObject({ ip: expect.stringMatching(/^10\.244\./), nodeName: expect.any(String), targetRef: { kind: 'Pod', namespace: 'default' } });
    const victim = pods[0]!;
    t.api.delete(USER, 'pods', 'default', victim.metadata.name);
    t.advance(1000);
    const names = (t.get<Endpoints>('endpoints', 'default', 'web')!.subsets ?? []).flatMap((s) => [...(s.addresses ?? []), ...(s.notReadyAddresses ?? [])]).map((a) => a.targetRef?.name);
    expect(names).not.toContain(victim.metadata.name);
    t.api.delete(USER, 'services', 'default', 'web');
    t.advance(1000);
    expect(t.get('endpoints', 'default', 'web')).toBeUndefined();
  });

  it('lists not-ready pods under notReadyAddresses', () => {
    const t = startTestCluster({ agent: { outcome: (p) => (p.metadata.labels?.app === 'web' ? { kind: 'not-ready' } : { kind: 'ready' }) } });
    t.create('services', service);
    t.create('deployments', deployment(2));
    t.advance(10_000);
    const ep = t.get<Endpoints>('endpoints', 'default', 'web')!;
    expect(ep.subsets?.[0]?.addresses).toBeUndefined();
    expect(ep.subsets?.[0]?.notReadyAddresses).toHaveLength(2);
  });
});
