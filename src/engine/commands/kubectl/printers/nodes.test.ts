import { describe, expect, it } from 'vitest';
import type { Condition, Node } from '../../../api/types';
import { nodeRoles, nodeStatus } from './nodes';

function node(labels: Record<string, string>, ready: Condition['status'] | undefined, unschedulable = false): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'n', labels },
    spec: { unschedulable },
    status: { conditions: ready ? [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: ready }] : [] },
  };
}

describe('node STATUS', () => {
  it.each<[Condition['status'] | undefined, boolean, string]>([
    ['True', false, 'Ready'],
    ['False', false, 'NotReady'],
    ['Unknown', false, 'NotReady'],
    [undefined, false, 'Unknown'],
    ['True', true, 'Ready,SchedulingDisabled'],
    ['Unknown', true, 'NotReady,SchedulingDisabled'],
  ])('Ready=%s cordoned=%s → %s', (ready, cordoned, text) => {
    expect(nodeStatus(node({}, ready, cordoned))).toBe(text);
  });
});

describe('node ROLES', () => {
  it.each<[Record<string, string>, string[]]>([
    [{ 'node-role.kubernetes.io/control-plane': '' }, ['control-plane']],
    [{ 'node-role.kubernetes.io/master': 'true', 'node-role.kubernetes.io/control-plane': 'true', 'node-role.kubernetes.io/etcd': 'true' }, ['control-plane', 'etcd', 'master']],
    [{ 'kubernetes.io/role': 'worker' }, ['worker']],
    [{ 'kubernetes.io/role': '' }, []],
    [{ 'node-role.kubernetes.io/': 'x' }, []],
    [{ 'kubernetes.io/hostname': 'n' }, []],
  ])('%j → %j', (labels, roles) => {
    expect(nodeRoles(node(labels, 'True'))).toEqual(roles);
  });
});
