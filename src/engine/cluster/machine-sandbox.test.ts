import { describe, expect, it } from 'vitest';
import type { Node } from '../api/types';
import { Cluster } from './cluster';

describe('sandbox add node', () => {
  it('gives each added machine its own pod CIDR, past the 256th /24 and after removals', () => {
    const c = new Cluster({ seed: 1, spec: { distribution: 'kubeadm', controlPlane: { nodes: 1, etcd: 'stacked' }, nodes: [{ name: 'w-{i}', count: 255 }] } });
    expect(c.addNode('extra-1', {})).toBeUndefined();
    c.removeNode('w-3');
    expect(c.addNode('extra-2', {})).toBeUndefined();
    const cidrs = [...c.machines.values()].map((m) => m.config.podCIDR);
    expect(new Set(cidrs).size).toBe(cidrs.length);
    expect(c.machines.get('extra-1')?.config.podCIDR).toBe('10.245.0.0/24');
    expect(c.machines.get('extra-2')?.config.podCIDR).toBe('10.245.1.0/24');
  });

  it('a killed control-plane node takes its API server and etcd member with it; restoring brings them back', () => {
    const c = new Cluster({ seed: 2, spec: { distribution: 'kubeadm', controlPlane: { nodes: 3, etcd: 'stacked' }, nodes: [{ name: 'worker-{i}', count: 1 }] } }).boot();
    c.killNode('control-plane-2');
    expect(c.ha.etcd.member('control-plane-2')?.alive).toBe(false);
    expect(c.controlPlane.instances[1]!.schedulerElector.running).toBe(false);
    c.restoreNode('control-plane-2');
    expect(c.ha.etcd.member('control-plane-2')?.alive).toBe(true);
    expect(c.controlPlane.instances[1]!.schedulerElector.running).toBe(true);
    c.advance(30_000);
    expect(c.api.peek<Node>('nodes', undefined, 'control-plane-2')?.status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('True');
  });
});
