import { beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../../cluster/cluster';
import type { Node, Pod, Toleration } from '../types';
import { bootCluster, create, created, outcome, pod, USER } from './test-cluster';

const DEFAULT_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

function priorityClass(name: string, value: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, ...extra };
}

describe('NamespaceLifecycle', () => {
  let c: Cluster;
  beforeAll(() => {
    c = bootCluster();
    created(c, 'namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'doomed' } });
    c.api.delete(USER, 'namespaces', undefined, 'doomed');
  });

  it.each([
    ['a missing namespace', 'ghost', pod('x'), 404, 'namespaces "ghost" not found'],
    ['a terminating namespace', 'doomed', pod('x'), 403, 'pods "x" is forbidden: unable to create new content in namespace doomed because it is being terminated'],
    ['a terminating namespace, generated name', 'doomed', { ...pod(''), metadata: { generateName: 'web-' } }, 403, 'pods "web-" is forbidden: unable to create new content in namespace doomed because it is being terminated'],
  ])('rejects creating in %s', (_what, ns, obj, code, message) => {
    const r = create(c, 'pods', obj, ns);
    expect(outcome(r)).toBe(message);
    if (!r.ok) expect(r.status.code).toBe(code);
  });

  it('lets cluster-scoped objects and existing namespaces through', () => {
    expect(outcome(create(c, 'pods', pod('fine'), 'kube-public'))).toBe('ok');
    expect(outcome(create(c, 'priorityclasses', priorityClass('batch', 100)))).toBe('ok');
  });
});

describe('Priority', () => {
  let c: Cluster;
  beforeAll(() => {
    c = bootCluster();
  });

  it.each([
    ['no class', {}, 0, undefined],
    ['a system class', { priorityClassName: 'system-cluster-critical' }, 2_000_000_000, 'system-cluster-critical'],
  ])('resolves %s', (what, spec, priority, className) => {
    const p = created<Pod>(c, 'pods', pod(`prio-${what.replace(/ /g, '-')}`, spec));
    expect(p.spec.priority).toBe(priority);
    expect(p.spec.priorityClassName).toBe(className);
    expect(p.spec.preemptionPolicy).toBe('PreemptLowerPriority');
  });

  it('rejects an unknown class and a priority that contradicts the class', () => {
    expect(outcome(create(c, 'pods', pod('unknown', { priorityClassName: 'foo' })))).toBe('pods "unknown" is forbidden: no PriorityClass with name foo was found');
    expect(outcome(create(c, 'pods', pod('sneaky', { priority: 5 })))).toBe(
      'pods "sneaky" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
    );
  });

  it('applies the global default class and allows only one', () => {
    created(c, 'priorityclasses', priorityClass('normal', 1000, { globalDefault: true, preemptionPolicy: 'Never' }));
    const p = created<Pod>(c, 'pods', pod('defaulted'));
    expect(p.spec).toMatchObject({ priority: 1000, priorityClassName: 'normal', preemptionPolicy: 'Never' });
    expect(outcome(create(c, 'priorityclasses', priorityClass('other', 5, { globalDefault: true })))).toBe(
      'priorityclasses.scheduling.k8s.io "other" is forbidden: PriorityClass normal is already marked as default. Only one default can exist',
    );
  });
});

describe('ServiceAccount and DefaultTolerationSeconds', () => {
  let c: Cluster;
  beforeAll(() => {
    c = bootCluster();
  });

  it.each([
    ['no tolerations', [], DEFAULT_TOLERATIONS],
    ['a wildcard toleration', [{ operator: 'Exists' }], [{ operator: 'Exists' }]],
    [
      'its own not-ready toleration',
      [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }],
      [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }, DEFAULT_TOLERATIONS[1]],
    ],
    ['an effect-less unreachable toleration', [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }], [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }, DEFAULT_TOLERATIONS[0]]],
  ])('a pod with %s', (what, tolerations, want) => {
    const p = created<Pod>(c, 'pods', pod(`tol-${what.replace(/ /g, '-')}`, { tolerations }));
    expect(p.spec.tolerations).toEqual(want);
  });

  it('pods without tolerations (absent or empty) share one default pair', () => {
    const a = created<Pod>(c, 'pods', pod('tol-shared-a'));
    const b = created<Pod>(c, 'pods', pod('tol-shared-b', { tolerations: [] }));
    expect(a.spec.tolerations).toEqual(DEFAULT_TOLERATIONS);
    expect(b.spec.tolerations).toBe(a.spec.tolerations);
    expect(Object.isFrozen(a.spec.tolerations)).toBe(true);
  });

  it('sets the default service account but keeps an explicit one', () => {
    expect(created<Pod>(c, 'pods', pod('sa-default')).spec.serviceAccountName).toBe('default');
    expect(created<Pod>(c, 'pods', pod('sa-own', { serviceAccountName: 'builder' })).spec.serviceAccountName).toBe('builder');
  });
});

describe('TaintNodesByCondition', () => {
  it('taints a new node not-ready until the node lifecycle controller clears it', () => {
    const c = bootCluster();
    const node = created<Node>(c, 'nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'joining' }, spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } });
    expect(node.spec.taints).toEqual([
      { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
    ]);
  });
});
