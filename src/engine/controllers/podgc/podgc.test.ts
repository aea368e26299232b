import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/types';
import { startTestCluster, USER } from '../testing/harness';
import { PodGcController } from './podgc-controller';

function bare(name: string, extra: Partial<Pod['metadata']> = {}): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels: { app: 'batch' }, ...extra }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } };
}

describe('pod GC', () => {
  it('deletes terminated pods above the threshold, oldest first', () => {
    const t = startTestCluster({ agent: { outcome: (p) => (p.metadata.labels?.app === 'batch' ? { kind: 'succeed', afterMs: 100 } : { kind: 'ready' }) } });
    for (const name of ['a', 'b', 'c', 'd']) {
      t.create('pods', bare(name));
      t.advance(2000);
    }
    const gc = new PodGcController(t.cluster.env, t.api, 2);
    gc.start();
    t.advance(25_000);
    gc.stop();
    expect(t.list<Pod>('pods', 'default').map((p) => p.metadata.name).sort()).toEqual(['c', 'd']);
  });

  it('force-deletes pods of a node that is gone, marking them Failed with DisruptionTarget', () => {
    const t = startTestCluster();
    t.create('pods', bare('kept', { finalizers: ['example.com/hold'] }));
    t.advance(3000);
    const node = t.get<Pod>('pods', 'default', 'kept')!.spec.nodeName!;
    t.cluster.removeNode(node);
    t.advance(30_000);
    expect(t.get<Pod>('pods', 'default', 'kept')?.metadata.deletionTimestamp).toBeUndefined();
    t.advance(50_000);
    const pod = t.get<Pod>('pods', 'default', 'kept')!;
    expect(pod.metadata.deletionTimestamp).toBeDefined();
    expect(pod.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(pod.status?.phase).toBe('Failed');
    expect(pod.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' });
    t.api.patch(USER, 'pods', 'default', 'kept', { metadata: { finalizers: null } });
    expect(t.get('pods', 'default', 'kept')).toBeUndefined();
  });
});
