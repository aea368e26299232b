import { describe, expect, it } from 'vitest';
import type { Container, Pod } from '../api/types';
import { admitPod, nodeAffinityMatches, podRequests, qosClass, sharedRequests } from './pod-resources';

const c = (name: string, requests?: Record<string, string>, limits?: Record<string, string>, extra: Partial<Container> = {}): Container => ({
  name, image: 'i', ...(requests || limits ? { resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) } } : {}), ...extra,
});
const pod = (containers: Container[], initContainers: Container[] = [], extra: Partial<Pod['spec']> = {}): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers, initContainers, ...extra } });

describe('podRequests', () => {
  it('sums app containers, takes the max with init containers, adds sidecars', () => {
    expect(podRequests(pod([c('a', { cpu: '100m', memory: '64Mi' }), c('b', { cpu: '250m' })]))).toEqual({ cpuMillis: 350, memoryBytes: 64 * 2 ** 20 });
    expect(podRequests(pod([c('a', { cpu: '100m' })], [c('init', { cpu: '1' })]))).toEqual({ cpuMillis: 1000, memoryBytes: 0 });
    expect(podRequests(pod([c('a', { cpu: '100m' })], [c('side', { cpu: '50m' }, undefined, { restartPolicy: 'Always' })]))).toEqual({ cpuMillis: 150, memoryBytes: 0 });
  });
});

describe('sharedRequests', () => {
  it('hands out one object per run of equal requests, never one with other values', () => {
    const a = sharedRequests({ cpuMillis: 100, memoryBytes: 64 });
    expect(sharedRequests({ cpuMillis: 100, memoryBytes: 64 })).toBe(a);
    const b = { cpuMillis: 100, memoryBytes: 65 };
    expect(sharedRequests(b)).toBe(b);
    const c2 = { cpuMillis: 200, memoryBytes: 65 };
    expect(sharedRequests(c2)).toBe(c2);
    expect(sharedRequests({ cpuMillis: 200, memoryBytes: 65 })).toEqual({ cpuMillis: 200, memoryBytes: 65 });
    expect(a).toEqual({ cpuMillis: 100, memoryBytes: 64 });
  });
});

describe('qosClass', () => {
  it.each([
    ['BestEffort', [c('a')]],
    ['Burstable', [c('a', { cpu: '100m' })]],
    ['Guaranteed', [c('a', { cpu: '500m', memory: '1Gi' }, { cpu: '0.5', memory: '1Gi' })]],
    ['Guaranteed', [c('a', undefined, { cpu: '1', memory: '1Gi' })]],
    ['Burstable', [c('a', { cpu: '500m', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })]],
  ] as const)('%s', (want, containers) => {
    expect(qosClass(pod([...containers]))).toBe(want);
  });
});

describe('admitPod', () => {
  const alloc = { cpuMillis: 4000, memoryBytes: 8 * 2 ** 30, pods: 3 };
  const none = { cpuMillis: 0, memoryBytes: 0, pods: 0 };
  it.each([
    ['fits', pod([c('a', { cpu: '500m' })]), { cpuMillis: 3500, memoryBytes: 0, pods: 1 }, undefined],
    ['over cpu', pod([c('a', { cpu: '500m' })]), { cpuMillis: 3800, memoryBytes: 0, pods: 1 }, { reason: 'OutOfcpu', message: "Node didn't have enough resource: cpu, requested: 500, used: 3800, capacity: 4000" }],
    ['over pods', pod([c('a')]), { cpuMillis: 0, memoryBytes: 0, pods: 3 }, { reason: 'OutOfpods', message: "Node didn't have enough resource: pods, requested: 1, used: 3, capacity: 3" }],
    ['over memory', pod([c('a', { memory: '9Gi' })]), none, { reason: 'OutOfmemory', message: `Node didn't have enough resource: memory, requested: ${9 * 2 ** 30}, used: 0, capacity: ${8 * 2 ** 30}` }],
    ['node selector mismatch', pod([c('a')], [], { nodeSelector: { disk: 'ssd' } }), none, { reason: 'NodeAffinity', message: 'Predicate NodeAffinity failed' }],
  ] as const)('%s', (_name, p, used, want) => {
    expect(admitPod(p, podRequests(p), 'n1', { 'kubernetes.io/hostname': 'n1' }, alloc, used)).toEqual(want);
  });

  it('matches required node affinity terms and matchFields', () => {
    const affinity = (key: string, operator: 'In' | 'NotIn' | 'Gt', values: string[], field = false): Pod => pod([c('a')], [], {
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [field ? { matchFields: [{ key, operator, values }] } : { matchExpressions: [{ key, operator, values }] }] } } },
    });
    const labels = { zone: 'a', cores: '8' };
    expect(nodeAffinityMatches(affinity('zone', 'In', ['a', 'b']), 'n1', labels)).toBe(true);
    expect(nodeAffinityMatches(affinity('zone', 'NotIn', ['a']), 'n1', labels)).toBe(false);
    expect(nodeAffinityMatches(affinity('cores', 'Gt', ['4']), 'n1', labels)).toBe(true);
    expect(nodeAffinityMatches(affinity('metadata.name', 'In', ['n1'], true), 'n1', labels)).toBe(true);
    expect(nodeAffinityMatches(affinity('metadata.name', 'In', ['n2'], true), 'n1', labels)).toBe(false);
  });
});
