import type { Container } from '../api/types';
import { containerLogLines, type LogRun } from './container-logs';
import type { ContainerRunner } from './container-runner';
import type { PodWorker } from './pod-worker';
import { probeTiming } from './probes';

/** What the kubelet's /containerLogs endpoint answers, with the API server's error wording. */

function httpProbe(c: Container): { path: string; periodMs: number } | undefined {
  const p = c.readinessProbe?.httpGet ? c.readinessProbe : c.livenessProbe?.httpGet ? c.livenessProbe : undefined;
  if (!p?.httpGet) return undefined;
  return { path: p.httpGet.path ?? '/', periodMs: probeTiming(p).periodMs };
}

function waitingMessage(r: ContainerRunner): string {
  const reason = r.status.state.waiting?.reason ?? 'ContainerCreating';
  return reason === 'ErrImagePull' || reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : reason;
}

export function logsFor(w: PodWorker | undefined, pod: string, container: string | undefined, previous: boolean, nowMs: number): string[] | { error: string } {
  if (!w) return { error: `container "${container ?? ''}" in pod "${pod}" is waiting to start: ContainerCreating` };
  const name = container ?? w.apps[0]?.name ?? '';
  const r = [...w.apps, ...w.inits].find((x) => x.name === name);
  if (!r) return { error: `container ${name} is not valid for pod ${pod}` };
  // The "current" container is the running one, or else the last one that exited (still on disk).
  const current: LogRun | undefined = r.current ?? r.previous;
  const before: LogRun | undefined = r.current ? r.previous : r.older;
  const run = previous ? before : current;
  if (!run) {
    if (previous) return { error: `previous terminated container "${name}" in pod "${pod}" not found` };
    return { error: `container "${name}" in pod "${pod}" is waiting to start: ${waitingMessage(r)}` };
  }
  return containerLogLines({ image: r.status.image || r.spec.image, podIP: w.podIP(), probe: httpProbe(r.spec) }, run, nowMs);
}
