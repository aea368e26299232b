import { describe, expect, it } from 'vitest';
import { datastoreOf, nodeInternalIP, nodePodCIDR, type ClusterSpec } from './cluster-spec';

describe('node address ranges', () => {
  it.each([
    ['10.244', 0, '10.244.0.0/24'],
    ['10.244', 255, '10.244.255.0/24'],
    ['10.244', 256, '10.245.0.0/24'],
    ['10.244', 3071, '10.255.255.0/24'],
    // Past the second octet the ranges carry on into the first: still valid and distinct.
    ['10.244', 3072, '11.0.0.0/24'],
    ['10.244', 4999, '11.7.135.0/24'],
    ['10.42', 4999, '10.61.135.0/24'],
  ])('pod CIDR of node %s #%i is %s', (prefix, idx, cidr) => {
    expect(nodePodCIDR(prefix, idx)).toBe(cidr);
  });

  it('gives each of 5,000 nodes its own pod range and address', () => {
    const idx = Array.from({ length: 5000 }, (_, i) => i);
    expect(new Set(idx.map((i) => nodePodCIDR('10.244', i))).size).toBe(5000);
    expect(new Set(idx.map((i) => nodeInternalIP(i))).size).toBe(5000);
    for (const i of [0, 2999, 3072, 4999]) expect(nodePodCIDR('10.244', i)).toMatch(/^(\d{1,2}|1\d\d|2[0-4]\d|25[0-5])(\.(\d{1,2}|1\d\d|2[0-4]\d|25[0-5])){3}\/24$/);
  });
});

describe('datastoreOf', () => {
  it.each<[ClusterSpec['distribution'], 1 | 3, 'stacked' | 'external', string]>([
    ['k3s', 1, 'stacked', 'kine-sqlite'],
    ['k3s', 3, 'stacked', 'etcd'],
    ['k3s', 1, 'external', 'etcd'],
    ['k3s', 3, 'external', 'etcd'],
    ['kubeadm', 1, 'stacked', 'etcd'],
    ['kubeadm', 3, 'stacked', 'etcd'],
    ['kubeadm', 3, 'external', 'etcd'],
  ])('%s with %i server(s), %s etcd: %s', (distribution, nodes, etcd, want) => {
    expect(datastoreOf({ distribution, controlPlane: { nodes, etcd }, nodes: [] })).toBe(want);
  });
});
