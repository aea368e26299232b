import { describe, expect, it } from 'vitest';
import type { KubeEvent, Pod, ReplicaSet } from '../../api/types';
import { startTestCluster, USER } from '../testing/harness';

function rs(name: string, replicas: number): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } },
    },
  };
}

function podsOf(t: ReturnType<typeof startTestCluster>, name: string): Pod[] {
  return t.list<Pod>('pods', 'default').filter((p) => p.metadata.labels?.app === name);
}

describe('ReplicaSet controller', () => {
  it('creates replicas named <rs>-<5 chars> with a controller reference and reports status', () => {
    const t = startTestCluster();
    const created = t.create('replicasets', rs('web', 3));
    t.advance(5000);
    const pods = podsOf(t, 'web');
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: created.metadata.uid, controller: true, blockOwnerDeletion: true }]);
      expect(p.status?.phase).toBe('Running');
    }
    const stored = t.get<ReplicaSet>('replicasets', 'default', 'web');
    expect(stored?.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    const events = t.list<KubeEvent>('events', 'default').filter((e) => e.involvedObject.name === 'web');
    expect(events.map((e) => e.reason)).toEqual(['SuccessfulCreate', 'SuccessfulCreate', 'SuccessfulCreate']);
    expect(events[0]!.message).toMatch(/^Created pod: web-/);
    expect(events[0]!.source.component).toBe('replicaset-controller');
  });

  it('replaces a deleted pod at once, without waiting for it to terminate', () => {
    const t = startTestCluster({ agent: { terminationDelayMs: 30_000 } });
    t.create('replicasets', rs('web', 2));
    t.advance(5000);
    const victim = podsOf(t, 'web')[0]!;
    t.api.delete(USER, 'pods', 'default', victim.metadata.name);
    t.advance(100);
    const pods = podsOf(t, 'web');
    expect(pods).toHaveLength(3);
    expect(pods.filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(2);
    t.advance(40_000);
    expect(podsOf(t, 'web')).toHaveLength(2);
  });

  it('scales down unscheduled and not-ready pods first', () => {
    const t = startTestCluster({ agent: { outcome: (p) => (p.metadata.labels?.slow === 'yes' ? { kind: 'not-ready' } : { kind: 'ready' }) } });
    t.create('replicasets', rs('web', 3));
    t.advance(5000);
    const ready = podsOf(t, 'web').map((p) => p.metadata.name);
    const orphan: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'slowpoke', namespace: 'default', labels: { app: 'web', slow: 'yes' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } };
    t.create('pods', orphan);
    t.advance(5000);
    // The orphan matched the selector: adopted, then one pod too many → the not-ready one goes.
    const left = podsOf(t, 'web').filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name);
    expect(left.sort()).toEqual([...ready].sort());
    const del = t.list<KubeEvent>('events', 'default').find((e) => e.reason === 'SuccessfulDelete');
    expect(del?.message).toBe('Deleted pod: slowpoke');
  });

  it('releases a pod whose labels stop matching and creates a replacement', () => {
    const t = startTestCluster();
    t.create('replicasets', rs('web', 2));
    t.advance(5000);
    const pod = podsOf(t, 'web')[0]!;
    t.api.patch(USER, 'pods', 'default', pod.metadata.name, { metadata: { labels: { app: 'debug' } } });
    t.advance(5000);
    const released = t.get<Pod>('pods', 'default', pod.metadata.name);
    expect(released?.metadata.ownerReferences).toBeUndefined();
    expect(podsOf(t, 'web')).toHaveLength(2);
  });
});
