import { describe, expect, it } from 'vitest';
import { newPodInfo } from '../cache/pod-info';
import { newPrioritySort } from '../plugins/priority-sort';
import { newSchedulingGates } from '../plugins/scheduling-gates';
import { makePod } from '../testing/builders';
import { ClusterEvent } from './cluster-events';
import { backoffDurationMs, SchedulingQueue } from './scheduling-queue';

function queue(): { q: SchedulingQueue; clock: { now: number } } {
  const clock = { now: 0 };
  const sort = newPrioritySort();
  const gates = newSchedulingGates();
  const q = new SchedulingQueue({ now: () => clock.now, less: (a, b) => sort.less(a, b), preEnqueue: (p) => gates.preEnqueue(p) });
  return { q, clock };
}

describe('backoff', () => {
  it.each([
    [0, 0],
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 8000],
    [5, 10_000],
    [12, 10_000],
  ])('after %i attempts: %i ms', (attempts, ms) => {
    expect(backoffDurationMs(attempts)).toBe(ms);
  });
});

describe('SchedulingQueue', () => {
  it('pops by priority, then by enqueue time', () => {
    const { q, clock } = queue();
    q.add(newPodInfo(makePod('low', { priority: 0 })), undefined);
    clock.now = 5;
    q.add(newPodInfo(makePod('high', { priority: 1000 })), undefined);
    q.add(newPodInfo(makePod('low2', { priority: 0 })), undefined);
    expect([q.pop()?.podInfo.name, q.pop()?.podInfo.name, q.pop()?.podInfo.name]).toEqual(['high', 'low', 'low2']);
    expect(q.pop()).toBeUndefined();
  });

  it('unschedulable pods wait for an event that may help, then go through back-off', () => {
    const { q, clock } = queue();
    q.add(newPodInfo(makePod('p')), undefined);
    const first = q.pop()!;
    clock.now = 100;
    q.addUnschedulable(first, new Set(['NodeResourcesFit']));
    expect(q.where('default/p')).toBe('unschedulablePods');
    expect(q.onClusterEvent(ClusterEvent.NodeTaintChange)).toBe(0);
    expect(q.onClusterEvent(ClusterEvent.AssignedPodDelete)).toBe(1);
    // 1 attempt → 1 s back-off from the failure at t=100.
    expect(q.where('default/p')).toBe('backoffQ');
    clock.now = 1099;
    expect(q.flushBackoffCompleted()).toBe(0);
    clock.now = 1100;
    expect(q.flushBackoffCompleted()).toBe(1);
    expect(q.where('default/p')).toBe('activeQ');
  });

  it('an event after the back-off expired moves the pod straight to activeQ', () => {
    const { q, clock } = queue();
    q.add(newPodInfo(makePod('p')), undefined);
    q.addUnschedulable(q.pop()!, new Set(['TaintToleration']));
    clock.now = 5000;
    q.onClusterEvent(ClusterEvent.NodeAdd, () => true);
    expect(q.where('default/p')).toBe('activeQ');
  });

  it('the pre-check can keep a pod where it is', () => {
    const { q } = queue();
    q.add(newPodInfo(makePod('p')), undefined);
    q.addUnschedulable(q.pop()!, new Set(['NodeResourcesFit']));
    expect(q.onClusterEvent(ClusterEvent.NodeAdd, () => false)).toBe(0);
    expect(q.where('default/p')).toBe('unschedulablePods');
  });

  it('flushes pods left unschedulable for more than 5 minutes', () => {
    const { q, clock } = queue();
    q.add(newPodInfo(makePod('p')), undefined);
    q.addUnschedulable(q.pop()!, new Set(['NodeAffinity']));
    clock.now = 300_000;
    expect(q.flushUnschedulableLeftover()).toBe(0);
    clock.now = 300_001;
    expect(q.flushUnschedulableLeftover()).toBe(1);
    expect(q.where('default/p')).toBe('activeQ');
  });

  it('errors (no rejecting plugin) go to backoffQ directly', () => {
    const { q, clock } = queue();
    q.add(newPodInfo(makePod('p')), undefined);
    const a = q.pop()!;
    q.addUnschedulable(a, new Set(), true);
    q.flushBackoffCompleted();
    expect(q.where('default/p')).toBe('backoffQ');
    clock.now = 1000;
    q.flushBackoffCompleted();
    expect(q.pop()?.attempts).toBe(2);
  });

  it('an update that changes the spec requeues an unschedulable pod; a status-only update does not', () => {
    const { q, clock } = queue();
    q.add(newPodInfo(makePod('p')), undefined);
    q.addUnschedulable(q.pop()!, new Set(['TaintToleration']));
    q.update(newPodInfo(makePod('p')), undefined, false);
    expect(q.where('default/p')).toBe('unschedulablePods');
    clock.now = 2000;
    q.update(newPodInfo(makePod('p', { tolerations: [{ operator: 'Exists' }] })), undefined, true);
    expect(q.where('default/p')).toBe('activeQ');
  });

  it('scheduling gates hold a pod until removed', () => {
    const { q } = queue();
    q.add(newPodInfo(makePod('p', { schedulingGates: [{ name: 'example.com/wait' }] })), undefined);
    expect(q.where('default/p')).toBe('gated');
    expect(q.pop()).toBeUndefined();
    q.update(newPodInfo(makePod('p')), undefined, true);
    expect(q.pop()?.podInfo.name).toBe('p');
  });

  it('delete removes the pod wherever it is', () => {
    const { q } = queue();
    q.add(newPodInfo(makePod('p')), undefined);
    q.delete('default/p');
    expect(q.where('default/p')).toBeUndefined();
    expect(q.activeLength).toBe(0);
  });
});
