import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { Cluster } from '../cluster/cluster';
import { InteractionKind } from '../log/interaction-log';
import { makePod } from './testing/builders';
import { createPod, eventsFor, liftNotReadyTaints, pod } from './testing/cluster-helpers';

function bootedCluster(seed = 7): Cluster {
  const c = new Cluster({ seed, config: { freezeObjects: true } }).boot();
  liftNotReadyTaints(c);
  return c;
}

function userPodsByNode(c: Cluster): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of c.objects<Pod>('pods')) {
    if (p.metadata.namespace !== 'default' || !p.spec.nodeName) continue;
    out[p.spec.nodeName] = (out[p.spec.nodeName] ?? 0) + 1;
  }
  return out;
}

const bare = (name: string, cpu = '500m'): Pod => makePod(name, { cpu, memory: '128Mi' });

describe('scheduler in a cluster', () => {
  it('spreads bare pods over the workers and keeps them off the tainted control plane', () => {
    const c = bootedCluster();
    for (let i = 0; i < 6; i++) createPod(c, bare(`web-${i}`));
    c.runUntilQuiet();
    expect(userPodsByNode(c)).toEqual({ 'worker-1': 3, 'worker-2': 3 });
    const d = c.decisionFor('default', 'web-0');
    expect(d?.result).toBe('Scheduled');
    expect(d?.evaluations.find((e) => e.node === 'control-plane')?.filters.at(-1)).toEqual({
      plugin: 'TaintToleration',
      code: 'UnschedulableAndUnresolvable',
      reason: 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
    });
    const chosen = d?.evaluations.find((e) => e.node === d.node);
    expect(chosen?.scores?.map((s) => s.plugin)).toEqual(['TaintToleration', 'NodeResourcesFit', 'NodeResourcesBalancedAllocation', 'ImageLocality']);
    expect(chosen?.totalScore).toBe(Math.max(...d!.evaluations.map((e) => e.totalScore ?? -1)));
  });

  it('takes a burst of pending pods in a few cycle events, not one event per pod', () => {
    const c = bootedCluster();
    for (let i = 0; i < 200; i++) createPod(c, makePod(`burst-${i}`, { cpu: '10m', memory: '16Mi' }));
    let cycles = 0;
    const schedule = c.queue.schedule.bind(c.queue);
    c.queue.schedule = (at, label, run, background) => {
      if (label === 'scheduler:schedule-one') cycles++;
      return schedule(at, label, run, background);
    };
    c.runUntilQuiet();
    expect(Object.values(userPodsByNode(c)).reduce((a, b) => a + b, 0)).toBe(200);
    // Up to 128 pods per cycle event: two events, not one per pod.
    expect(cycles).toBeLessThanOrEqual(3);
  });

  it('binds through pods/binding, records Scheduled and a schedule interaction', () => {
    const c = bootedCluster();
    createPod(c, bare('web'));
    c.runUntilQuiet();
    const node = pod(c, 'web').spec.nodeName;
    expect(node).toMatch(/^worker-/);
    expect(pod(c, 'web').status?.conditions?.find((x) => x.type === 'PodScheduled')?.status).toBe('True');
    const [ev] = eventsFor(c, 'web', 'Scheduled');
    expect(ev).toMatchObject({ type: 'Normal', message: `Successfully assigned default/web to ${node}`, source: { component: 'default-scheduler' } });
    const records = c.log.since(0);
    const schedule = records.findIndex((r) => r.kind === InteractionKind.Schedule && r.label === `schedule web → ${node}`);
    const bind = records.findIndex((r) => r.kind === InteractionKind.Request && r.label === 'POST /api/v1/namespaces/default/pods/web/binding');
    expect(schedule).toBeGreaterThanOrEqual(0);
    expect(bind).toBeGreaterThan(schedule);
  });

  it('a pod tolerating the control-plane taint and selecting it lands there', () => {
    const c = bootedCluster();
    createPod(c, makePod('admin', {
      nodeSelector: { 'node-role.kubernetes.io/control-plane': '' },
      tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
    }));
    c.runUntilQuiet();
    expect(pod(c, 'admin').spec.nodeName).toBe('control-plane');
  });

  it('FailedScheduling with the exact FitError text, then scheduled once a node is added', () => {
    const c = bootedCluster();
    createPod(c, bare('big', '4'));
    c.runUntilQuiet();
    const message =
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. ' +
      'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..';
    const cond = pod(c, 'big').status?.conditions?.find((x) => x.type === 'PodScheduled');
    expect(cond).toMatchObject({ status: 'False', reason: 'Unschedulable', message });
    const [failed] = eventsFor(c, 'big', 'FailedScheduling');
    expect(failed).toMatchObject({ type: 'Warning', message, source: { component: 'default-scheduler' } });
    expect(c.decisionFor('default', 'big')?.reasons).toEqual([
      { reason: 'Insufficient cpu', count: 2 },
      { reason: 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }', count: 1 },
    ]);
    expect(c.scheduler.queueStats()?.unschedulable).toBe(1);
    expect(c.decisionFor('default', 'big')?.evaluations.find((e) => e.node === 'worker-1')?.filters.map((v) => `${v.plugin}:${v.code}`)).toEqual([
      'NodeUnschedulable:Success', 'NodeName:Success', 'TaintToleration:Success', 'NodeAffinity:Skip', 'NodePorts:Skip', 'NodeResourcesFit:Unschedulable',
    ]);

    expect(c.sandbox.addNode('worker-3', { cpu: '8', memory: '16Gi' })).toBeUndefined();
    c.runUntilQuiet();
    liftNotReadyTaints(c);
    c.advance(2000);
    expect(pod(c, 'big').spec.nodeName).toBe('worker-3');
    expect(eventsFor(c, 'big', 'Scheduled')[0]?.message).toBe('Successfully assigned default/big to worker-3');
  });

  it('a repeated failure aggregates into one event with a count', () => {
    const c = bootedCluster();
    createPod(c, bare('big', '16'));
    c.runUntilQuiet();
    c.advance(6 * 60_000);
    const [failed] = eventsFor(c, 'big', 'FailedScheduling');
    expect(failed?.count).toBeGreaterThanOrEqual(2);
    expect(failed?.message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. ' +
        'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..',
    );
  });

  it('a cordoned node gets nothing; uncordoning it lets the pending pod in', () => {
    const c = bootedCluster();
    for (const n of ['worker-1', 'worker-2']) c.api.patch({ component: 'test' }, 'nodes', undefined, n, { spec: { unschedulable: true } });
    c.runUntilQuiet();
    createPod(c, bare('web'));
    c.runUntilQuiet();
    expect(pod(c, 'web').spec.nodeName).toBeUndefined();
    expect(pod(c, 'web').status?.conditions?.[0]?.message).toContain('node(s) were unschedulable');
    c.api.patch({ component: 'test' }, 'nodes', undefined, 'worker-2', { spec: { unschedulable: null } });
    c.runUntilQuiet();
    c.advance(2000);
    expect(pod(c, 'web').spec.nodeName).toBe('worker-2');
  });

  it('a deleted pod frees its resources for a pending one', () => {
    const c = bootedCluster();
    createPod(c, bare('a', '3'));
    createPod(c, bare('b', '3'));
    c.runUntilQuiet();
    createPod(c, bare('c', '3'));
    c.runUntilQuiet();
    expect(pod(c, 'c').spec.nodeName).toBeUndefined();
    const victimNode = pod(c, 'a').spec.nodeName;
    c.api.delete({ component: 'test' }, 'pods', 'default', 'a', { gracePeriodSeconds: 0 });
    c.runUntilQuiet();
    c.advance(2000);
    expect(pod(c, 'c').spec.nodeName).toBe(victimNode);
    expect(c.decisionFor('default', 'a')).toBeUndefined();
  });

  it('ignores pods for another scheduler and pods being deleted', () => {
    const c = bootedCluster();
    const other = bare('other');
    other.spec.schedulerName = 'my-scheduler';
    createPod(c, other);
    c.runUntilQuiet();
    expect(pod(c, 'other').spec.nodeName).toBeUndefined();
    expect(c.decisionFor('default', 'other')).toBeUndefined();
  });

  it('a stopped scheduler catches up after it starts again (leader change)', () => {
    const c = bootedCluster();
    c.scheduler.stop();
    createPod(c, bare('while-down'));
    c.runUntilQuiet();
    expect(pod(c, 'while-down').spec.nodeName).toBeUndefined();
    c.scheduler.start();
    c.runUntilQuiet();
    expect(pod(c, 'while-down').spec.nodeName).toMatch(/^worker-/);
    expect(c.scheduler.queueStats()).toEqual({ active: 0, backoff: 0, unschedulable: 0, gated: 0 });
  });

  it('round-robin: consecutive cycles start where the previous one stopped', () => {
    const c = new Cluster({ seed: 5, spec: { distribution: 'kubeadm', controlPlane: { nodes: 1, etcd: 'stacked' }, nodes: [{ name: 'w-{i:03}', count: 120 }] }, config: { freezeObjects: false } }).boot();
    liftNotReadyTaints(c);
    createPod(c, bare('one', '100m'));
    c.runUntilQuiet();
    createPod(c, bare('two', '100m'));
    c.runUntilQuiet();
    const one = c.decisionFor('default', 'one')!;
    const two = c.decisionFor('default', 'two')!;
    // 121 nodes → 50% = 60, but at least 100 feasible nodes are wanted per cycle.
    expect(one.nodesFiltered).toBeGreaterThanOrEqual(100);
    expect(one.nodesFiltered).toBeLessThanOrEqual(101);
    expect(one.truncated).toBe(true);
    expect(two.evaluations.filter((e) => e.feasible).map((e) => e.node)).not.toEqual(one.evaluations.filter((e) => e.feasible).map((e) => e.node));
  });

  it('is deterministic: same seed, same placements and log digest', () => {
    const run = (): [Record<string, string | undefined>, string] => {
      const c = bootedCluster(11);
      for (let i = 0; i < 8; i++) createPod(c, bare(`p-${i}`, '250m'));
      c.runUntilQuiet();
      return [Object.fromEntries(c.objects<Pod>('pods').map((p) => [p.metadata.name, p.spec.nodeName])), c.log.digest];
    };
    expect(run()).toEqual(run());
  });
});
