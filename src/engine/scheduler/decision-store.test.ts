import { describe, expect, it } from 'vitest';
import { DecisionStore, materialize, type CompactDecision } from './decision-store';
import { buildDecision, FULL_DETAIL_NODES } from './decision-builder';
import { CycleState } from './framework/cycle-state';
import { unschedulable } from './framework/status';
import { prioritizeNodes, ScoreBuffers } from './prioritize';
import { makeNode, makePod } from './testing/builders';
import { Fixture } from './testing/fixture';

function compact(name: string): CompactDecision {
  return {
    head: { namespace: 'default', pod: name, podUid: name, attempt: 1, tMs: 0, result: 'Scheduled', node: 'n1', nodesTotal: 1, nodesFiltered: 1, truncated: false },
    filterPlugins: ['NodeResourcesFit'],
    skippedFilters: new Set(),
    scorePlugins: [],
    scoreWeights: [],
    nodes: ['n1'],
    verdicts: [null],
    scores: '',
    reasons: [],
  };
}

function compactDecision(f: Fixture, podName: string, cpu = '1'): CompactDecision {
  const pod = makePod(podName, { cpu });
  const { state, outcome, pod: pi } = f.filter(pod);
  const score = outcome.feasible.length > 1 ? prioritizeNodes(f.fw, state, pi, outcome.feasible, new ScoreBuffers()) : undefined;
  if (score && !('totals' in score)) throw new Error(score.message());
  const allNodes = f.cache.nodeList();
  return buildDecision({
    head: { namespace: 'default', pod: podName, podUid: '', attempt: 1, tMs: 0, result: 'Scheduled', nodesTotal: allNodes.length, nodesFiltered: outcome.evaluatedCount, truncated: allNodes.length > FULL_DETAIL_NODES },
    fw: f.fw, state: state ?? new CycleState(undefined), allNodes, filter: outcome, score,
  });
}

function decide(f: Fixture, podName: string) {
  return materialize(compactDecision(f, podName));
}

describe('DecisionStore', () => {
  it('keeps the latest decision per pod, bounded, oldest dropped first', () => {
    const store = new DecisionStore(2);
    store.put('default/a', compact('a'));
    store.put('default/b', compact('b'));
    store.put('default/a', compact('a'));
    store.put('default/c', compact('c'));
    expect(store.size).toBe(2);
    expect(store.get('default/b')).toBeUndefined();
    expect(store.get('default/a')?.pod).toBe('a');
    store.delete('default/a');
    expect(store.get('default/a')).toBeUndefined();
  });

  it.each([
    { capacity: 1, keys: 3 },
    { capacity: 5, keys: 12 },
    { capacity: 50, keys: 400 },
  ])('evicts exactly the least recently written key under mixed puts and deletes (capacity $capacity)', ({ capacity, keys }) => {
    const store = new DecisionStore(capacity);
    // Reference: a Map whose first key is the oldest.
    const ref = new Map<string, true>();
    let seed = capacity * 7919 + keys;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let step = 0; step < 5000; step++) {
      const key = `default/p${next(keys)}`;
      if (next(5) === 0) {
        store.delete(key);
        ref.delete(key);
      } else {
        store.put(key, compact(key));
        ref.delete(key);
        ref.set(key, true);
        if (ref.size > capacity) ref.delete(ref.keys().next().value!);
      }
      expect(store.size).toBe(ref.size);
    }
    for (let i = 0; i < keys; i++) expect(store.compact(`default/p${i}`) !== undefined).toBe(ref.has(`default/p${i}`));
  });

  it('small clusters: every node with its verdicts and per-plugin scores', () => {
    const f = new Fixture().nodes(makeNode('a'), makeNode('b'), makeNode('tiny', { cpu: '500m' }));
    const d = decide(f, 'p');
    expect(d.truncated).toBe(false);
    expect(d.evaluations.map((e) => [e.node, e.feasible])).toEqual([['a', true], ['b', true], ['tiny', false]]);
    const tiny = d.evaluations.find((e) => e.node === 'tiny')!;
    expect(tiny.filters.map((v) => `${v.plugin}:${v.code}`)).toEqual([
      'NodeUnschedulable:Success', 'NodeName:Success', 'TaintToleration:Success', 'NodeAffinity:Skip', 'NodePorts:Skip',
      'NodeResourcesFit:UnschedulableAndUnresolvable',
    ]);
    expect(tiny.filters.at(-1)?.reason).toBe('Insufficient cpu');
    const a = d.evaluations.find((e) => e.node === 'a')!;
    expect(a.totalScore).toBe(a.scores!.reduce((s, x) => s + x.score * x.weight, 0));
    expect(d.reasons).toEqual([{ reason: 'Insufficient cpu', count: 1 }]);
  });

  it(`large clusters (> ${FULL_DETAIL_NODES} nodes): top-scored nodes, a sample of rejected ones and the histogram`, () => {
    const f = new Fixture();
    for (let i = 0; i < 300; i++) f.nodes(makeNode(`n${i}`, { cpu: i % 3 === 0 ? '500m' : '4' }));
    const d = decide(f, 'p');
    expect(d.truncated).toBe(true);
    expect(d.nodesFiltered).toBeLessThan(300);
    expect(d.evaluations.filter((e) => e.feasible)).toHaveLength(10);
    expect(d.evaluations.filter((e) => !e.feasible).length).toBeLessThanOrEqual(10);
    const totals = d.evaluations.filter((e) => e.feasible).map((e) => e.totalScore!);
    expect([...totals].sort((x, y) => y - x)).toEqual(totals);
    expect(d.reasons?.[0]?.reason).toBe('Insufficient cpu');
  });

  it.each([{ nodes: 3 }, { nodes: 150 }])('a decision keeps its rows and scores when the next one is built ($nodes nodes)', ({ nodes }) => {
    const f = new Fixture();
    for (let i = 0; i < nodes; i++) f.nodes(makeNode(`n${i}`, { cpu: i % 2 === 0 ? '2' : '8' }));
    const first = compactDecision(f, 'p1', '1');
    const before = materialize(first);
    const second = compactDecision(f, 'p2', '4');
    expect(materialize(first)).toEqual(before);
    expect(second.nodes).not.toBe(first.nodes);
    expect(first.nodes).toHaveLength(before.evaluations.length);
    expect(first.scores).toHaveLength(first.nodes.length * first.scorePlugins.length);
    // The second pod fits only the 8-cpu nodes: its rows differ from the first's.
    expect(materialize(second).evaluations.filter((e) => !e.feasible).length).toBeGreaterThan(0);
    expect(before.evaluations.filter((e) => e.feasible).every((e) => e.scores !== undefined && e.scores.every((x) => x.score >= 0 && x.score <= 100))).toBe(true);
  });

  it('a PreFilter-narrowed node shows the narrowing verdict', () => {
    const d = materialize({ ...compact('x'), nodes: ['n2'], verdicts: [unschedulable('x').withPlugin('Other')] });
    expect(d.evaluations[0]!.filters.at(-1)).toEqual({ plugin: 'Other', code: 'Unschedulable', reason: 'x' });
  });
});

describe('Framework.skippedFilterSet', () => {
  it('shares one read-only copy while the same filters are skipped', () => {
    const f = new Fixture();
    const a = f.fw.skippedFilterSet(new Set(['NodePorts', 'VolumeBinding']));
    const b = f.fw.skippedFilterSet(new Set(['VolumeBinding', 'NodePorts']));
    expect(b).toBe(a);
    expect([...a].sort()).toEqual(['NodePorts', 'VolumeBinding']);
    const cycle = new Set(['NodePorts']);
    const c = f.fw.skippedFilterSet(cycle);
    expect(c).not.toBe(a);
    cycle.add('InterPodAffinity');
    expect([...c]).toEqual(['NodePorts']);
    expect([...a].sort()).toEqual(['NodePorts', 'VolumeBinding']);
  });
});
