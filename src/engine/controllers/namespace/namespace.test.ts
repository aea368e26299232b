import { describe, expect, it } from 'vitest';
import type { Deployment, Namespace } from '../../api/types';
import { startTestCluster, USER } from '../testing/harness';

describe('namespace controller', () => {
  it('deletes everything in a terminating namespace, then the namespace itself', () => {
    const t = startTestCluster({ agent: { terminationDelayMs: 4000 } });
    t.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' }, spec: { finalizers: ['kubernetes'] } });
    const d: Deployment = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'cart', namespace: 'shop' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'cart' } }, template: { metadata: { labels: { app: 'cart' } }, spec: { containers: [{ name: 'c', image: 'cart:1' }] } } },
    };
    t.create('deployments', d);
    t.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop' } });
    t.advance(10_000);
    expect(t.list('pods', 'shop')).toHaveLength(2);
    t.api.delete(USER, 'namespaces', undefined, 'shop');
    t.advance(1000);
    const ns = t.get<Namespace>('namespaces', undefined, 'shop')!;
    expect(ns.status?.phase).toBe('Terminating');
    expect(t.list('deployments', 'shop')).toHaveLength(0);
    expect(t.list('configmaps', 'shop')).toHaveLength(0);
    const remaining = ns.status?.conditions?.find((c) => c.type === 'NamespaceContentRemaining');
    expect([remaining?.status, remaining?.reason, remaining?.message]).toEqual(['True', 'SomeResourcesRemain', 'Some resources are remaining: pods. has 2 resource instances']);
    expect(ns.status?.conditions?.map((c) => c.type)).toEqual([
      'NamespaceDeletionDiscoveryFailure', 'NamespaceDeletionGroupVersionParsingFailure', 'NamespaceDeletionContentFailure',
      'NamespaceContentRemaining', 'NamespaceFinalizersRemaining',
    ]);
    t.advance(40_000);
    expect(t.list('pods', 'shop')).toHaveLength(0);
    expect(t.get('namespaces', undefined, 'shop')).toBeUndefined();
  });
});
