import { describe, expect, it } from 'vitest';
import type { ConfigMap, Deployment, Pod, ReplicaSet } from '../../api/types';
import { startTestCluster, USER, type TestCluster } from '../testing/harness';

function web(): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
    },
  };
}

const rss = (t: TestCluster): ReplicaSet[] => t.list<ReplicaSet>('replicasets', 'default');
const pods = (t: TestCluster): Pod[] => t.list<Pod>('pods', 'default').filter((p) => p.metadata.labels?.app === 'web');

describe('garbage collector', () => {
  it('background: the owner goes at once, dependents follow', () => {
    const t = startTestCluster({ agent: { terminationDelayMs: 2000 } });
    t.create('deployments', web());
    t.advance(10_000);
    t.api.delete(USER, 'deployments', 'default', 'web');
    expect(t.get('deployments', 'default', 'web')).toBeUndefined();
    t.advance(100);
    expect(rss(t)).toHaveLength(0);
    expect(pods(t).every((p) => p.metadata.deletionTimestamp)).toBe(true);
    t.advance(5000);
    expect(pods(t)).toHaveLength(0);
  });

  it('foreground: the owner stays (foregroundDeletion) until its blocking dependents are gone', () => {
    const t = startTestCluster({ agent: { terminationDelayMs: 3000 } });
    t.create('deployments', web());
    t.advance(10_000);
    t.api.delete(USER, 'deployments', 'default', 'web', { propagationPolicy: 'Foreground' });
    t.advance(500);
    const d = t.get<Deployment>('deployments', 'default', 'web');
    expect(d?.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(d?.metadata.deletionTimestamp).toBeDefined();
    const rs = rss(t)[0];
    expect(rs?.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(pods(t).every((p) => p.metadata.deletionTimestamp)).toBe(true);
    t.advance(2000);
    expect(t.get('deployments', 'default', 'web')).toBeDefined();
    t.advance(5000);
    expect(pods(t)).toHaveLength(0);
    expect(rss(t)).toHaveLength(0);
    expect(t.get('deployments', 'default', 'web')).toBeUndefined();
  });

  it('orphan: dependents lose the ownerReference and stay', () => {
    const t = startTestCluster();
    t.create('deployments', web());
    t.advance(10_000);
    const before = pods(t).map((p) => p.metadata.name).sort();
    t.api.delete(USER, 'deployments', 'default', 'web', { propagationPolicy: 'Orphan' });
    t.advance(5000);
    expect(t.get('deployments', 'default', 'web')).toBeUndefined();
    const [rs, ...more] = rss(t);
    expect(more).toEqual([]);
    expect(rs?.metadata.ownerReferences).toBeUndefined();
    expect(pods(t).map((p) => p.metadata.name).sort()).toEqual(before);
    expect(pods(t).every((p) => p.metadata.ownerReferences?.[0]?.name === rs?.metadata.name)).toBe(true);
  });

  it('collects an object whose owner never existed', () => {
    const t = startTestCluster();
    t.create('configmaps', {
      apiVersion: 'v1', kind: 'ConfigMap',
      metadata: { name: 'stray', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'ghost', uid: 'no-such-uid' }] },
    });
    t.advance(1000);
    expect(t.get('configmaps', 'default', 'stray')).toBeUndefined();
  });

  it('keeps a dependent that still has a live owner, dropping only the dangling reference', () => {
    const t = startTestCluster();
    const cm = t.create<ConfigMap>('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner', namespace: 'default' } });
    t.create('configmaps', {
      apiVersion: 'v1', kind: 'ConfigMap',
      metadata: {
        name: 'shared', namespace: 'default',
        ownerReferences: [
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: cm.metadata.uid! },
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: 'gone' },
        ],
      },
    });
    t.advance(1000);
    expect(t.get<ConfigMap>('configmaps', 'default', 'shared')?.metadata.ownerReferences?.map((r) => r.name)).toEqual(['owner']);
  });
});
