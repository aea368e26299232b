import { describe, expect, it } from 'vitest';
import type { Affinity, NodeSelectorRequirement } from '../../api/types';
import { newPodInfo } from '../cache/pod-info';
import { CycleState } from '../framework/cycle-state';
import { Code } from '../framework/status';
import { makeNode, makePod } from '../testing/builders';
import { Fixture } from '../testing/fixture';
import { ERR_REASON_NODE_AFFINITY, newNodeAffinity, nodeNamesFromTerms } from './node-affinity';

const required = (...exprs: NodeSelectorRequirement[]): Affinity => ({
  nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: exprs }] } },
});

describe('NodeAffinity Filter', () => {
  const labels = { disk: 'ssd', zone: 'a', cores: '8' };
  it.each<[string, { nodeSelector?: Record<string, string>; affinity?: Affinity }, boolean]>([
    ['nodeSelector matches', { nodeSelector: { disk: 'ssd' } }, true],
    ['nodeSelector mismatch', { nodeSelector: { disk: 'hdd' } }, false],
    ['In', { affinity: required({ key: 'zone', operator: 'In', values: ['a', 'b'] }) }, true],
    ['NotIn', { affinity: required({ key: 'zone', operator: 'NotIn', values: ['a'] }) }, false],
    ['Exists', { affinity: required({ key: 'disk', operator: 'Exists' }) }, true],
    ['DoesNotExist', { affinity: required({ key: 'gpu', operator: 'DoesNotExist' }) }, true],
    ['Gt', { affinity: required({ key: 'cores', operator: 'Gt', values: ['4'] }) }, true],
    ['Lt', { affinity: required({ key: 'cores', operator: 'Lt', values: ['4'] }) }, false],
    ['terms are ORed', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['z'] }] }, { matchExpressions: [{ key: 'disk', operator: 'Exists' }] }] } } } }, true],
    ['nodeSelector AND affinity', { nodeSelector: { disk: 'hdd' }, affinity: required({ key: 'disk', operator: 'Exists' }) }, false],
    ['matchFields metadata.name', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }] } } } }, true],
  ])('%s', (_name, spec, fits) => {
    const f = new Fixture().nodes(makeNode('n1', { labels }));
    const s = newNodeAffinity().filter(new CycleState(undefined), newPodInfo(makePod('p', spec)), f.node('n1'));
    expect(s === null).toBe(fits);
    if (s) {
      expect(s.message()).toBe(ERR_REASON_NODE_AFFINITY);
      expect(s.code).toBe(Code.UnschedulableAndUnresolvable);
    }
  });

  it('PreFilter narrows to the nodes named by matchFields (as for DaemonSet pods)', () => {
    expect(nodeNamesFromTerms([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['w1'] }] }])).toEqual(new Set(['w1']));
    expect(nodeNamesFromTerms([{ matchExpressions: [{ key: 'a', operator: 'Exists' }] }])).toBeUndefined();
    const f = new Fixture().nodes(makeNode('w1', { cpu: '1' }), makeNode('w2'), makeNode('w3'));
    const pod = makePod('ds', { cpu: '2', affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['w1'] }] }] } } } });
    const { outcome } = f.filter(pod);
    expect(outcome.feasible).toEqual([]);
    expect(outcome.evaluatedCount).toBe(1);
    expect(outcome.diagnosis.absentStatus?.message()).toBe("node(s) didn't satisfy plugin(s) [NodeAffinity]");
  });
});

describe('NodeAffinity Score', () => {
  it('sums the weights of matching preferred terms, normalized to the best node', () => {
    const f = new Fixture().nodes(makeNode('a', { labels: { disk: 'ssd', zone: 'x' } }), makeNode('b', { labels: { disk: 'ssd' } }), makeNode('c'));
    const affinity: Affinity = {
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 30, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
          { weight: 10, preference: { matchExpressions: [{ key: 'zone', operator: 'Exists' }] } },
        ],
      },
    };
    const { byPlugin } = f.score(makePod('p', { affinity }));
    expect(Object.fromEntries(byPlugin.get('NodeAffinity')!)).toEqual({ a: 100, b: 75, c: 0 });
    expect(f.score(makePod('q')).byPlugin.has('NodeAffinity')).toBe(false);
  });
});
