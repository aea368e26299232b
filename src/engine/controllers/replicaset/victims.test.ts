import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/types';
import { rfc3339 } from '../../sim/time';
import { podsToDelete, POD_DELETION_COST_ANNOTATION } from './victims';

const NOW = 3_600_000;

interface Spec {
  name: string;
  node?: string;
  phase?: 'Pending' | 'Running' | 'Unknown';
  readySinceMs?: number;
  cost?: number;
  restarts?: number;
  createdMs?: number;
}

function pod(s: Spec): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: s.name,
      uid: `uid-${s.name}`,
      creationTimestamp: rfc3339(s.createdMs ?? 0),
      ...(s.cost !== undefined ? { annotations: { [POD_DELETION_COST_ANNOTATION]: String(s.cost) } } : {}),
    },
    spec: { containers: [{ name: 'c', image: 'i' }], ...(s.node ? { nodeName: s.node } : {}) },
    status: {
      phase: s.phase ?? 'Running',
      conditions: s.readySinceMs !== undefined ? [{ type: 'Ready', status: 'True', lastTransitionTime: rfc3339(s.readySinceMs) }] : [],
      containerStatuses: [{ name: 'c', image: 'i', ready: s.readySinceMs !== undefined, restartCount: s.restarts ?? 0, state: {} }],
    },
  };
}

const cases: { rule: string; pods: Spec[]; first: string }[] = [
  { rule: '1. unscheduled before scheduled', pods: [{ name: 'a', node: 'n1', readySinceMs: 0 }, { name: 'b', phase: 'Pending' }], first: 'b' },
  { rule: '2. Pending before Running', pods: [{ name: 'a', node: 'n1', phase: 'Running' }, { name: 'b', node: 'n2', phase: 'Pending' }], first: 'b' },
  { rule: '2. Unknown before Running', pods: [{ name: 'a', node: 'n1', phase: 'Running' }, { name: 'b', node: 'n2', phase: 'Unknown' }], first: 'b' },
  { rule: '3. not ready before ready', pods: [{ name: 'a', node: 'n1', readySinceMs: 0 }, { name: 'b', node: 'n2' }], first: 'b' },
  { rule: '4. lower deletion cost first', pods: [{ name: 'a', node: 'n1', readySinceMs: 0, cost: 10 }, { name: 'b', node: 'n2', readySinceMs: 0, cost: -5 }], first: 'b' },
  {
    rule: '5. doubled-up node first',
    pods: [{ name: 'a', node: 'n1', readySinceMs: 0, createdMs: NOW - 1000 }, { name: 'b', node: 'n2', readySinceMs: 0, createdMs: NOW - 10_000 }, { name: 'c', node: 'n2', readySinceMs: 0 }],
    first: 'b',
  },
  { rule: '6. ready for less time first (log buckets)', pods: [{ name: 'a', node: 'n1', readySinceMs: 0 }, { name: 'b', node: 'n2', readySinceMs: NOW - 60_000 }], first: 'b' },
  { rule: '7. more restarts first', pods: [{ name: 'a', node: 'n1', readySinceMs: 1000, restarts: 0 }, { name: 'b', node: 'n2', readySinceMs: 1000, restarts: 3 }], first: 'b' },
  { rule: '8. newer first', pods: [{ name: 'a', node: 'n1', createdMs: 0 }, { name: 'b', node: 'n2', createdMs: NOW - 10_000 }], first: 'b' },
  { rule: 'same log2 bucket: uid breaks the tie', pods: [{ name: 'b', node: 'n1', createdMs: 1000 }, { name: 'a', node: 'n2', createdMs: 2000 }], first: 'a' },
];

describe('scale-down victim ranking (ActivePodsWithRanks)', () => {
  it.each(cases)('$rule', ({ pods, first }) => {
    const all = pods.map(pod);
    expect(podsToDelete(all, all, 1, NOW)[0]!.metadata.name).toBe(first);
    expect(podsToDelete([...all].reverse(), all, 1, NOW)[0]!.metadata.name).toBe(first);
  });

  it('counts doubled-up pods across sibling ReplicaSets', () => {
    const mine = [pod({ name: 'a', node: 'n1', readySinceMs: 0 }), pod({ name: 'b', node: 'n2', readySinceMs: 0 })];
    const sibling = [pod({ name: 'x', node: 'n2', readySinceMs: 0 })];
    expect(podsToDelete(mine, [...mine, ...sibling], 1, NOW)[0]!.metadata.name).toBe('b');
  });

  it('returns every pod when asked for as many or more', () => {
    const all = [pod({ name: 'a' }), pod({ name: 'b' })];
    expect(podsToDelete(all, all, 5, NOW)).toHaveLength(2);
  });
});
