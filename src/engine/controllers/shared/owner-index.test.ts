import { describe, expect, it } from 'vitest';
import type { ApiServer } from '../../api/apiserver';
import type { OwnerReference, Pod } from '../../api/types';
import { Informer } from '../../client/informer';
import { advance, testApi, testEnv } from '../../ha/test-support';
import type { SimEnv } from '../../sim/env';
import { PodsByNode } from '../node-lifecycle/pods-by-node';
import { OwnerIndex } from './owner-index';

const CTX = { component: 'test' };
const ref = (uid: string): OwnerReference => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `rs-${uid}`, uid, controller: true });

function pod(name: string, owner?: string, ns = 'default'): Pod {
  const p: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
  if (owner) p.metadata.ownerReferences = [ref(owner)];
  return p;
}

function setup(): { env: SimEnv; api: ApiServer; owners: OwnerIndex<Pod>; byNode: PodsByNode; write: (p: Pod) => void } {
  const env = testEnv();
  const api = testApi(env);
  const inf = new Informer<Pod>(api, CTX, 'pods');
  const owners = new OwnerIndex<Pod>().attach(inf);
  const byNode = new PodsByNode();
  byNode.attach(inf);
  inf.start();
  const write = (p: Pod): void => {
    const cur = api.peek<Pod>('pods', p.metadata.namespace, p.metadata.name);
    const res = cur ? api.update(CTX, 'pods', { ...p, metadata: { ...cur.metadata, ownerReferences: p.metadata.ownerReferences } }) : api.create(CTX, 'pods', p.metadata.namespace, p);
    expect(res.ok).toBe(true);
    advance(env, 100);
  };
  return { env, api, owners, byNode, write };
}

const names = (ps: readonly Pod[]): string[] => ps.map((p) => p.metadata.name);

describe('OwnerIndex (buckets found from the cached object)', () => {
  it('follows adds, owner changes, orphaning, status writes and deletes', () => {
    const { env, api, owners, write } = setup();
    write(pod('a', 'u1'));
    write(pod('b', 'u1'));
    write(pod('c'));
    write(pod('d', undefined, 'other'));
    expect([names(owners.owned('u1')), names(owners.orphansIn('default')), names(owners.orphansIn('other'))]).toEqual([['a', 'b'], ['c'], ['d']]);
    write(pod('a', 'u2'));
    write(pod('c', 'u2'));
    write(pod('b'));
    expect([names(owners.owned('u1')), names(owners.owned('u2')), names(owners.orphansIn('default'))]).toEqual([[], ['a', 'c'], ['b']]);
    // A status write keeps the bucket and its order, with the newer object.
    const a = api.peek<Pod>('pods', 'default', 'a')!;
    expect(api.update(CTX, 'pods', { ...a, status: { phase: 'Running' } }, 'status').ok).toBe(true);
    advance(env, 100);
    expect(owners.owned('u2').map((p) => [p.metadata.name, p.status?.phase])).toEqual([['a', 'Running'], ['c', undefined]]);
    expect(api.delete(CTX, 'pods', 'default', 'c', { gracePeriodSeconds: 0 }).ok).toBe(true);
    expect(api.delete(CTX, 'pods', 'default', 'b', { gracePeriodSeconds: 0 }).ok).toBe(true);
    advance(env, 100);
    expect([names(owners.owned('u2')), names(owners.orphansIn('default')), owners.ownedCount('u2')]).toEqual([['a'], [], 1]);
  });
});

describe('PodsByNode (node found from the cached object)', () => {
  it('follows binds, status writes and deletes', () => {
    const { env, api, byNode, write } = setup();
    write(pod('a'));
    write(pod('b'));
    expect(byNode.on('n1')).toEqual([]);
    expect(api.bind(CTX, 'default', 'b', 'n1').ok).toBe(true);
    expect(api.bind(CTX, 'default', 'a', 'n1').ok).toBe(true);
    advance(env, 100);
    expect(names(byNode.on('n1'))).toEqual(['a', 'b']);
    const a = api.peek<Pod>('pods', 'default', 'a')!;
    expect(api.update(CTX, 'pods', { ...a, status: { phase: 'Running' } }, 'status').ok).toBe(true);
    advance(env, 100);
    expect(byNode.on('n1').map((p) => p.status?.phase)).toEqual(['Running', undefined]);
    expect(api.delete(CTX, 'pods', 'default', 'a', { gracePeriodSeconds: 0 }).ok).toBe(true);
    advance(env, 100);
    expect(names(byNode.on('n1'))).toEqual(['b']);
    expect(byNode.get('default/b')?.spec.nodeName).toBe('n1');
    expect([[...byNode.nodes()], byNode.hasPods('n1'), byNode.hasPods('n2')]).toEqual([['n1'], true, false]);
    expect(api.delete(CTX, 'pods', 'default', 'b', { gracePeriodSeconds: 0 }).ok).toBe(true);
    advance(env, 100);
    expect([[...byNode.nodes()], byNode.hasPods('n1')]).toEqual([[], false]);
  });
});
