import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from '../../api/types';
import { newPodInfo } from '../cache/pod-info';
import { CycleState } from '../framework/cycle-state';
import { makeNode, makePod } from '../testing/builders';
import { Fixture } from '../testing/fixture';
import { toleratesTaint } from './helpers/tolerations';
import { newTaintToleration } from './taint-toleration';

const cp: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

describe('toleratesTaint', () => {
  const taint: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
  it.each<[string, Toleration, boolean]>([
    ['Equal with the same value', { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }, true],
    ['empty operator means Equal', { key: 'dedicated', value: 'gpu' }, true],
    ['Equal with another value', { key: 'dedicated', operator: 'Equal', value: 'cpu' }, false],
    ['Exists on the key', { key: 'dedicated', operator: 'Exists' }, true],
    ['Exists without key matches every taint', { operator: 'Exists' }, true],
    ['effect must match when set', { key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, false],
    ['other key', { key: 'other', operator: 'Exists' }, false],
  ])('%s', (_name, toleration, want) => {
    expect(toleratesTaint(toleration, taint)).toBe(want);
  });
});

describe('TaintToleration Filter', () => {
  it.each<[string, Taint[], Toleration[] | undefined, string | null]>([
    ['no taints', [], undefined, null],
    ['control-plane taint, no toleration', [cp], undefined, 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'],
    ['control-plane taint tolerated', [cp], [{ key: cp.key, operator: 'Exists', effect: 'NoSchedule' }], null],
    ['not-ready NoSchedule', [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }], undefined, 'node(s) had untolerated taint {node.kubernetes.io/not-ready: }'],
    ['NoExecute with a value', [{ key: 'k', value: 'v', effect: 'NoExecute' }], undefined, 'node(s) had untolerated taint {k: v}'],
    ['PreferNoSchedule never filters', [{ key: 'k', effect: 'PreferNoSchedule' }], undefined, null],
    ['first untolerated taint is reported', [cp, { key: 'b', effect: 'NoSchedule' }], [{ key: cp.key, operator: 'Exists' }], 'node(s) had untolerated taint {b: }'],
  ])('%s', (_name, taints, tolerations, want) => {
    const f = new Fixture().nodes(makeNode('n1', { taints }));
    const s = newTaintToleration().filter(new CycleState(undefined), newPodInfo(makePod('p', { tolerations })), f.node('n1'));
    expect(s?.message() ?? null).toBe(want);
  });
});

describe('TaintToleration Score', () => {
  it('prefers nodes with fewer untolerated PreferNoSchedule taints (reverse-normalized)', () => {
    const prefer = (key: string): Taint => ({ key, effect: 'PreferNoSchedule' });
    const f = new Fixture().nodes(makeNode('a'), makeNode('b', { taints: [prefer('x')] }), makeNode('c', { taints: [prefer('x'), prefer('y')] }), makeNode('d', { taints: [prefer('x'), prefer('y')] }));
    const tolerateY: Toleration[] = [{ key: 'y', operator: 'Exists', effect: 'PreferNoSchedule' }];
    const { byPlugin } = f.score(makePod('p', { tolerations: tolerateY }));
    expect(Object.fromEntries(byPlugin.get('TaintToleration')!)).toEqual({ a: 100, b: 0, c: 0, d: 0 });
    const none = f.score(makePod('q')).byPlugin.get('TaintToleration')!;
    expect(Object.fromEntries(none)).toEqual({ a: 100, b: 50, c: 0, d: 0 });
  });
});
