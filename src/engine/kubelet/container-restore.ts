import type { ContainerState, ContainerStateTerminated, ContainerStatus, PodSpec } from '../api/types';

/**
 * What a restarted kubelet makes of a container status the API still holds from before the
 * node went down: the process is gone, so a running container ended "Unknown" (exit 255),
 * and it restarts unless the restart policy says no. Finished init containers stay finished.
 */
export interface RestoredState {
  readonly lastTerminated: ContainerStateTerminated | undefined;
  /** Set when the container will not run again (its last exit stands). */
  readonly state?: ContainerState;
  readonly ready: boolean;
}

export function restoredState(old: ContainerStatus, kind: 'init' | 'sidecar' | 'app', policy: NonNullable<PodSpec['restartPolicy']>, now: string): RestoredState {
  const prevEnd = old.state.terminated;
  if (kind === 'init' && prevEnd?.exitCode === 0) return { lastTerminated: prevEnd, state: { terminated: prevEnd }, ready: true };
  const startedAt = old.state.running?.startedAt;
  const lastTerminated = prevEnd ?? (startedAt ? { exitCode: 255, reason: 'Unknown', startedAt, finishedAt: now } : old.lastState?.terminated);
  const restarts = kind === 'sidecar' || policy === 'Always' || (policy === 'OnFailure' && lastTerminated?.exitCode !== 0);
  return { lastTerminated, ready: false, ...(!restarts && lastTerminated ? { state: { terminated: lastTerminated } } : {}) };
}
