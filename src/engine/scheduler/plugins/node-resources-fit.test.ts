import { describe, expect, it } from 'vitest';
import { newPodInfo } from '../cache/pod-info';
import { CycleState } from '../framework/cycle-state';
import { Code } from '../framework/status';
import { makeNode, makePod } from '../testing/builders';
import { Fixture } from '../testing/fixture';
import { leastRequestedScore, newNodeResourcesFit } from './node-resources-fit';

describe('NodeResourcesFit Filter', () => {
  it.each<[string, { cpu?: string; memory?: string }, string[] | null, number?]>([
    ['fits', { cpu: '1', memory: '1Gi' }, null],
    ['cpu exceeds what is left', { cpu: '3' }, ['Insufficient cpu'], Code.Unschedulable],
    ['memory exceeds what is left', { memory: '6Gi' }, ['Insufficient memory'], Code.Unschedulable],
    ['both', { cpu: '3', memory: '6Gi' }, ['Insufficient cpu', 'Insufficient memory'], Code.Unschedulable],
    ['more than the whole node: unresolvable', { cpu: '5' }, ['Insufficient cpu'], Code.UnschedulableAndUnresolvable],
    ['no requests always fit resources', {}, null],
  ])('%s', (_name, req, reasons, code) => {
    const f = new Fixture().nodes(makeNode('n1', { cpu: '4', memory: '8Gi' })).pods(makePod('old', { nodeName: 'n1', cpu: '2', memory: '4Gi' }));
    const s = newNodeResourcesFit().filter(new CycleState(undefined), newPodInfo(makePod('p', req)), f.node('n1'));
    expect(s?.reasons ?? null).toEqual(reasons);
    if (s) expect(s.code).toBe(code);
  });

  it('Too many pods', () => {
    const f = new Fixture().nodes(makeNode('n1', { pods: 1 })).pods(makePod('old', { nodeName: 'n1' }));
    expect(newNodeResourcesFit().filter(new CycleState(undefined), newPodInfo(makePod('p')), f.node('n1'))?.reasons).toEqual(['Too many pods']);
  });

  it('counts init containers as upstream does (max of sum and the largest init container)', () => {
    const pod = makePod('p', { cpu: '500m' });
    pod.spec.initContainers = [{ name: 'init', image: 'busybox', resources: { requests: { cpu: '2' } } }];
    expect(newPodInfo(pod).requests.milliCPU).toBe(2000);
    pod.spec.initContainers = [{ name: 'sidecar', image: 'envoy', restartPolicy: 'Always', resources: { requests: { cpu: '250m' } } }];
    expect(newPodInfo(pod).requests.milliCPU).toBe(750);
  });
});

describe('NodeResourcesFit Score (LeastAllocated)', () => {
  it.each([
    [0, 100, 100],
    [25, 100, 75],
    [100, 100, 0],
    [150, 100, 0],
    [1, 3, 66],
  ])('leastRequestedScore(%i, %i) = %i', (requested, capacity, want) => {
    expect(leastRequestedScore(requested, capacity)).toBe(want);
  });

  it('uses 100m / 200Mi for containers without requests', () => {
    const f = new Fixture().nodes(makeNode('empty', { cpu: '4', memory: '8Gi' }), makeNode('busy', { cpu: '4', memory: '8Gi' })).pods(makePod('old', { nodeName: 'busy', cpu: '2' }));
    const { byPlugin } = f.score(makePod('p', { cpu: '1', memory: '2Gi' }));
    // empty: cpu 75, memory 75. busy: cpu (4000-3000)/4000 = 25, memory (8192-2048-200)/8192 = 72 → 48.
    expect(Object.fromEntries(byPlugin.get('NodeResourcesFit')!)).toEqual({ empty: 75, busy: 48 });
    expect(Object.fromEntries(byPlugin.get('NodeResourcesBalancedAllocation')!)).toEqual({ empty: 100, busy: 75 });
  });

  it('skips BalancedAllocation for best-effort pods', () => {
    const f = new Fixture().nodes(makeNode('a'), makeNode('b'));
    expect(f.score(makePod('p')).byPlugin.has('NodeResourcesBalancedAllocation')).toBe(false);
  });
});
