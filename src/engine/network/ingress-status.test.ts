import { describe, expect, it } from 'vitest';
import type { Ingress, Node, NodeAddress, Pod, PodPhase } from '../api/types';
import { hasStatusAddresses, nodeStatusAddress, servingNodes, statusAddresses } from './ingress-status';

function pod(name: string, nodeName: string | undefined, phase: PodPhase, ready: boolean): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'kube-system' },
    spec: { containers: [{ name: 'controller', image: 'nginx' }], ...(nodeName ? { nodeName } : {}) },
    status: { phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

function node(addresses: NodeAddress[]): Node {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: {}, status: { addresses } };
}

function ingress(addrs?: { ip?: string; hostname?: string }[]): Ingress {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'default' }, spec: {}, ...(addrs ? { status: { loadBalancer: { ingress: addrs } } } : {}) };
}

describe('ingress-nginx status addresses', () => {
  it('serves from nodes with a Running and Ready controller pod, each node once, in name order', () => {
    expect(servingNodes([
      pod('a', 'worker-2', 'Running', true),
      pod('b', 'worker-1', 'Running', true),
      pod('c', 'worker-1', 'Running', true),
      pod('d', 'worker-3', 'Running', false),
      pod('e', 'worker-4', 'Pending', false),
      pod('f', undefined, 'Pending', false),
    ])).toEqual(['worker-1', 'worker-2']);
  });

  it.each<[NodeAddress[], string | undefined]>([
    [[{ type: 'InternalIP', address: '10.0.0.5' }, { type: 'Hostname', address: 'w1' }], '10.0.0.5'],
    [[{ type: 'InternalIP', address: '10.0.0.5' }, { type: 'ExternalIP', address: '203.0.113.9' }], '203.0.113.9'],
    [[{ type: 'ExternalIP', address: '' }, { type: 'InternalIP', address: '10.0.0.6' }], '10.0.0.6'],
    [[{ type: 'Hostname', address: 'w1' }], undefined],
  ])('node addresses %j → %s', (addresses, want) => {
    expect(nodeStatusAddress(node(addresses))).toBe(want);
  });

  it('publishes unique addresses sorted as text, dropping nodes without one', () => {
    expect(statusAddresses(['10.0.0.9', undefined, '10.0.0.10', '10.0.0.9'])).toEqual([{ ip: '10.0.0.10' }, { ip: '10.0.0.9' }]);
  });

  it.each([
    [undefined, [{ ip: '10.0.0.5' }], false],
    [[{ ip: '10.0.0.5' }], [{ ip: '10.0.0.5' }], true],
    [[{ ip: '10.0.0.5' }], [{ ip: '10.0.0.5' }, { ip: '10.0.0.6' }], false],
    [[{ ip: '10.0.0.6' }, { ip: '10.0.0.5' }], [{ ip: '10.0.0.5' }, { ip: '10.0.0.6' }], false],
    [[{ ip: '10.0.0.5', hostname: 'lb' }], [{ ip: '10.0.0.5' }], false],
  ])('status %j already shows %j: %s', (have, want, same) => {
    expect(hasStatusAddresses(ingress(have), want)).toBe(same);
  });
});
