import { describe, expect, it } from 'vitest';
import type { Container, ContainerStatus, Pod, PodStatus } from '../../../api/types';
import { summarizePod } from './pod-status';

const NOW = 600_000;
/** `2026-01-01T09:08:00Z` is 2 minutes before NOW on the simulated clock. */
const TWO_MIN_AGO = '2026-01-01T09:08:00Z';

function c(name: string, extra: Partial<Container> = {}): Container {
  return { name, image: 'nginx', ...extra };
}

function cs(name: string, state: ContainerStatus['state'], extra: Partial<ContainerStatus> = {}): ContainerStatus {
  return { name, image: 'nginx', ready: false, restartCount: 0, state, ...extra };
}

const running = { running: { startedAt: '2026-01-01T09:00:00Z' } };

function pod(spec: { containers: Container[]; initContainers?: Container[] }, status: PodStatus, deleting = false): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', ...(deleting ? { deletionTimestamp: '2026-01-01T09:09:00Z' } : {}) },
    spec,
    status,
  };
}

describe('summarizePod (kubectl printPod)', () => {
  it.each<[string, Pod, string, string, string]>([
    ['running and ready', pod({ containers: [c('a')] }, { phase: 'Running', containerStatuses: [cs('a', running, { ready: true })] }), '1/1', 'Running', '0'],
    ['pending, no status yet', pod({ containers: [c('a')] }, { phase: 'Pending' }), '0/1', 'Pending', '0'],
    ['container creating', pod({ containers: [c('a')] }, { phase: 'Pending', containerStatuses: [cs('a', { waiting: { reason: 'ContainerCreating' } })] }), '0/1', 'ContainerCreating', '0'],
    [
      'crash loop with restarts and a last termination',
      pod({ containers: [c('a')] }, { phase: 'Running', containerStatuses: [cs('a', { waiting: { reason: 'CrashLoopBackOff' } }, { restartCount: 4, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: TWO_MIN_AGO } } })] }),
      '0/1', 'CrashLoopBackOff', '4 (2m ago)',
    ],
    ['restarts without a termination time', pod({ containers: [c('a')] }, { phase: 'Running', containerStatuses: [cs('a', running, { ready: true, restartCount: 3 })] }), '1/1', 'Running', '3'],
    ['completed', pod({ containers: [c('a')] }, { phase: 'Succeeded', containerStatuses: [cs('a', { terminated: { exitCode: 0, reason: 'Completed' } })] }), '0/1', 'Completed', '0'],
    ['terminated without reason', pod({ containers: [c('a')] }, { phase: 'Failed', containerStatuses: [cs('a', { terminated: { exitCode: 1 } })] }), '0/1', 'ExitCode:1', '0'],
    ['killed by signal', pod({ containers: [c('a')] }, { phase: 'Failed', containerStatuses: [cs('a', { terminated: { exitCode: 137, signal: 9 } })] }), '0/1', 'Signal:9', '0'],
    ['OOMKilled', pod({ containers: [c('a')] }, { phase: 'Running', containerStatuses: [cs('a', { terminated: { exitCode: 137, reason: 'OOMKilled' } })] }), '0/1', 'OOMKilled', '0'],
    [
      'first container wins (walked last to first)',
      pod({ containers: [c('a'), c('b')] }, { phase: 'Pending', containerStatuses: [cs('a', { waiting: { reason: 'ImagePullBackOff' } }), cs('b', { waiting: { reason: 'ContainerCreating' } })] }),
      '0/2', 'ImagePullBackOff', '0',
    ],
    [
      'Completed with a running container and Ready → Running',
      pod({ containers: [c('a'), c('b')] }, { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [cs('a', { terminated: { exitCode: 0, reason: 'Completed' } }), cs('b', running, { ready: true })] }),
      '1/2', 'Running', '0',
    ],
    [
      'Completed with a running container, not Ready → NotReady',
      pod({ containers: [c('a'), c('b')] }, { phase: 'Running', containerStatuses: [cs('a', { terminated: { exitCode: 0, reason: 'Completed' } }), cs('b', running, { ready: true })] }),
      '1/2', 'NotReady', '0',
    ],
    [
      'init container running',
      pod({ initContainers: [c('i1'), c('i2')], containers: [c('a')] }, { phase: 'Pending', initContainerStatuses: [cs('i1', { terminated: { exitCode: 0, reason: 'Completed' } }), cs('i2', running)], containerStatuses: [cs('a', { waiting: { reason: 'PodInitializing' } })] }),
      '0/1', 'Init:1/2', '0',
    ],
    [
      'init container not started',
      pod({ initContainers: [c('i1')], containers: [c('a')] }, { phase: 'Pending', initContainerStatuses: [cs('i1', { waiting: { reason: 'PodInitializing' } })] }),
      '0/1', 'Init:0/1', '0',
    ],
    [
      'init container crash looping',
      pod({ initContainers: [c('i1')], containers: [c('a')] }, { phase: 'Pending', initContainerStatuses: [cs('i1', { waiting: { reason: 'CrashLoopBackOff' } }, { restartCount: 2 })] }),
      '0/1', 'Init:CrashLoopBackOff', '2',
    ],
    ['init container failed', pod({ initContainers: [c('i1')], containers: [c('a')] }, { phase: 'Failed', initContainerStatuses: [cs('i1', { terminated: { exitCode: 1, reason: 'Error' } })] }), '0/1', 'Init:Error', '0'],
    ['init container exit code', pod({ initContainers: [c('i1')], containers: [c('a')] }, { phase: 'Failed', initContainerStatuses: [cs('i1', { terminated: { exitCode: 2 } })] }), '0/1', 'Init:ExitCode:2', '0'],
    [
      'sidecar counted in READY',
      pod({ initContainers: [c('proxy', { restartPolicy: 'Always' })], containers: [c('a')] }, { phase: 'Running', initContainerStatuses: [cs('proxy', running, { started: true, ready: true })], containerStatuses: [cs('a', running, { ready: true })] }),
      '2/2', 'Running', '0',
    ],
    ['scheduling gated', pod({ containers: [c('a')] }, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }), '0/1', 'SchedulingGated', '0'],
    ['status.reason wins over the phase', pod({ containers: [c('a')] }, { phase: 'Failed', reason: 'Evicted' }), '0/1', 'Evicted', '0'],
    ['deleting', pod({ containers: [c('a')] }, { phase: 'Running', containerStatuses: [cs('a', running, { ready: true })] }, true), '1/1', 'Terminating', '0'],
    ['deleting on a lost node', pod({ containers: [c('a')] }, { phase: 'Running', reason: 'NodeLost' }, true), '0/1', 'Unknown', '0'],
    ['deleting a finished pod', pod({ containers: [c('a')] }, { phase: 'Succeeded', containerStatuses: [cs('a', { terminated: { exitCode: 0, reason: 'Completed' } })] }, true), '0/1', 'Completed', '0'],
    [
      'restarts summed over containers, newest termination',
      pod({ containers: [c('a'), c('b')] }, { phase: 'Running', containerStatuses: [
        cs('a', running, { ready: true, restartCount: 2, lastState: { terminated: { exitCode: 1, finishedAt: '2026-01-01T09:00:00Z' } } }),
        cs('b', running, { ready: true, restartCount: 3, lastState: { terminated: { exitCode: 1, finishedAt: TWO_MIN_AGO } } }),
      ] }),
      '2/2', 'Running', '5 (2m ago)',
    ],
  ])('%s', (_name, p, ready, status, restarts) => {
    expect(summarizePod(p, NOW)).toEqual({ ready, status, restarts });
  });
});
