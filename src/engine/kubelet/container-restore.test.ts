import { describe, expect, it } from 'vitest';
import type { ContainerState, ContainerStatus } from '../api/types';
import { restoredState } from './container-restore';

const st = (state: ContainerState, lastState: ContainerState = {}): ContainerStatus => ({ name: 'c', image: 'i', ready: true, restartCount: 2, containerID: 'containerd://x', state, lastState });

describe('restoredState', () => {
  it.each([
    ['running app container, Always: ended Unknown (255), restarts', st({ running: { startedAt: 'S' } }), 'app', 'Always', { exitCode: 255, reason: 'Unknown', startedAt: 'S', finishedAt: 'NOW' }, undefined],
    ['running app container, Never: stays terminated', st({ running: { startedAt: 'S' } }), 'app', 'Never', { exitCode: 255, reason: 'Unknown', startedAt: 'S', finishedAt: 'NOW' }, 'terminated'],
    ['crash-looping container keeps its last exit', st({ waiting: { reason: 'CrashLoopBackOff' } }, { terminated: { exitCode: 1, reason: 'Error' } }), 'app', 'Always', { exitCode: 1, reason: 'Error' }, undefined],
    ['OnFailure after a clean exit: done', st({ terminated: { exitCode: 0, reason: 'Completed' } }), 'app', 'OnFailure', { exitCode: 0, reason: 'Completed' }, 'terminated'],
  ] as const)('%s', (_name, old, kind, policy, last, state) => {
    const r = restoredState(old, kind, policy, 'NOW');
    expect(r.lastTerminated).toEqual(last);
    expect(r.state ? Object.keys(r.state)[0] : undefined).toBe(state);
    expect(r.ready).toBe(false);
  });

  it('a finished init container is not run again', () => {
    const r = restoredState(st({ terminated: { exitCode: 0, reason: 'Completed' } }), 'init', 'Always', 'NOW');
    expect(r).toMatchObject({ ready: true, state: { terminated: { exitCode: 0 } } });
  });
});
