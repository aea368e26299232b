import { describe, expect, it } from 'vitest';
import type { NodeConfig } from '../cluster/node-config';
import { conditionEventReason, conditionsChanged, nodeAllocatable, nodeCapacity, nodeConditions, nodeInfo, registrationObject, reportedImages, staticNodeStatus } from './node-status';

const cfg = (over: Partial<NodeConfig> = {}): NodeConfig => ({
  name: 'worker-1', role: 'worker', cpuMillis: 4000, memoryBytes: 8 * 2 ** 30, pods: 110, labels: { 'kubernetes.io/hostname': 'worker-1' },
  taints: [], internalIP: '172.18.0.3', podCIDR: '10.244.1.0/24', distribution: 'kubeadm', ...over,
});

describe('node status', () => {
  it('capacity and allocatable (memory minus the 100Mi hard eviction threshold)', () => {
    expect(nodeCapacity(cfg())).toMatchObject({ cpu: '4', memory: '8388608Ki', pods: '110' });
    expect(nodeAllocatable(cfg())).toMatchObject({ cpu: '4', memory: '8286208Ki', pods: '110' });
    expect(nodeAllocatable(cfg({ cpuMillis: 2500 })).cpu).toBe('2500m');
  });

  it.each([
    ['kubeadm', 'v1.34.1', 'containerd://2.1.3'],
    ['k3s', 'v1.34.1+k3s1', 'containerd://2.1.4-k3s1'],
  ] as const)('nodeInfo for %s', (distribution, kubelet, runtime) => {
    const info = nodeInfo(cfg({ distribution }), 'boot-1');
    expect([info.kubeletVersion, info.containerRuntimeVersion, info.bootID]).toEqual([kubelet, runtime, 'boot-1']);
    expect(info.machineID).toBe(nodeInfo(cfg({ distribution }), 'boot-2').machineID);
  });

  it('healthy conditions with the kubelet reasons; transitions kept while the status holds', () => {
    const first = nodeConditions(undefined, 'T1');
    expect(first.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
    ]);
    const restored = nodeConditions(first.map((c) => (c.type === 'Ready' ? { ...c, status: 'Unknown' as const } : c)), 'T2');
    expect(restored.map((c) => c.lastTransitionTime)).toEqual(['T1', 'T1', 'T1', 'T2']);
    expect(restored.every((c) => c.lastHeartbeatTime === 'T2')).toBe(true);
    expect(conditionsChanged(first, nodeConditions(first, 'T3'))).toBe(false);
    expect(conditionsChanged(first, restored)).toBe(true);
  });

  it('event reasons for condition values', () => {
    expect(conditionEventReason('Ready', 'True')).toBe('NodeReady');
    expect(conditionEventReason('MemoryPressure', 'False')).toBe('NodeHasSufficientMemory');
    expect(conditionEventReason('DiskPressure', 'False')).toBe('NodeHasNoDiskPressure');
    expect(conditionEventReason('PIDPressure', 'False')).toBe('NodeHasSufficientPID');
  });

  it('reports images largest first, by digest and tag, at most 50', () => {
    const images = new Map<string, number>([['docker.io/library/nginx:1.27', 70e6], ['registry.k8s.io/pause:3.10', 3e5]]);
    for (let i = 0; i < 60; i++) images.set(`example.com/img${i}:v1`, 1000 + i);
    const out = reportedImages(images);
    expect(out).toHaveLength(50);
    expect(out[0]!.names[1]).toBe('docker.io/library/nginx:1.27');
    expect(out[0]!.names[0]).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  });

  it('registers with labels, taints and podCIDR; k3s adds its instance-type labels', () => {
    const node = registrationObject(cfg({ taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] }), staticNodeStatus(cfg(), 'b'));
    expect(node.spec).toEqual({ podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'], taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] });
    expect(node.status?.addresses).toEqual([{ type: 'InternalIP', address: '172.18.0.3' }, { type: 'Hostname', address: 'worker-1' }]);
    expect(registrationObject(cfg({ distribution: 'k3s' }), {}).metadata.labels?.['node.kubernetes.io/instance-type']).toBe('k3s');
  });
});
