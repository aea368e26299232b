import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../../api/types';
import { computeHash, safeEncodeString } from '../shared/hash';
import { resolveFenceposts, scaledValue } from '../shared/int-or-percent';
import { equalIgnoreHash, maxSurge, maxUnavailable, newRSNewReplicas, setNewReplicaSetAnnotations } from './util';

function deployment(replicas: number, strategy?: Deployment['spec']['strategy']): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: 'd-uid' },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }, ...(strategy ? { strategy } : {}) },
  };
}

function rs(replicas: number): ReplicaSet {
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'x' }, spec: { replicas, selector: {}, template: { spec: { containers: [] } } } };
}

describe('pod-template-hash', () => {
  it('maps decimal digits into the safe alphabet', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('is stable, 9–10 safe characters, and changes with the template and the collision count', () => {
    const t = deployment(1).spec.template;
    const h = computeHash(t);
    expect(h).toMatch(/^[456789bcdf]{9,10}$/);
    expect(computeHash(JSON.parse(JSON.stringify(t)))).toBe(h);
    expect(computeHash({ ...t, metadata: { labels: { app: 'other' } } })).not.toBe(h);
    expect(computeHash(t, 1)).not.toBe(h);
    expect(computeHash(t, 1)).not.toBe(computeHash(t, 2));
  });
});

describe('maxSurge / maxUnavailable', () => {
  const cases: { replicas: number; surge?: number | string; unavailable?: number | string; want: [number, number] }[] = [
    { replicas: 3, want: [1, 0] },
    { replicas: 4, want: [1, 1] },
    { replicas: 10, want: [3, 2] },
    { replicas: 1, want: [1, 0] },
    { replicas: 10, surge: '0%', unavailable: '0%', want: [0, 1] },
    { replicas: 10, surge: 0, unavailable: 0, want: [0, 1] },
    { replicas: 10, surge: '50%', unavailable: '35%', want: [5, 3] },
    { replicas: 5, surge: 2, unavailable: 10, want: [2, 5] },
    { replicas: 0, want: [0, 0] },
  ];
  it.each(cases)('replicas $replicas surge $surge unavailable $unavailable → $want', ({ replicas, surge, unavailable, want }) => {
    const d = deployment(replicas, { type: 'RollingUpdate', rollingUpdate: { ...(surge !== undefined ? { maxSurge: surge } : {}), ...(unavailable !== undefined ? { maxUnavailable: unavailable } : {}) } });
    expect([maxSurge(d), maxUnavailable(d)]).toEqual(want);
  });

  it('Recreate has neither', () => {
    const d = deployment(4, { type: 'Recreate' });
    expect([maxSurge(d), maxUnavailable(d)]).toEqual([0, 0]);
  });

  it('rounds percentages up for surge and down for unavailable', () => {
    expect(scaledValue('25%', 3, true)).toBe(1);
    expect(scaledValue('25%', 3, false)).toBe(0);
    expect(scaledValue('abc', 3, false)).toBeUndefined();
    expect(resolveFenceposts('0%', '10%', 5)).toEqual({ surge: 0, unavailable: 1 });
  });
});

describe('NewRSNewReplicas', () => {
  const cases: { replicas: number; oldSizes: number[]; newSize: number; want: number }[] = [
    { replicas: 4, oldSizes: [4], newSize: 0, want: 1 },
    { replicas: 4, oldSizes: [3], newSize: 1, want: 2 },
    { replicas: 4, oldSizes: [4], newSize: 1, want: 1 },
    { replicas: 4, oldSizes: [0], newSize: 3, want: 4 },
    { replicas: 10, oldSizes: [10], newSize: 0, want: 3 },
    { replicas: 10, oldSizes: [5, 3], newSize: 2, want: 5 },
  ];
  it.each(cases)('$replicas replicas, old $oldSizes, new $newSize → $want', ({ replicas, oldSizes, newSize, want }) => {
    const d = deployment(replicas);
    const newRS = rs(newSize);
    expect(newRSNewReplicas(d, [...oldSizes.map(rs), newRS], newRS)).toBe(want);
  });

  it('Recreate scales the new ReplicaSet straight to replicas', () => {
    const newRS = rs(0);
    expect(newRSNewReplicas(deployment(5, { type: 'Recreate' }), [rs(5), newRS], newRS)).toBe(5);
  });
});

describe('revision annotations', () => {
  it('a rolled-back ReplicaSet gets the next revision and remembers the old one', () => {
    const old = rs(0);
    old.metadata.annotations = { 'deployment.kubernetes.io/revision': '1' };
    expect(setNewReplicaSetAnnotations(deployment(3), old, 3, true)).toBe(true);
    expect(old.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' });
  });

  it('equalIgnoreHash ignores only pod-template-hash', () => {
    const a = deployment(1).spec.template;
    const b = { ...a, metadata: { labels: { app: 'web', 'pod-template-hash': 'abc' } } };
    expect(equalIgnoreHash(a, b)).toBe(true);
    expect(equalIgnoreHash(a, { ...b, metadata: { labels: { app: 'api' } } })).toBe(false);
  });
});
