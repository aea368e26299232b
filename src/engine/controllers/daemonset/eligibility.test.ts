import { describe, expect, it } from 'vitest';
import type { DaemonSet, Node, PodSpec, Taint } from '../../api/types';
import { nodeShouldRunDaemonPod, pinToNode, toleratesTaint, withDaemonPodTolerations } from './eligibility';

function node(name: string, labels: Record<string, string> = {}, taints: Taint[] = []): Node {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } }, spec: { taints } };
}

function ds(spec: Partial<PodSpec> = {}): DaemonSet {
  return { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'd' }, spec: { selector: {}, template: { spec: { containers: [], ...spec } } } };
}

describe('NodeShouldRunDaemonPod', () => {
  const cases: { name: string; node: Node; ds: DaemonSet; want: [boolean, boolean] }[] = [
    { name: 'plain node', node: node('n'), ds: ds(), want: [true, true] },
    { name: 'control-plane NoSchedule taint, not tolerated', node: node('cp', {}, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]), ds: ds(), want: [false, true] },
    {
      name: 'control-plane taint tolerated',
      node: node('cp', {}, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]),
      ds: ds({ tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }),
      want: [true, true],
    },
    { name: 'untolerated NoExecute: must leave', node: node('n', {}, [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }]), ds: ds(), want: [false, false] },
    { name: 'PreferNoSchedule is ignored', node: node('n', {}, [{ key: 'x', effect: 'PreferNoSchedule' }]), ds: ds(), want: [true, true] },
    { name: 'not-ready NoExecute auto-tolerated', node: node('n', {}, [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }]), ds: ds(), want: [true, true] },
    { name: 'unreachable NoSchedule is not auto-tolerated', node: node('n', {}, [{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }]), ds: ds(), want: [false, true] },
    { name: 'cordoned: unschedulable auto-tolerated', node: node('n', {}, [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]), ds: ds(), want: [true, true] },
    { name: 'network-unavailable needs hostNetwork', node: node('n', {}, [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }]), ds: ds(), want: [false, true] },
    { name: 'network-unavailable with hostNetwork', node: node('n', {}, [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }]), ds: ds({ hostNetwork: true }), want: [true, true] },
    { name: 'nodeSelector mismatch', node: node('n'), ds: ds({ nodeSelector: { disk: 'ssd' } }), want: [false, false] },
    { name: 'nodeSelector match', node: node('n', { disk: 'ssd' }), ds: ds({ nodeSelector: { disk: 'ssd' } }), want: [true, true] },
    {
      name: 'required affinity (NotIn)',
      node: node('n', { zone: 'b' }),
      ds: ds({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['b'] }] }] } } } }),
      want: [false, false],
    },
    {
      name: 'required affinity, second term matches (Gt)',
      node: node('n', { cores: '16' }),
      ds: ds({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'gpu', operator: 'Exists' }] }, { matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['8'] }] }] } } } }),
      want: [true, true],
    },
    { name: 'template nodeName elsewhere', node: node('n'), ds: ds({ nodeName: 'other' }), want: [false, false] },
  ];
  it.each(cases)('$name', ({ node: n, ds: d, want }) => {
    const fit = nodeShouldRunDaemonPod(n, d);
    expect([fit.shouldRun, fit.shouldContinueRunning]).toEqual(want);
  });
});

describe('daemon pod tolerations', () => {
  it('adds the six automatic tolerations (seven with hostNetwork), NoExecute ones without tolerationSeconds', () => {
    const t = withDaemonPodTolerations({ containers: [] });
    expect(t.map((x) => `${x.key}:${x.effect}`)).toEqual([
      'node.kubernetes.io/not-ready:NoExecute', 'node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule', 'node.kubernetes.io/pid-pressure:NoSchedule', 'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    expect(t.every((x) => x.operator === 'Exists' && x.tolerationSeconds === undefined)).toBe(true);
    expect(withDaemonPodTolerations({ containers: [], hostNetwork: true })).toHaveLength(7);
  });

  it('replaces a same-key toleration instead of duplicating it, keeps the others', () => {
    const t = withDaemonPodTolerations({ containers: [], tolerations: [{ operator: 'Exists' }, { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] });
    // MatchToleration ignores tolerationSeconds: the user's 60 s one is replaced in place, so a
    // DaemonSet pod is never evicted from a not-ready node.
    expect(t).toHaveLength(7);
    expect(t[0]).toEqual({ operator: 'Exists' });
    expect(t[1]).toEqual({ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' });
    expect(t.filter((x) => x.key === 'node.kubernetes.io/not-ready')).toHaveLength(1);
  });

  it('toleratesTaint: Exists with empty key matches everything; Equal compares values', () => {
    expect(toleratesTaint({ operator: 'Exists' }, { key: 'a', effect: 'NoExecute' })).toBe(true);
    expect(toleratesTaint({ key: 'a', operator: 'Equal', value: 'x' }, { key: 'a', value: 'y', effect: 'NoSchedule' })).toBe(false);
    expect(toleratesTaint({ key: 'a', value: 'x' }, { key: 'a', value: 'x', effect: 'NoSchedule' })).toBe(true);
    expect(toleratesTaint({ key: 'a', operator: 'Exists', effect: 'NoSchedule' }, { key: 'a', effect: 'NoExecute' })).toBe(false);
  });

  it('pinToNode replaces required terms and keeps preferred ones', () => {
    const a = pinToNode({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'x', operator: 'Exists' }] }] }, preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'y', operator: 'Exists' }] } }] } }, 'n1');
    expect(a.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution).toEqual({ nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }] });
    expect(a.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution).toHaveLength(1);
  });
});
