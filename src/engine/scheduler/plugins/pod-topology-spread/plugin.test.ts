import { describe, expect, it } from 'vitest';
import type { ReplicaSet, Service, TopologySpreadConstraint } from '../../../api/types';
import { makeNode, makePod } from '../../testing/builders';
import { Fixture } from '../../testing/fixture';
import { ERR_REASON_CONSTRAINTS_NOT_MATCH, ERR_REASON_NODE_LABEL_NOT_MATCH } from './filtering';
import { newPodTopologySpread } from './plugin';

const zone = (z: string): Record<string, string> => ({ 'topology.kubernetes.io/zone': z });
const web = { app: 'web' };
const spread = (maxSkew: number, whenUnsatisfiable: TopologySpreadConstraint['whenUnsatisfiable'], topologyKey = 'topology.kubernetes.io/zone'): TopologySpreadConstraint[] => [
  { maxSkew, topologyKey, whenUnsatisfiable, labelSelector: { matchLabels: web } },
];

describe('PodTopologySpread Filter (DoNotSchedule)', () => {
  it('rejects domains whose skew would exceed maxSkew', () => {
    const f = new Fixture()
      .nodes(makeNode('a', { labels: zone('z1') }), makeNode('b', { labels: zone('z1') }), makeNode('c', { labels: zone('z2') }))
      .pods(makePod('w1', { nodeName: 'a', labels: web }), makePod('w2', { nodeName: 'a', labels: web }));
    const { outcome } = f.filter(makePod('p', { labels: web, topologySpreadConstraints: spread(1, 'DoNotSchedule') }));
    expect(outcome.feasible.map((n) => n.name)).toEqual(['c']);
    expect(outcome.diagnosis.nodeToStatus.get('a')?.message()).toBe(ERR_REASON_CONSTRAINTS_NOT_MATCH);
  });

  it.each([
    [1, ['c']],
    [2, ['c']],
    [3, ['a', 'b', 'c']],
  ])('maxSkew %i', (maxSkew, feasible) => {
    const f = new Fixture()
      .nodes(makeNode('a', { labels: zone('z1') }), makeNode('b', { labels: zone('z1') }), makeNode('c', { labels: zone('z2') }))
      .pods(makePod('w1', { nodeName: 'a', labels: web }), makePod('w2', { nodeName: 'b', labels: web }));
    const { outcome } = f.filter(makePod('p', { labels: web, topologySpreadConstraints: spread(maxSkew, 'DoNotSchedule') }));
    expect(outcome.feasible.map((n) => n.name).sort()).toEqual(feasible);
  });

  it('nodes without the topology key are unresolvable', () => {
    const f = new Fixture().nodes(makeNode('a', { labels: zone('z1') }), makeNode('nozone'));
    const { outcome } = f.filter(makePod('p', { labels: web, topologySpreadConstraints: spread(1, 'DoNotSchedule') }));
    expect(outcome.diagnosis.nodeToStatus.get('nozone')?.message()).toBe(ERR_REASON_NODE_LABEL_NOT_MATCH);
  });

  it('terminating pods are not counted', () => {
    const old = makePod('w1', { nodeName: 'a', labels: web });
    old.metadata.deletionTimestamp = '2026-01-01T09:00:00Z';
    const f = new Fixture().nodes(makeNode('a', { labels: zone('z1') }), makeNode('c', { labels: zone('z2') })).pods(old);
    const { outcome } = f.filter(makePod('p', { labels: web, topologySpreadConstraints: spread(1, 'DoNotSchedule') }));
    expect(outcome.feasible.map((n) => n.name)).toEqual(['a', 'c']);
  });
});

describe('PodTopologySpread Score', () => {
  const svc: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: web } };
  const cluster = (): Fixture =>
    new Fixture()
      .nodes(makeNode('a'), makeNode('b'), makeNode('c'))
      .pods(makePod('w1', { nodeName: 'a', labels: web }), makePod('w2', { nodeName: 'a', labels: web }), makePod('w3', { nodeName: 'b', labels: web }));

  it('system defaults apply with the selector of the Services selecting the pod', () => {
    const { byPlugin } = cluster().service(svc).score(makePod('p', { labels: web }));
    // hostname maxSkew 3: count × log(3 + 2) + 2 → a 5, b 4, c 2; normalized 100 × (max + min − s) / max.
    expect(Object.fromEntries(byPlugin.get('PodTopologySpread')!)).toEqual({ a: 40, b: 60, c: 100 });
  });

  it('no Service / controller: no default constraints, the plugin is skipped', () => {
    expect(cluster().score(makePod('p', { labels: web })).byPlugin.has('PodTopologySpread')).toBe(false);
  });

  it('the controlling ReplicaSet selector is used', () => {
    const f = cluster();
    const rs: ReplicaSet = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'default', uid: 'rs' }, spec: { selector: { matchLabels: web }, template: { spec: { containers: [] } } } };
    f.replicaSets.set('default/web-1', rs);
    const owned = makePod('p', { labels: web, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'rs', controller: true }] });
    expect(Object.fromEntries(f.score(owned).byPlugin.get('PodTopologySpread')!)).toEqual({ a: 40, b: 60, c: 100 });
  });

  it('ScheduleAnyway constraints of the pod replace the defaults', () => {
    const f = cluster().service(svc);
    const { byPlugin } = f.score(makePod('p', { labels: web, topologySpreadConstraints: spread(1, 'ScheduleAnyway', 'kubernetes.io/hostname') }));
    // count × log(5) + 0 → a 3, b 2, c 0; normalized 100 × (3 + 0 − s) / 3.
    expect(Object.fromEntries(byPlugin.get('PodTopologySpread')!)).toEqual({ a: 0, b: 33, c: 100 });
  });
});

describe('PodTopologySpread scoreAll', () => {
  it.each([
    ['every node zoned', ['z1', 'z1', 'z2', 'z3']],
    ['some nodes without a zone', ['z1', undefined, 'z2', undefined]],
    ['no node zoned (the zone constraint adds nothing)', [undefined, undefined, undefined, undefined]],
  ])('scores as Score node by node: %s', (_name, zones) => {
    const names = ['a', 'b', 'c', 'd'];
    const f = new Fixture()
      .nodes(...names.map((n, i) => makeNode(n, { labels: zones[i] ? zone(zones[i]) : {} })))
      .pods(makePod('w1', { nodeName: 'a', labels: web }), makePod('w2', { nodeName: 'a', labels: web }), makePod('w3', { nodeName: 'c', labels: web }))
      .service({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: web } });
    const { state, outcome, pod } = f.filter(makePod('p', { labels: web }));
    const plugin = newPodTopologySpread(f.handle);
    expect(plugin.preScore(state, pod, outcome.feasible)).toBeNull();
    const n = outcome.feasible.length;
    const all = new Float64Array(n);
    plugin.scoreAll?.(state, pod, outcome.feasible, all, n);
    expect(plugin.scoreAll).toBeDefined();
    expect([...all]).toEqual(outcome.feasible.map((node) => plugin.score(state, pod, node)));
  });
});
