import { describe, expect, it } from 'vitest';
import type { ConfigMap, OwnerReference } from '../../api/types';
import { deepFreeze } from '../../util/clone';
import { OwnerGraph } from './graph';

const ref = (uid: string, block = false): OwnerReference => ({ apiVersion: 'v1', kind: 'ConfigMap', name: `o-${uid}`, uid, blockOwnerDeletion: block });

function obj(uid: string, owners?: OwnerReference[], finalizers?: string[]): ConfigMap {
  const o: ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `n-${uid}`, namespace: 'default', uid } };
  if (owners) o.metadata.ownerReferences = owners;
  if (finalizers) o.metadata.finalizers = finalizers;
  return deepFreeze(o);
}

describe('OwnerGraph', () => {
  it('keeps an object\'s own (frozen) ownerReferences list and relinks dependents when it changes', () => {
    const g = new OwnerGraph();
    g.upsert('configmaps', obj('a'));
    g.upsert('configmaps', obj('b'));
    const v1 = obj('d', [ref('a')]);
    g.upsert('configmaps', v1);
    expect(g.get('d')!.owners).toBe(v1.metadata.ownerReferences);
    expect([...g.get('a')!.dependents]).toEqual(['d']);
    const v2 = obj('d', [ref('b')]);
    g.upsert('configmaps', v2);
    expect(g.get('d')!.owners).toBe(v2.metadata.ownerReferences);
    expect([...g.get('a')!.dependents]).toEqual([]);
    expect([...g.get('b')!.dependents]).toEqual(['d']);
    expect(g.get('d')).toMatchObject({ resource: 'configmaps', namespace: 'default', name: 'n-d', kind: 'ConfigMap', observed: true });
  });

  it.each([
    { finalizers: ['foregroundDeletion'], deleting: true, orphaning: false },
    { finalizers: ['orphan'], deleting: false, orphaning: true },
    { finalizers: undefined, deleting: false, orphaning: false },
  ])('a deleted object with finalizers $finalizers: deletingDependents $deleting, orphaning $orphaning', ({ finalizers, deleting, orphaning }) => {
    const g = new OwnerGraph();
    g.upsert('configmaps', obj('a', undefined, finalizers));
    const deleted: ConfigMap = { ...obj('a', undefined, finalizers), metadata: { ...obj('a', undefined, finalizers).metadata, deletionTimestamp: '2024-01-01T00:00:00Z' } };
    const change = g.upsert('configmaps', deleted);
    expect([change.startedDeletingDependents, change.startedOrphaning]).toEqual([deleting, orphaning]);
    expect(g.get('a')!.beingDeleted).toBe(true);
  });

  it('an unknown owner is flagged and kept as a virtual node until its dependents go', () => {
    const g = new OwnerGraph();
    expect(g.upsert('configmaps', obj('d', [ref('ghost')])).unknownOwners).toBe(true);
    expect(g.get('ghost')?.observed).toBe(false);
    g.remove(obj('d', [ref('ghost')]));
    expect(g.get('ghost')).toBeUndefined();
  });
});
