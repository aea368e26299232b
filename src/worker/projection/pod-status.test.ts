import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod, PodStatus } from '../../engine/api/types';
import { podReadyText, podStatus, podTone } from './pod-status';

function pod(status: PodStatus, extra: { deleting?: boolean; init?: number; containers?: number } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', ...(extra.deleting ? { deletionTimestamp: '2026-01-01T09:00:00Z' } : {}) },
    spec: {
      containers: Array.from({ length: extra.containers ?? 1 }, (_, i) => ({ name: `c${i}`, image: 'nginx' })),
      ...(extra.init ? { initContainers: Array.from({ length: extra.init }, (_, i) => ({ name: `i${i}`, image: 'busybox' })) } : {}),
    },
    status,
  };
}

const cs = (state: ContainerStatus['state'], ready = false, name = 'c0'): ContainerStatus => ({ name, image: 'nginx', ready, restartCount: 0, state });

describe('podStatus (kubectl printPod)', () => {
  it.each<[string, Pod, string]>([
    ['no status yet', pod({}), 'Pending'],
    ['pending phase', pod({ phase: 'Pending' }), 'Pending'],
    ['container creating', pod({ phase: 'Pending', containerStatuses: [cs({ waiting: { reason: 'ContainerCreating' } })] }), 'ContainerCreating'],
    ['running', pod({ phase: 'Running', containerStatuses: [cs({ running: {} }, true)] }), 'Running'],
    ['crash loop', pod({ phase: 'Running', containerStatuses: [cs({ waiting: { reason: 'CrashLoopBackOff' } })] }), 'CrashLoopBackOff'],
    ['terminated without reason', pod({ phase: 'Failed', containerStatuses: [cs({ terminated: { exitCode: 2 } })] }), 'ExitCode:2'],
    ['signal', pod({ phase: 'Failed', containerStatuses: [cs({ terminated: { exitCode: 137, signal: 9 } })] }), 'Signal:9'],
    ['completed', pod({ phase: 'Succeeded', containerStatuses: [cs({ terminated: { exitCode: 0, reason: 'Completed' } })] }), 'Completed'],
    ['status.reason wins over phase', pod({ phase: 'Failed', reason: 'Evicted' }), 'Evicted'],
    ['deleting → Terminating', pod({ phase: 'Running', containerStatuses: [cs({ running: {} }, true)] }, { deleting: true }), 'Terminating'],
    ['deleting NodeLost → Unknown', pod({ phase: 'Running', reason: 'NodeLost' }, { deleting: true }), 'Unknown'],
    ['deleting but terminal keeps its status', pod({ phase: 'Succeeded', containerStatuses: [cs({ terminated: { exitCode: 0, reason: 'Completed' } })] }, { deleting: true }), 'Completed'],
    ['init progress', pod({ phase: 'Pending', initContainerStatuses: [cs({ waiting: { reason: 'PodInitializing' } }, false, 'i0')] }, { init: 2 }), 'Init:0/2'],
    ['init crash', pod({ phase: 'Pending', initContainerStatuses: [cs({ waiting: { reason: 'CrashLoopBackOff' } }, false, 'i0')] }, { init: 1 }), 'Init:CrashLoopBackOff'],
    ['init failed exit', pod({ phase: 'Pending', initContainerStatuses: [cs({ terminated: { exitCode: 1 } }, false, 'i0')] }, { init: 1 }), 'Init:ExitCode:1'],
    [
      'first container wins',
      pod({ phase: 'Running', containerStatuses: [cs({ waiting: { reason: 'ImagePullBackOff' } }, false, 'c0'), cs({ waiting: { reason: 'CrashLoopBackOff' } }, false, 'c1')] }, { containers: 2 }),
      'ImagePullBackOff',
    ],
    [
      'completed sidecar-ish with a running one and Ready → Running',
      pod({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [cs({ running: {} }, true, 'c0'), cs({ terminated: { exitCode: 0, reason: 'Completed' } }, false, 'c1')] }, { containers: 2 }),
      'Running',
    ],
    [
      'completed with a running one, not Ready → NotReady',
      pod({ phase: 'Running', containerStatuses: [cs({ running: {} }, true, 'c0'), cs({ terminated: { exitCode: 0, reason: 'Completed' } }, false, 'c1')] }, { containers: 2 }),
      'NotReady',
    ],
  ])('%s', (_name, p, want) => {
    expect(podStatus(p)).toBe(want);
  });
});

describe('podReadyText and podTone', () => {
  it('counts ready containers over containers', () => {
    const p = pod({ phase: 'Running', containerStatuses: [cs({ running: {} }, true, 'c0'), cs({ running: {} }, false, 'c1')] }, { containers: 2 });
    expect(podReadyText(p)).toEqual({ text: '1/2', ready: 1, total: 2 });
  });

  it.each([
    ['Running', 'Running', true, 'running'],
    ['Running', 'Running', false, 'notready'],
    ['ContainerCreating', 'Pending', false, 'creating'],
    ['Pending', 'Pending', false, 'pending'],
    ['CrashLoopBackOff', 'Running', false, 'failing'],
    ['Init:0/1', 'Pending', false, 'creating'],
    ['Init:Error', 'Pending', false, 'failing'],
    ['Terminating', 'Running', true, 'terminating'],
    ['Completed', 'Succeeded', false, 'succeeded'],
    ['Error', 'Failed', false, 'failing'],
  ] as const)('%s / %s / ready=%s → %s', (status, phase, ready, tone) => {
    expect(podTone(status, phase, ready)).toBe(tone);
  });
});
