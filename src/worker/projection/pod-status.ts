import type { Pod } from '../../engine/api/types';
import type { PodTone } from '../../protocol/records';

/**
 * `kubectl get pods` STATUS and READY, following kubectl's printPod: phase, then reason,
 * then init containers, then app containers last-to-first (so the first one wins), then
 * deletion. Kept pure so the table tests pin it to kubectl's behaviour.
 */
export function podStatus(pod: Pod): string {
  const st = pod.status ?? {};
  const phase = st.phase ?? 'Pending';
  let reason: string = st.reason || phase;
  if (st.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';

  const init = initStatus(pod);
  const initializing = init !== undefined;
  if (init !== undefined) reason = init;
  const initializedTrue = st.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True') ?? false;
  if (!initializing || initializedTrue) reason = appStatus(pod, reason);

  if (pod.metadata.deletionTimestamp) {
    if (st.reason === 'NodeLost') return 'Unknown';
    if (phase !== 'Succeeded' && phase !== 'Failed') return 'Terminating';
  }
  return reason;
}

function initStatus(pod: Pod): string | undefined {
  const statuses = pod.status?.initContainerStatuses ?? [];
  const specs = pod.spec.initContainers ?? [];
  for (let i = 0; i < statuses.length; i++) {
    const c = statuses[i]!;
    const term = c.state.terminated;
    if (term && term.exitCode === 0) continue;
    const sidecar = specs.find((s) => s.name === c.name)?.restartPolicy === 'Always';
    if (sidecar && c.started) continue;
    if (term) {
      if (term.reason) return `Init:${term.reason}`;
      return term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
    }
    const waiting = c.state.waiting?.reason;
    if (waiting && waiting !== 'PodInitializing') return `Init:${waiting}`;
    return `Init:${i}/${specs.length}`;
  }
  return undefined;
}

function appStatus(pod: Pod, start: string): string {
  let reason = start;
  let hasRunning = false;
  const statuses = pod.status?.containerStatuses ?? [];
  for (let i = statuses.length - 1; i >= 0; i--) {
    const c = statuses[i]!;
    const { waiting, terminated, running } = c.state;
    if (waiting?.reason) reason = waiting.reason;
    else if (terminated?.reason) reason = terminated.reason;
    else if (terminated) reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
    else if (c.ready && running) hasRunning = true;
  }
  if (reason === 'Completed' && hasRunning) {
    const ready = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
    reason = ready ? 'Running' : 'NotReady';
  }
  return reason;
}

/** READY column: ready app containers (and started sidecars) over their count. */
export function podReadyText(pod: Pod): { text: string; ready: number; total: number } {
  const sidecars = new Set((pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const total = pod.spec.containers.length + sidecars.size;
  let ready = 0;
  for (const c of pod.status?.containerStatuses ?? []) if (c.ready) ready++;
  for (const c of pod.status?.initContainerStatuses ?? []) if (sidecars.has(c.name) && c.ready && c.started) ready++;
  return { text: `${ready}/${total}`, ready, total };
}

export function podRestarts(pod: Pod): number {
  let n = 0;
  for (const c of pod.status?.containerStatuses ?? []) n += c.restartCount;
  for (const c of pod.status?.initContainerStatuses ?? []) n += c.restartCount;
  return n;
}

const CREATING = new Set(['ContainerCreating', 'PodInitializing']);
const FAILING = new Set([
  'CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'ErrImageNeverPull', 'InvalidImageName', 'CreateContainerConfigError',
  'CreateContainerError', 'RunContainerError', 'Error', 'OOMKilled', 'ContainerCannotRun', 'DeadlineExceeded', 'Evicted',
]);

/** Colour family for a STATUS string. */
export function podTone(status: string, phase: string, allReady: boolean): PodTone {
  if (status === 'Terminating') return 'terminating';
  if (status === 'Unknown') return 'unknown';
  if (CREATING.has(status)) return 'creating';
  if (status.startsWith('Init:')) return /^Init:\d+\/\d+$/.test(status) ? 'creating' : 'failing';
  if (FAILING.has(status) || status.startsWith('ExitCode:') || status.startsWith('Signal:')) return 'failing';
  if (status === 'Completed' || phase === 'Succeeded') return 'succeeded';
  if (phase === 'Failed') return 'failed';
  if (status === 'Running') return allReady ? 'running' : 'notready';
  if (status === 'NotReady') return 'notready';
  if (phase === 'Pending') return 'pending';
  return 'unknown';
}
