import { describe, expect, it } from 'vitest';
import type { Affinity, PodAffinityTerm } from '../../../api/types';
import { makeNode, makePod } from '../../testing/builders';
import { Fixture } from '../../testing/fixture';
import { ERR_REASON_AFFINITY_NOT_MATCH, ERR_REASON_ANTI_AFFINITY_NOT_MATCH, ERR_REASON_EXISTING_ANTI_AFFINITY_NOT_MATCH } from './filtering';

const zone = (z: string): Record<string, string> => ({ 'topology.kubernetes.io/zone': z });
const term = (labels: Record<string, string>, topologyKey: string): PodAffinityTerm => ({ labelSelector: { matchLabels: labels }, topologyKey });
const HOST = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';

function cluster(): Fixture {
  return new Fixture().nodes(makeNode('a', { labels: zone('z1') }), makeNode('b', { labels: zone('z1') }), makeNode('c', { labels: zone('z2') }));
}

describe('InterPodAffinity Filter', () => {
  it('required anti-affinity keeps replicas on different hosts', () => {
    const anti: Affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' }, HOST)] } };
    const f = cluster().pods(makePod('w1', { nodeName: 'a', labels: { app: 'web' } }));
    const { outcome } = f.filter(makePod('p', { labels: { app: 'web' }, affinity: anti }));
    expect(outcome.feasible.map((n) => n.name).sort()).toEqual(['b', 'c']);
    expect(outcome.diagnosis.nodeToStatus.get('a')?.message()).toBe(ERR_REASON_ANTI_AFFINITY_NOT_MATCH);
  });

  it("existing pods' anti-affinity rejects the incoming pod", () => {
    const anti: Affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' }, ZONE)] } };
    const f = cluster().pods(makePod('loner', { nodeName: 'a', labels: { app: 'loner' }, affinity: anti }));
    const { outcome } = f.filter(makePod('p', { labels: { app: 'web' } }));
    expect(outcome.feasible.map((n) => n.name)).toEqual(['c']);
    expect(outcome.diagnosis.nodeToStatus.get('b')?.message()).toBe(ERR_REASON_EXISTING_ANTI_AFFINITY_NOT_MATCH);
  });

  it('required affinity: same zone as a matching pod', () => {
    const aff: Affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' }, ZONE)] } };
    const f = cluster().pods(makePod('db', { nodeName: 'b', labels: { app: 'db' } }));
    const { outcome } = f.filter(makePod('p', { labels: { app: 'web' }, affinity: aff }));
    expect(outcome.feasible.map((n) => n.name).sort()).toEqual(['a', 'b']);
    expect(outcome.diagnosis.nodeToStatus.get('c')?.message()).toBe(ERR_REASON_AFFINITY_NOT_MATCH);
  });

  it.each([
    ['matches its own terms: the first pod of the group may go anywhere', { app: 'db' }, 3],
    ['does not match its own terms: nowhere', { app: 'web' }, 0],
  ])('no pod matches the affinity yet, pod %s', (_name, labels, feasible) => {
    const aff: Affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'db' }, ZONE)] } };
    const { outcome } = cluster().filter(makePod('p', { labels, affinity: aff }));
    expect(outcome.feasible.length).toBe(feasible);
  });

  it('namespaces: a term only sees pods in its namespaces', () => {
    const anti: Affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ app: 'web' }, HOST)] } };
    const f = cluster().pods(makePod('w1', { nodeName: 'a', labels: { app: 'web' }, namespace: 'other' }));
    expect(f.filter(makePod('p', { labels: { app: 'web' }, affinity: anti })).outcome.feasible.length).toBe(3);
  });
});

describe('InterPodAffinity Score', () => {
  it('preferred affinity and anti-affinity, min–max normalized', () => {
    const aff: Affinity = {
      podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: term({ app: 'cache' }, ZONE) }] },
      podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, podAffinityTerm: term({ app: 'web' }, HOST) }] },
    };
    const f = cluster().pods(makePod('cache', { nodeName: 'a', labels: { app: 'cache' } }), makePod('w', { nodeName: 'b', labels: { app: 'web' } }));
    const { byPlugin } = f.score(makePod('p', { labels: { app: 'web' }, affinity: aff }));
    // raw: a 10, b 10 − 5 = 5, c 0 → (s − 0) / 10 × 100.
    expect(Object.fromEntries(byPlugin.get('InterPodAffinity')!)).toEqual({ a: 100, b: 50, c: 0 });
  });

  it('skipped when neither the pod nor any existing pod has affinity', () => {
    expect(cluster().score(makePod('p')).byPlugin.has('InterPodAffinity')).toBe(false);
  });
});
