import { describe, expect, it } from 'vitest';
import type { Node, Service } from '../api/types';
import { Rng } from '../sim/rng';
import { newPodInfo } from './cache/pod-info';
import { CycleState } from './framework/cycle-state';
import { prioritizeNodes, ScoreBuffers } from './prioritize';
import { makeNode, makePod } from './testing/builders';
import { Fixture } from './testing/fixture';

const web = { app: 'web' };
const svc: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: web } };

/** Nodes of mixed sizes, some tainted PreferNoSchedule, some without a hostname label, zoned or not. */
function nodes(rng: Rng, zoned: boolean, tainted: boolean): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < 12; i++) {
    const node = makeNode(`n${i}`, {
      cpu: String(1 + rng.int(8)),
      memory: `${1 + rng.int(16)}Gi`,
      labels: zoned && i % 3 !== 0 ? { 'topology.kubernetes.io/zone': `z${i % 2}` } : {},
      images: i % 3 === 1 ? [{ names: ['nginx:1.27'], sizeBytes: 300 * 1024 * 1024 }] : i % 3 === 2 ? [{ names: ['redis:7'], sizeBytes: 80 * 1024 * 1024 }] : undefined,
      taints: tainted && i % 4 === 1 ? [{ key: 'slow', value: 'yes', effect: 'PreferNoSchedule' }] : undefined,
    });
    if (i % 5 === 2) delete node.metadata.labels!['kubernetes.io/hostname'];
    out.push(node);
  }
  return out;
}

/** Every score plugin's score() node by node: what the column loops must reproduce. */
function byScore(f: Fixture, pod: ReturnType<typeof makePod>): number[][] {
  const { state, outcome, pod: pi } = f.filter(pod);
  expect(f.fw.runPreScorePlugins(state, pi, outcome.feasible)).toBeNull();
  return f.fw.activeScorePlugins(state).map(({ plugin }) => {
    const raw = new Float64Array(outcome.feasible.map((n) => plugin.score(state, pi, n)));
    plugin.normalizeScore?.(state, pi, outcome.feasible, raw, raw.length);
    return [...raw];
  });
}

describe('score plugins read from the node columns (with per-node memos)', () => {
  it.each([['without zones', false, true], ['with zones', true, true], ['without PreferNoSchedule taints', false, false]])('equal node-by-node Score through seeded churn, %s', (_name, zoned, tainted) => {
    const rng = new Rng(7);
    const f = new Fixture().nodes(...nodes(rng, zoned, tainted)).service(svc);
    const buffers = new ScoreBuffers();
    for (let step = 0; step < 60; step++) {
      // Alternating request shapes make the memos forget and rebuild.
      const pod = makePod(`p${step}`, { labels: web, cpu: step % 7 === 0 ? '250m' : '100m', memory: step % 11 === 0 ? '1Gi' : '64Mi', image: step % 5 === 0 ? 'redis:7' : 'nginx:1.27' });
      const expected = byScore(f, pod);
      const { state, outcome, pod: pi } = f.filter(pod, new CycleState(undefined));
      const got = prioritizeNodes(f.fw, state, pi, outcome.feasible, buffers);
      if (!('perPlugin' in got)) throw new Error(got.message());
      expect(got.plugins.map((_p, j) => [...got.perPlugin[j]!.subarray(0, outcome.feasible.length)])).toEqual(expected);
      // Place it on a random feasible node, sometimes relabel / resize a node, sometimes remove a pod.
      const node = outcome.feasible[rng.int(outcome.feasible.length)]!.name;
      f.cache.assumePod(newPodInfo(makePod(pod.metadata.name!, { labels: web, cpu: '100m', nodeName: node })), node);
      if (step % 9 === 4) f.nodes(makeNode(`n${rng.int(12)}`, { cpu: String(1 + rng.int(8)), labels: zoned ? { 'topology.kubernetes.io/zone': 'z9' } : {}, images: rng.int(2) === 0 ? [{ names: ['nginx:1.27'], sizeBytes: 500 * 1024 * 1024 }] : undefined }));
      if (step % 6 === 5) f.cache.removePod(`default/p${rng.int(step)}`);
    }
  });
});

describe('prioritizeNodes range check', () => {
  it('reports the first plugin in order with a score outside 0–100, at its first such node', () => {
    const f = new Fixture().nodes(makeNode('a'), makeNode('b'), makeNode('c'));
    const { state, outcome, pod } = f.filter(makePod('p', { cpu: '100m' }));
    const plugin = (name: string) => f.fw.score.find((s) => s.plugin.name === name)!.plugin;
    plugin('NodeResourcesFit').scoreColumns = (_s, _p, _nodes, _v, scores, n) => scores.fill(50, 0, n).fill(101, 1, n).fill(102, 2, n);
    plugin('NodeResourcesBalancedAllocation').scoreColumns = (_s, _p, _nodes, _v, scores, n) => scores.fill(-1, 0, n);
    const got = prioritizeNodes(f.fw, state, pod, outcome.feasible, new ScoreBuffers());
    expect('totals' in got ? 'scored' : got.message()).toBe('plugin "NodeResourcesFit" returns an invalid score 101, it should in the range of [0, 100] after normalizing');
  });
});
