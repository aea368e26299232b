import type { Container, ContainerStatus, Pod } from '../../../api/types';
import { parseTimestamp } from '../../../sim/time';
import { humanDuration } from '../../format/duration';

/**
 * The READY, STATUS and RESTARTS cells of `kubectl get pods`, following kubectl's printPod
 * (pkg/printers/internalversion/printers.go) step by step.
 */
export interface PodSummary {
  readonly ready: string;
  readonly status: string;
  readonly restarts: string;
}

function isSidecar(c: Container | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

function conditionTrue(pod: Pod, type: string): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

/** Tracks the restart count and the newest `lastState.terminated.finishedAt`. */
class Restarts {
  count = 0;
  lastMs: number | undefined;

  add(cs: ContainerStatus): void {
    this.count += cs.restartCount ?? 0;
    const t = parseTimestamp(cs.lastState?.terminated?.finishedAt);
    if (t !== undefined && (this.lastMs === undefined || t > this.lastMs)) this.lastMs = t;
  }
}

function terminatedReason(prefix: string, t: { reason?: string; signal?: number; exitCode: number }): string {
  if (t.reason) return `${prefix}${t.reason}`;
  return t.signal ? `${prefix}Signal:${t.signal}` : `${prefix}ExitCode:${t.exitCode}`;
}

interface InitResult {
  reason: string | undefined;
  readySidecars: number;
}

function walkInitContainers(pod: Pod, all: Restarts, sidecars: Restarts): InitResult {
  const specs = new Map((pod.spec?.initContainers ?? []).map((c) => [c.name, c]));
  const total = pod.spec?.initContainers?.length ?? 0;
  const statuses = pod.status?.initContainerStatuses ?? [];
  let readySidecars = 0;
  for (let i = 0; i < statuses.length; i++) {
    const cs = statuses[i]!;
    all.add(cs);
    const sidecar = isSidecar(specs.get(cs.name));
    if (sidecar) sidecars.add(cs);
    const st = cs.state ?? {};
    if (st.terminated && st.terminated.exitCode === 0) continue;
    if (sidecar && cs.started) {
      if (cs.ready) readySidecars++;
      continue;
    }
    if (st.terminated) return { reason: terminatedReason('Init:', st.terminated), readySidecars };
    if (st.waiting?.reason && st.waiting.reason !== 'PodInitializing') return { reason: `Init:${st.waiting.reason}`, readySidecars };
    return { reason: `Init:${i}/${total}`, readySidecars };
  }
  return { reason: undefined, readySidecars };
}

export function summarizePod(pod: Pod, nowMs: number): PodSummary {
  const st = pod.status ?? {};
  const phase = st.phase ?? '';
  let reason: string = st.reason || phase;
  if ((st.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';
  const total = (pod.spec?.containers ?? []).length + (pod.spec?.initContainers ?? []).filter(isSidecar).length;
  let restarts = new Restarts();
  const sidecarRestarts = new Restarts();
  const init = walkInitContainers(pod, restarts, sidecarRestarts);
  let ready = init.readySidecars;
  if (init.reason !== undefined) reason = init.reason;
  if (init.reason === undefined || conditionTrue(pod, 'Initialized')) {
    restarts = sidecarRestarts;
    let hasRunning = false;
    const statuses = st.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i]!;
      restarts.add(cs);
      const s = cs.state ?? {};
      if (s.waiting?.reason) reason = s.waiting.reason;
      else if (s.terminated) reason = terminatedReason('', s.terminated);
      else if (cs.ready && s.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = conditionTrue(pod, 'Ready') ? 'Running' : 'NotReady';
  }
  if (pod.metadata.deletionTimestamp && st.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  let restartText = String(restarts.count);
  if (restarts.count !== 0 && restarts.lastMs !== undefined) restartText = `${restarts.count} (${humanDuration(nowMs - restarts.lastMs)} ago)`;
  return { ready: `${ready}/${total}`, status: reason, restarts: restartText };
}
