import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/types';
import { Informer } from '../../client/informer';
import { advance, testApi, testEnv } from '../../ha/test-support';
import { PodLabelIndex } from './pod-label-index';

const CTX = { component: 'test' };

function pod(name: string, labels: Record<string, string>): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
}

describe('PodLabelIndex', () => {
  it('selects the newest pod objects, following label changes and deletes', () => {
    const env = testEnv();
    const api = testApi(env);
    const inf = new Informer<Pod>(api, CTX, 'pods');
    const index = new PodLabelIndex().attach(inf);
    inf.start();
    for (const [name, labels] of [['a', { app: 'web', tier: 'fe' }], ['b', { app: 'web' }], ['c', { app: 'db' }]] as const) {
      expect(api.create(CTX, 'pods', 'default', pod(name, labels)).ok).toBe(true);
    }
    advance(env, 100);
    const names = (sel: Record<string, string>): string[] => index.select('default', sel).map((p) => p.metadata.name).sort();
    expect([names({ app: 'web' }), names({ app: 'web', tier: 'fe' }), names({}), names({ app: 'none' })]).toEqual([['a', 'b'], ['a'], [], []]);
    const a = api.peek<Pod>('pods', 'default', 'a')!;
    expect(api.update(CTX, 'pods', { ...a, status: { phase: 'Running', podIP: '10.0.0.1' } }, 'status').ok).toBe(true);
    const b = api.peek<Pod>('pods', 'default', 'b')!;
    expect(api.update(CTX, 'pods', { ...b, metadata: { ...b.metadata, labels: { app: 'db' } } }).ok).toBe(true);
    advance(env, 100);
    expect(index.select('default', { app: 'web' }).map((p) => [p.metadata.name, p.status?.podIP])).toEqual([['a', '10.0.0.1']]);
    expect(names({ app: 'db' })).toEqual(['b', 'c']);
    expect(api.delete(CTX, 'pods', 'default', 'c', { gracePeriodSeconds: 0 }).ok).toBe(true);
    advance(env, 100);
    expect(names({ app: 'db' })).toEqual(['b']);
  });
});
