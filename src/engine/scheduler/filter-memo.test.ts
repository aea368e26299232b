import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { Rng } from '../sim/rng';
import { newPodInfo } from './cache/pod-info';
import { FilterMemo, sameNodeLocalFilterInputs } from './filter-memo';
import { findNodesThatFitPod, type FilterOutcome } from './find-nodes';
import { CycleState } from './framework/cycle-state';
import { makeNode, makePod } from './testing/builders';
import { Fixture } from './testing/fixture';

function summary(o: FilterOutcome): unknown {
  return { feasible: o.feasible.map((n) => n.name), rejected: [...o.diagnosis.nodeToStatus].map(([n, s]) => `${n}:${s.plugin}:${s.message()}`), processed: o.processed };
}

const gpuTaint = { key: 'gpu', value: 'yes', effect: 'NoSchedule' as const };
const tolerateGpu = [{ key: 'gpu', operator: 'Exists' as const }];

/** A pod of one of a few shapes: what the memo must tell apart. */
function shaped(rng: Rng, i: number): Pod {
  switch (rng.int(5)) {
    case 0:
      return makePod(`p${i}`, { cpu: '900m' });
    case 1:
      return makePod(`p${i}`, { cpu: '900m', tolerations: tolerateGpu });
    case 2:
      return makePod(`p${i}`, { cpu: '900m', nodeSelector: { disk: 'ssd' } });
    case 3:
      return makePod(`p${i}`, { cpu: '2' });
    default:
      return makePod(`p${i}`, { cpu: '900m', ports: [{ containerPort: 80, hostPort: 8080 }] });
  }
}

describe('FilterMemo', () => {
  it('gives the same verdicts as filtering afresh through seeded churn of pods, taints, labels and cordons', () => {
    const rng = new Rng(3);
    const f = new Fixture().nodes(...Array.from({ length: 10 }, (_, i) => makeNode(`n${i}`, { cpu: '4' })));
    const memo = new FilterMemo();
    for (let step = 0; step < 120; step++) {
      const pod = shaped(rng, step);
      const pi = newPodInfo(pod);
      const fresh = findNodesThatFitPod({ fw: f.fw, cache: f.cache, nominator: f.nominator, startIndex: step }, new CycleState(undefined), pi);
      const memoized = findNodesThatFitPod({ fw: f.fw, cache: f.cache, nominator: f.nominator, startIndex: step, memo }, new CycleState(undefined), pi);
      expect(summary(memoized)).toEqual(summary(fresh));
      // The records it hands to scoring are the feasible nodes' own.
      const view = memoized.view!;
      expect(memoized.feasible.map((_n, i) => [view.records[i], view.slots[i]])).toEqual(memoized.feasible.map((n) => [n.record, n.slot]));
      if (fresh.feasible.length > 0 && rng.int(3) > 0) {
        const node = fresh.feasible[rng.int(fresh.feasible.length)]!.name;
        f.cache.assumePod(newPodInfo({ ...pod, spec: { ...pod.spec, nodeName: node } }), node);
      }
      const n = `n${rng.int(10)}`;
      switch (step % 7) {
        case 2:
          f.nodes(makeNode(n, { cpu: '4', taints: rng.int(2) === 0 ? [gpuTaint] : undefined, labels: rng.int(2) === 0 ? { disk: 'ssd' } : {} }));
          break;
        case 4:
          f.nodes(makeNode(n, { cpu: '4', unschedulable: rng.int(2) === 0 }));
          break;
        case 6:
          f.cache.removePod(`default/p${rng.int(step)}`);
          break;
      }
    }
  });

  it('tells pod shapes apart by what node-local filters read', () => {
    const a = newPodInfo(makePod('a', { cpu: '1', tolerations: tolerateGpu }));
    expect(sameNodeLocalFilterInputs(a, newPodInfo(makePod('b', { cpu: '1', tolerations: [{ key: 'gpu', operator: 'Exists' }], labels: { other: 'x' } })))).toBe(true);
    expect(sameNodeLocalFilterInputs(a, newPodInfo(makePod('b', { cpu: '1' })))).toBe(false);
    expect(sameNodeLocalFilterInputs(a, newPodInfo(makePod('b', { cpu: '2', tolerations: tolerateGpu })))).toBe(false);
    expect(sameNodeLocalFilterInputs(a, newPodInfo(makePod('b', { cpu: '1', tolerations: tolerateGpu, nodeSelector: { disk: 'ssd' } })))).toBe(false);
    expect(sameNodeLocalFilterInputs(a, newPodInfo(makePod('b', { cpu: '1', tolerations: tolerateGpu, ports: [{ containerPort: 80, hostPort: 80 }] })))).toBe(false);
  });
});
