import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../api/types';
import { Cluster } from '../../../cluster/cluster';
import { newPodInfo } from '../../cache/pod-info';
import { makePod } from '../../testing/builders';
import { createPod, eventsFor, liftNotReadyTaints, pod } from '../../testing/cluster-helpers';
import type { PodDisruptionBudget } from '../../../disruption/types';
import { pickOneNode, splitByPdbViolation, type Candidate } from './select-victims';

function withPriorityClass(c: Cluster, name: string, value: number, preemptionPolicy = 'PreemptLowerPriority'): void {
  const pc = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, preemptionPolicy };
  const res = c.api.create({ component: 'test' }, 'priorityclasses', undefined, pc);
  if (!res.ok) throw new Error(res.status.message);
}

function classed(name: string, cpu: string, className?: string): Pod {
  const p = makePod(name, { cpu });
  if (className) p.spec.priorityClassName = className;
  return p;
}

describe('DefaultPreemption', () => {
  it('evicts the fewest lower-priority pods, nominates the node, then binds there', () => {
    const c = new Cluster({ seed: 3, config: { freezeObjects: true } }).boot();
    liftNotReadyTaints(c);
    withPriorityClass(c, 'high', 1000);
    for (let i = 0; i < 6; i++) createPod(c, classed(`low-${i}`, '1'));
    c.runUntilQuiet();
    createPod(c, classed('vip', '2', 'high'));
    c.advance(100);
    const vip = pod(c, 'vip');
    const nominated = vip.status?.nominatedNodeName;
    expect(nominated).toMatch(/^worker-/);
    const decision = c.decisionFor('default', 'vip');
    expect(decision?.preemption?.nominatedNode).toBe(nominated);
    // 3 × 1 CPU + 100m coredns on a 4-CPU node: two must go for 2 CPU.
    expect(decision?.preemption?.victims).toHaveLength(2);
    expect(decision?.message).toBe('0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.');
    const victims = decision!.preemption!.victims.map((v) => v.name);
    for (const v of victims) {
      expect(eventsFor(c, v, 'Preempted')[0]?.message).toBe(`Preempted by pod ${vip.metadata.uid} on node ${nominated}`);
      const victim = c.api.peek<Pod>('pods', 'default', v);
      if (victim) expect(victim.status?.conditions?.find((x) => x.type === 'DisruptionTarget')?.reason).toBe('PreemptionByScheduler');
    }
    c.runUntilQuiet();
    c.advance(60_000);
    expect(pod(c, 'vip').spec.nodeName).toBe(nominated);
    for (const v of victims) expect(c.api.peek('pods', 'default', v)).toBeUndefined();
  });

  it('reports why preemption cannot help', () => {
    const c = new Cluster({ seed: 3, config: { freezeObjects: true } }).boot();
    liftNotReadyTaints(c);
    withPriorityClass(c, 'polite', 1000, 'Never');
    createPod(c, classed('polite', '4', 'polite'));
    c.runUntilQuiet();
    expect(pod(c, 'polite').status?.conditions?.[0]?.message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never..',
    );
  });

  it('pickOneNode: lowest highest-victim priority, then fewest victims', () => {
    const v = (name: string, priority: number) => newPodInfo(makePod(name, { priority, nodeName: 'x' }));
    const candidates: Candidate[] = [
      { node: 'a', victims: [v('a1', 100)], pdbViolations: 0 },
      { node: 'b', victims: [v('b1', 10), v('b2', 10)], pdbViolations: 0 },
      { node: 'c', victims: [v('c1', 10)], pdbViolations: 1 },
    ];
    expect(pickOneNode(candidates, 0)?.node).toBe('b');
    expect(pickOneNode([candidates[0]!, { ...candidates[2]!, pdbViolations: 0 }], 0)?.node).toBe('c');
  });

  it('a PodDisruptionBudget makes its pods the last resort', () => {
    const pi = (name: string, app: string) => newPodInfo(makePod(name, { nodeName: 'x', labels: { app } }));
    const pdb: PodDisruptionBudget = {
      apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'db', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'db' } } },
      status: { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 },
    };
    const { violating, nonViolating } = splitByPdbViolation([pi('db-1', 'db'), pi('web-1', 'web'), pi('db-2', 'db')], [pdb]);
    expect(violating.map((p) => p.name)).toEqual(['db-2']);
    expect(nonViolating.map((p) => p.name)).toEqual(['db-1', 'web-1']);
  });
});
