import { describe, expect, it } from 'vitest';
import { newPodInfo } from '../cache/pod-info';
import { CycleState } from '../framework/cycle-state';
import { makeNode, makePod } from '../testing/builders';
import { Fixture } from '../testing/fixture';
import { ERR_REASON_NODE_NAME, newNodeName } from './node-name';

describe('NodeName', () => {
  it.each([
    { nodeName: undefined, want: null },
    { nodeName: 'n1', want: null },
    { nodeName: 'n2', want: ERR_REASON_NODE_NAME },
  ])('spec.nodeName=$nodeName on n1', ({ nodeName, want }) => {
    const f = new Fixture().nodes(makeNode('n1'));
    const pod = makePod('p');
    if (nodeName) pod.spec.nodeName = nodeName;
    expect(newNodeName().filter(new CycleState(undefined), newPodInfo(pod), f.node('n1'))?.message() ?? null).toBe(want);
  });
});
