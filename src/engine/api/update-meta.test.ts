import { describe, expect, it } from 'vitest';
import type { ObjectMeta } from './types';
import { keptMetadata } from './update-meta';

/** The spread-then-delete keptMetadata replaces: same keys, same values, same order. */
function reference(draft: ObjectMeta, keep: ObjectMeta, ns: string | undefined, namespaced: boolean): ObjectMeta {
  const out: ObjectMeta = {
    ...draft,
    name: keep.name,
    uid: keep.uid,
    creationTimestamp: keep.creationTimestamp,
    resourceVersion: keep.resourceVersion,
    generation: keep.generation,
    deletionTimestamp: keep.deletionTimestamp,
    deletionGracePeriodSeconds: keep.deletionGracePeriodSeconds,
    ...(namespaced ? { namespace: ns } : {}),
  };
  if (!out.deletionTimestamp) delete out.deletionTimestamp;
  if (out.deletionGracePeriodSeconds === undefined) delete out.deletionGracePeriodSeconds;
  if (out.generation === undefined) delete out.generation;
  return out;
}

const stored: ObjectMeta = { name: 'web', namespace: 'default', uid: 'u1', resourceVersion: '7', creationTimestamp: '2026-01-01T09:00:00Z', labels: { app: 'web' } };

describe('keptMetadata', () => {
  it.each<[string, ObjectMeta, ObjectMeta, boolean]>([
    ['a lease renewal', { ...stored }, stored, true],
    ['a draft that lost its server fields', { name: 'web', labels: { app: 'x' } }, stored, true],
    ['a draft claiming a generation and deletion', { name: 'web', generation: 9, deletionTimestamp: 'x', deletionGracePeriodSeconds: 3 }, stored, true],
    ['a stored object being deleted', { name: 'web', annotations: { a: 'b' } }, { ...stored, generation: 2, deletionTimestamp: '2026-01-01T09:01:00Z', deletionGracePeriodSeconds: 0 }, true],
    ['a cluster-scoped object', { name: 'node-1', labels: {} }, { name: 'node-1', uid: 'n', resourceVersion: '3', creationTimestamp: 't' }, false],
  ])('%s', (_case, draft, keep, namespaced) => {
    const got = keptMetadata({ ...draft }, keep, namespaced ? 'default' : undefined, namespaced);
    const want = reference({ ...draft }, keep, namespaced ? 'default' : undefined, namespaced);
    expect(got).toEqual(want);
    expect(Object.keys(got)).toEqual(Object.keys(want));
  });
});
