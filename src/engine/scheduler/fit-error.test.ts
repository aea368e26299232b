import { describe, expect, it } from 'vitest';
import { newDiagnosis } from './find-nodes';
import { fitErrorMessage, truncateMessage } from './fit-error';
import { unresolvable, unschedulable } from './framework/status';

describe('FitError message', () => {
  it('histogram sorted as strings, then the PostFilter message', () => {
    const d = newDiagnosis(3);
    d.nodeToStatus.set('control-plane', unresolvable('node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'));
    d.nodeToStatus.set('worker-1', unschedulable('Insufficient cpu'));
    d.nodeToStatus.set('worker-2', unschedulable('Insufficient cpu'));
    d.postFilterMsg = 'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';
    expect(fitErrorMessage(d)).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. ' +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..',
    );
  });

  it('sorts lexicographically, not by count', () => {
    const d = newDiagnosis(13);
    for (let i = 0; i < 10; i++) d.nodeToStatus.set(`a${i}`, unschedulable('Insufficient memory'));
    for (let i = 0; i < 3; i++) d.nodeToStatus.set(`b${i}`, unschedulable('Insufficient cpu', 'Insufficient memory'));
    expect(fitErrorMessage(d)).toBe('0/13 nodes are available: 13 Insufficient memory, 3 Insufficient cpu.');
  });

  it('nodes left out by a PreFilter result count under its status', () => {
    const d = newDiagnosis(3);
    d.nodeToStatus.set('w1', unschedulable('Insufficient cpu'));
    d.absentStatus = unresolvable("node(s) didn't satisfy plugin(s) [NodeAffinity]");
    expect(fitErrorMessage(d)).toBe("0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity].");
  });

  it('a PreFilter rejection replaces the histogram', () => {
    const d = newDiagnosis(2);
    d.preFilterMsg = 'pod affinity terms conflict';
    d.absentStatus = unresolvable('pod affinity terms conflict');
    expect(fitErrorMessage(d)).toBe('0/2 nodes are available: pod affinity terms conflict.');
  });

  it('no nodes at all', () => {
    expect(fitErrorMessage(newDiagnosis(0))).toBe('0/0 nodes are available:');
  });

  it('event notes are capped at 1024 characters', () => {
    const long = 'x'.repeat(2000);
    expect(truncateMessage(long)).toHaveLength(1024);
    expect(truncateMessage(long).endsWith(' ...')).toBe(true);
    expect(truncateMessage('short')).toBe('short');
  });
});
