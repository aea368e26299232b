import type { Pod } from '../api/types';
import { parseDuration } from '../sim/time';

/**
 * Misbehaviour a scenario can inject into a pod, read by the kubelet from pod annotations.
 * Durations use Go syntax ("30s", "1m30s"); anything unparsable is ignored.
 *
 *   sim.kube-sandbox.dev/crash-after: "30s"       every app container exits with code 1 (or exit-code)
 *                                                  this long after each start, so it crash-loops
 *   sim.kube-sandbox.dev/exit-code: "2"           the exit code crash-after uses (0–255, default 1)
 *   sim.kube-sandbox.dev/never-ready: "true"      the readiness probe always fails (`Unhealthy` events);
 *                                                  a container without a readiness probe gets a default one
 *   sim.kube-sandbox.dev/image-pull-error: "true" every image pull of the pod fails, cached or not:
 *                                                  ErrImagePull → ImagePullBackOff, back-off 10 s doubling to 300 s
 *   sim.kube-sandbox.dev/oom-after: "45s"         every app container is OOMKilled (exit 137) this long after each start
 *   sim.kube-sandbox.dev/complete-after: "20s"    every app container exits 0 this long after each start;
 *                                                  pods owned by a Job do so after 5 s unless this says otherwise
 *   sim.kube-sandbox.dev/ignore-sigterm: "true"   containers ignore SIGTERM: on deletion they run until the grace
 *                                                  period ends and are then SIGKILLed (exit 137)
 *
 * When several exits are configured the earliest one happens.
 */
export const SIM_ANNOTATIONS = {
  crashAfter: 'sim.kube-sandbox.dev/crash-after',
  exitCode: 'sim.kube-sandbox.dev/exit-code',
  neverReady: 'sim.kube-sandbox.dev/never-ready',
  imagePullError: 'sim.kube-sandbox.dev/image-pull-error',
  oomAfter: 'sim.kube-sandbox.dev/oom-after',
  completeAfter: 'sim.kube-sandbox.dev/complete-after',
  ignoreSigterm: 'sim.kube-sandbox.dev/ignore-sigterm',
} as const;

/** How long a Job's pod runs before it completes when the scenario does not say. */
export const JOB_DEFAULT_RUN_MS = 5000;

export interface Misbehaviour {
  readonly crashAfterMs: number | undefined;
  readonly exitCode: number;
  readonly neverReady: boolean;
  readonly imagePullError: boolean;
  readonly oomAfterMs: number | undefined;
  readonly completeAfterMs: number | undefined;
  readonly ignoreSigterm: boolean;
}

/** How an app container's run ends on its own, if it does. */
export interface PlannedExit {
  readonly afterMs: number;
  readonly exitCode: number;
  readonly reason: 'Completed' | 'Error' | 'OOMKilled';
}

function duration(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseDuration(value);
  return ms !== undefined && ms >= 0 ? ms : undefined;
}

function flag(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'true';
}

function exitCode(value: string | undefined): number {
  if (value === undefined || !/^\s*\d{1,3}\s*$/.test(value)) return 1;
  const n = Number(value);
  return n <= 255 ? n : 1;
}

function ownedByJob(pod: Pod): boolean {
  return (pod.metadata.ownerReferences ?? []).some((o) => o.kind === 'Job');
}

/** Every key of SIM_ANNOTATIONS starts with it. */
const SIM_PREFIX = 'sim.kube-sandbox.dev/';

/** A pod without sim annotations, not a Job's: one shared record (every pod worker keeps one). */
const WELL_BEHAVED: Misbehaviour = Object.freeze({
  crashAfterMs: undefined,
  exitCode: 1,
  neverReady: false,
  imagePullError: false,
  oomAfterMs: undefined,
  completeAfterMs: undefined,
  ignoreSigterm: false,
});

function hasSimAnnotation(a: Readonly<Record<string, string>> | undefined): boolean {
  if (!a) return false;
  for (const k in a) if (k.startsWith(SIM_PREFIX)) return true;
  return false;
}

export function readMisbehaviour(pod: Pod): Misbehaviour {
  if (!hasSimAnnotation(pod.metadata.annotations) && !ownedByJob(pod)) return WELL_BEHAVED;
  const a = pod.metadata.annotations ?? {};
  const completeAfter = duration(a[SIM_ANNOTATIONS.completeAfter]);
  return {
    crashAfterMs: duration(a[SIM_ANNOTATIONS.crashAfter]),
    exitCode: exitCode(a[SIM_ANNOTATIONS.exitCode]),
    neverReady: flag(a[SIM_ANNOTATIONS.neverReady]),
    imagePullError: flag(a[SIM_ANNOTATIONS.imagePullError]),
    oomAfterMs: duration(a[SIM_ANNOTATIONS.oomAfter]),
    completeAfterMs: completeAfter ?? (ownedByJob(pod) ? JOB_DEFAULT_RUN_MS : undefined),
    ignoreSigterm: flag(a[SIM_ANNOTATIONS.ignoreSigterm]),
  };
}

/** The earliest configured exit of an app container's run (ties: OOM, then crash, then completion). */
export function plannedExit(m: Misbehaviour): PlannedExit | undefined {
  const candidates: PlannedExit[] = [];
  if (m.oomAfterMs !== undefined) candidates.push({ afterMs: m.oomAfterMs, exitCode: 137, reason: 'OOMKilled' });
  if (m.crashAfterMs !== undefined) candidates.push({ afterMs: m.crashAfterMs, exitCode: m.exitCode, reason: m.exitCode === 0 ? 'Completed' : 'Error' });
  if (m.completeAfterMs !== undefined) candidates.push({ afterMs: m.completeAfterMs, exitCode: 0, reason: 'Completed' });
  let best: PlannedExit | undefined;
  for (const c of candidates) if (!best || c.afterMs < best.afterMs) best = c;
  return best;
}
