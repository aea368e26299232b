import { describe, expect, it } from 'vitest';
import type { Condition, Node } from '../../api/types';
import { nodeUnchangedForDaemons } from './change-filters';

function node(conditions: [string, Condition['status']][], spec: Node['spec'] = {}, labels: Record<string, string> = { zone: 'a' }): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'worker-1', labels },
    spec,
    status: { conditions: conditions.map(([type, status]) => ({ type, status, lastHeartbeatTime: `t${type}` })) },
  };
}

const base: [string, Condition['status']][] = [['Ready', 'True'], ['MemoryPressure', 'False']];

describe('nodeUnchangedForDaemons', () => {
  it.each<[string, Node, Node, boolean]>([
    ['a heartbeat (same conditions, same order)', node(base), node(base), true],
    ['the same conditions reordered', node(base), node([['MemoryPressure', 'False'], ['Ready', 'True']]), true],
    ['Ready turned Unknown', node(base), node([['Ready', 'Unknown'], ['MemoryPressure', 'False']]), false],
    ['a condition added', node(base), node([...base, ['DiskPressure', 'False']]), false],
    ['a taint added', node(base), node(base, { taints: [{ key: 'k', effect: 'NoSchedule' }] }), false],
    ['equal spec in another object', node(base, { unschedulable: true }), node(base, { unschedulable: true }), true],
    ['a label changed', node(base), node(base, {}, { zone: 'b' }), false],
  ])('%s', (_case, a, b, unchanged) => {
    expect(nodeUnchangedForDaemons(a, b)).toBe(unchanged);
  });

  it('shares labels and spec by reference when only status was written', () => {
    const a = node(base);
    const b: Node = { ...a, status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'MemoryPressure', status: 'False' }] } };
    expect(nodeUnchangedForDaemons(a, b)).toBe(true);
  });
});
