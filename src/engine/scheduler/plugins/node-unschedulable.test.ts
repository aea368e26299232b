import { describe, expect, it } from 'vitest';
import { newPodInfo } from '../cache/pod-info';
import { CycleState } from '../framework/cycle-state';
import { Code } from '../framework/status';
import { makeNode, makePod } from '../testing/builders';
import { Fixture } from '../testing/fixture';
import { ERR_REASON_UNSCHEDULABLE, newNodeUnschedulable } from './node-unschedulable';

describe('NodeUnschedulable', () => {
  const cases = [
    { name: 'schedulable node', unschedulable: false, tolerations: undefined, want: null },
    { name: 'cordoned node', unschedulable: true, tolerations: undefined, want: ERR_REASON_UNSCHEDULABLE },
    { name: 'cordoned, pod tolerates unschedulable', unschedulable: true, tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists' as const, effect: 'NoSchedule' as const }], want: null },
    { name: 'cordoned, toleration for everything', unschedulable: true, tolerations: [{ operator: 'Exists' as const }], want: null },
    { name: 'cordoned, toleration with another effect', unschedulable: true, tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists' as const, effect: 'NoExecute' as const }], want: ERR_REASON_UNSCHEDULABLE },
  ];
  it.each(cases)('$name', ({ unschedulable, tolerations, want }) => {
    const f = new Fixture().nodes(makeNode('n1', { unschedulable }));
    const s = newNodeUnschedulable().filter(new CycleState(undefined), newPodInfo(makePod('p', { tolerations })), f.node('n1'));
    expect(s?.message() ?? null).toBe(want);
    if (s) expect(s.code).toBe(Code.UnschedulableAndUnresolvable);
  });
});
