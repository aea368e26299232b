import { describe, expect, it } from 'vitest';
import type { Condition, Node, Taint } from '../../api/types';
import { desiredNoScheduleKeys, NOT_READY_NO_EXECUTE, reconcileNoSchedule, swapTaints, UNREACHABLE_NO_EXECUTE } from './taints';

const node = (conditions: Partial<Record<string, Condition['status']>>, unschedulable = false): Node => ({
  apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: { unschedulable },
  status: { conditions: Object.entries(conditions).map(([type, status]) => ({ type, status: status! })) },
});

describe('desiredNoScheduleKeys (condition → taint)', () => {
  it.each([
    [{ Ready: 'True' }, false, []],
    [{ Ready: 'False' }, false, ['node.kubernetes.io/not-ready']],
    [{ Ready: 'Unknown' }, false, ['node.kubernetes.io/unreachable']],
    [{ Ready: 'True', MemoryPressure: 'True', DiskPressure: 'True', PIDPressure: 'True' }, false, ['node.kubernetes.io/memory-pressure', 'node.kubernetes.io/disk-pressure', 'node.kubernetes.io/pid-pressure']],
    [{ Ready: 'True', NetworkUnavailable: 'True' }, false, ['node.kubernetes.io/network-unavailable']],
    [{ Ready: 'True' }, true, ['node.kubernetes.io/unschedulable']],
  ] as const)('%j cordoned=%s → %j', (conds, cordoned, want) => {
    expect(desiredNoScheduleKeys(node(conds, cordoned))).toEqual(want);
  });
});

describe('reconcileNoSchedule', () => {
  const user: Taint = { key: 'dedicated', value: 'db', effect: 'NoSchedule' };
  it('adds wanted taints with timeAdded, removes stale managed ones, keeps foreign ones', () => {
    const before: Taint[] = [user, { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }, UNREACHABLE_NO_EXECUTE];
    expect(reconcileNoSchedule(before, ['node.kubernetes.io/unreachable'], 'T')).toEqual([
      user, UNREACHABLE_NO_EXECUTE, { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: 'T' },
    ]);
  });
  it('returns undefined when nothing changes', () => {
    expect(reconcileNoSchedule([user], [], 'T')).toBeUndefined();
    expect(reconcileNoSchedule([{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule', timeAdded: 'old' }], ['node.kubernetes.io/unschedulable'], 'T')).toBeUndefined();
  });
});

describe('swapTaints', () => {
  it('swaps unreachable for not-ready, stamping the new one', () => {
    const out = swapTaints([{ ...UNREACHABLE_NO_EXECUTE, timeAdded: 'old' }], [NOT_READY_NO_EXECUTE], [UNREACHABLE_NO_EXECUTE], 'T');
    expect(out).toEqual([{ ...NOT_READY_NO_EXECUTE, timeAdded: 'T' }]);
    expect(swapTaints([], [], [NOT_READY_NO_EXECUTE], 'T')).toBeUndefined();
    expect(swapTaints([{ ...NOT_READY_NO_EXECUTE, timeAdded: 'old' }], [NOT_READY_NO_EXECUTE], [], 'T')).toBeUndefined();
  });
});
