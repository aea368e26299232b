import { describe, expect, it } from 'vitest';
import type { KubeEvent, Pod, StatefulSet } from '../../api/types';
import { parseTimestamp } from '../../sim/time';
import { startTestCluster, USER, type TestCluster } from '../testing/harness';

function web(replicas: number, extra: Partial<StatefulSet['spec']> = {}): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'default' },
    spec: {
      replicas,
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres:16' }] } },
      ...extra,
    },
  };
}

const pods = (t: TestCluster): Pod[] => t.list<Pod>('pods', 'default').filter((p) => p.metadata.labels?.app === 'db');
const names = (t: TestCluster): string[] => pods(t).filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name).sort();
const sts = (t: TestCluster): StatefulSet => t.get<StatefulSet>('statefulsets', 'default', 'db')!;
const messages = (t: TestCluster): string[] =>
  t.list<KubeEvent>('events', 'default').filter((e) => e.involvedObject.kind === 'StatefulSet')
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion)).map((e) => e.message);

function setImage(t: TestCluster, image: string): void {
  const next = JSON.parse(JSON.stringify(sts(t))) as StatefulSet;
  next.spec.template.spec.containers[0]!.image = image;
  t.api.update(USER, 'statefulsets', next);
}

describe('StatefulSet controller', () => {
  it('OrderedReady: creates <set>-<i> one at a time, each after the previous is Running and Ready', () => {
    const t = startTestCluster({ agent: { startDelayMs: 2000 } });
    t.create('statefulsets', web(3));
    t.advance(1000);
    expect(names(t)).toEqual(['db-0']);
    t.advance(2000);
    expect(names(t)).toEqual(['db-0', 'db-1']);
    t.advance(10_000);
    expect(names(t)).toEqual(['db-0', 'db-1', 'db-2']);
    const created = pods(t).map((p) => [p.metadata.name, parseTimestamp(p.metadata.creationTimestamp)!] as const).sort((a, b) => a[1] - b[1]);
    expect(created.map(([n]) => n)).toEqual(['db-0', 'db-1', 'db-2']);
    const p1 = t.get<Pod>('pods', 'default', 'db-1')!;
    expect(p1.metadata.labels).toMatchObject({ app: 'db', 'statefulset.kubernetes.io/pod-name': 'db-1', 'apps.kubernetes.io/pod-index': '1' });
    expect(p1.metadata.labels?.['controller-revision-hash']).toMatch(/^db-[456789bcdf]{9,10}$/);
    expect([p1.spec.hostname, p1.spec.subdomain]).toEqual(['db-1', 'db']);
    expect(p1.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'StatefulSet', name: 'db', controller: true, blockOwnerDeletion: true });
    expect(messages(t)).toEqual(['create Pod db-0 in StatefulSet db successful', 'create Pod db-1 in StatefulSet db successful', 'create Pod db-2 in StatefulSet db successful']);
    expect(sts(t).status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, currentReplicas: 3, updatedReplicas: 3, observedGeneration: 1 });
    expect(sts(t).status?.currentRevision).toBe(sts(t).status?.updateRevision);
  });

  it('scales down from the highest ordinal, waiting for each pod to be gone', () => {
    const t = startTestCluster({ agent: { terminationDelayMs: 3000 } });
    t.create('statefulsets', web(3));
    t.advance(10_000);
    t.api.patch(USER, 'statefulsets', 'default', 'db', { spec: { replicas: 1 } });
    t.advance(1000);
    expect(t.get<Pod>('pods', 'default', 'db-2')?.metadata.deletionTimestamp).toBeDefined();
    expect(t.get<Pod>('pods', 'default', 'db-1')?.metadata.deletionTimestamp).toBeUndefined();
    t.advance(3000);
    expect(t.get<Pod>('pods', 'default', 'db-2')).toBeUndefined();
    expect(t.get<Pod>('pods', 'default', 'db-1')?.metadata.deletionTimestamp).toBeDefined();
    t.advance(5000);
    expect(pods(t).map((p) => p.metadata.name)).toEqual(['db-0']);
  });

  it('mounts one claim per volumeClaimTemplate, named <template>-<set>-<ordinal>', () => {
    const t = startTestCluster();
    t.create('statefulsets', web(2, {
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres:16' }], volumes: [{ name: 'data', emptyDir: {} }, { name: 'tmp', emptyDir: {} }] } },
    }));
    t.advance(1000);
    expect(t.get<Pod>('pods', 'default', 'db-0')?.spec.volumes).toEqual([
      { name: 'data', persistentVolumeClaim: { claimName: 'data-db-0' } },
      { name: 'tmp', emptyDir: {} },
    ]);
  });

  it('recreates a deleted pod under the same name', () => {
    const t = startTestCluster();
    t.create('statefulsets', web(2));
    t.advance(10_000);
    const old = t.get<Pod>('pods', 'default', 'db-0')!;
    t.api.delete(USER, 'pods', 'default', 'db-0');
    t.advance(5000);
    const fresh = t.get<Pod>('pods', 'default', 'db-0')!;
    expect(fresh.metadata.uid).not.toBe(old.metadata.uid);
    expect(fresh.status?.phase).toBe('Running');
  });

  it('Parallel creates every ordinal at once', () => {
    const t = startTestCluster({ agent: { startDelayMs: 2000 } });
    t.create('statefulsets', web(3, { podManagementPolicy: 'Parallel' }));
    t.advance(500);
    expect(names(t)).toEqual(['db-0', 'db-1', 'db-2']);
  });

  it('rolls updates from the highest ordinal down, honouring the partition', () => {
    const t = startTestCluster({ agent: { terminationDelayMs: 1000, startDelayMs: 1000 } });
    t.create('statefulsets', web(3));
    t.advance(15_000);
    const firstRevision = sts(t).status?.updateRevision;
    setImage(t, 'postgres:17');
    const order: string[] = [];
    for (let ms = 0; ms < 30_000; ms += 50) {
      t.advance(50);
      for (const p of pods(t)) if (p.spec.containers[0]!.image === 'postgres:17' && !order.includes(p.metadata.name)) order.push(p.metadata.name);
    }
    expect(order).toEqual(['db-2', 'db-1', 'db-0']);
    const st = sts(t).status!;
    expect(st.updateRevision).not.toBe(firstRevision);
    expect(st.currentRevision).toBe(st.updateRevision);
    expect(st).toMatchObject({ replicas: 3, updatedReplicas: 3, currentReplicas: 3, readyReplicas: 3 });

    t.api.patch(USER, 'statefulsets', 'default', 'db', { spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } } });
    t.advance(1000);
    setImage(t, 'postgres:18');
    t.advance(20_000);
    expect(pods(t).map((p) => `${p.metadata.name}=${p.spec.containers[0]!.image}`).sort()).toEqual(['db-0=postgres:17', 'db-1=postgres:17', 'db-2=postgres:18']);
  });
});
