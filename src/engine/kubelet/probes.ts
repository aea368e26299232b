import type { Container, Probe } from '../api/types';

/** Probe defaults (SetDefaults_Probe) and the timing of the kubelet's prober workers. */

export interface ProbeTiming {
  readonly initialDelayMs: number;
  readonly periodMs: number;
  readonly successThreshold: number;
  readonly failureThreshold: number;
}

function positive(n: number | undefined, fallback: number): number {
  return n !== undefined && Number.isFinite(n) && n > 0 ? n : fallback;
}

export function probeTiming(p: Probe): ProbeTiming {
  return {
    initialDelayMs: Math.max(0, Number.isFinite(p.initialDelaySeconds) ? p.initialDelaySeconds! : 0) * 1000,
    periodMs: positive(p.periodSeconds, 10) * 1000,
    successThreshold: Math.floor(positive(p.successThreshold, 1)),
    failureThreshold: Math.floor(positive(p.failureThreshold, 3)),
  };
}

/**
 * A prober worker ticks every period from when it was created (pod admission); a tick
 * earlier than initialDelaySeconds after the container started is skipped. Returns the
 * first tick at or after `notBeforeMs`.
 */
export function nextProbeTick(originMs: number, periodMs: number, notBeforeMs: number): number {
  if (notBeforeMs <= originMs) return originMs;
  const k = Math.ceil((notBeforeMs - originMs) / periodMs);
  return originMs + k * periodMs;
}

/**
 * When a probe first succeeds for a container running since `startedMs`, probing no earlier
 * than `notBeforeMs` (after a startup probe), after `successThreshold` consecutive ticks.
 */
export function firstSuccessAt(originMs: number, startedMs: number, notBeforeMs: number, t: ProbeTiming): number {
  const first = nextProbeTick(originMs, t.periodMs, Math.max(startedMs + t.initialDelayMs, notBeforeMs));
  // A tick at the very instant the container starts finds it not yet running.
  const firstReal = first === startedMs && t.initialDelayMs === 0 ? first + t.periodMs : first;
  return firstReal + (t.successThreshold - 1) * t.periodMs;
}

function firstPort(c: Container): number {
  return c.ports?.[0]?.containerPort ?? 8080;
}

/** The probe a `never-ready` container is given when it has none: an HTTP GET on its first port. */
export function syntheticReadinessProbe(c: Container): Probe {
  return { httpGet: { path: '/', port: firstPort(c) } };
}

/** The output part of `Readiness probe failed: …` for a probe that keeps failing. */
export function probeFailureOutput(p: Probe, podIP: string | undefined, c: Container): string {
  if (p.httpGet) return 'HTTP probe failed with statuscode: 503';
  if (p.tcpSocket) {
    const port = typeof p.tcpSocket.port === 'number' ? p.tcpSocket.port : (c.ports?.find((x) => x.name === p.tcpSocket!.port)?.containerPort ?? firstPort(c));
    return `dial tcp ${podIP ?? '127.0.0.1'}:${port}: connect: connection refused`;
  }
  return 'command terminated with exit code 1';
}
