import type { Container, ContainerStatus } from '../api/types';
import type { ScheduledEvent } from '../sim/event-queue';
import type { PodContext } from './pod-context';
import { firstSuccessAt, probeFailureOutput, probeTiming, syntheticReadinessProbe } from './probes';

/**
 * The prober for one container run: a startup probe gates `started`; then readiness (none:
 * ready at once; else ready at the first successful tick). Probes only change state when
 * they succeed for the first time, so a healthy container costs no timers afterwards; a
 * `never-ready` one fails every period with an `Unhealthy` event.
 */

export interface ProbeHost {
  readonly pc: PodContext;
  readonly spec: Container;
  readonly name: string;
  readonly status: ContainerStatus;
  later(delayMs: number, label: string, fn: () => void, background: boolean): ScheduledEvent | undefined;
  event(type: 'Normal' | 'Warning', reason: string, message: string): void;
}

export function startProbing(h: ProbeHost, startedMs: number): void {
  const startup = h.spec.startupProbe;
  if (!startup) {
    h.status.started = true;
    h.pc.containerStarted(h.name);
    scheduleReadiness(h, startedMs, startedMs);
    return;
  }
  const at = firstSuccessAt(h.pc.probeOriginMs, startedMs, startedMs, probeTiming(startup));
  h.later(at - h.pc.rt.env.now(), `startup ${h.name}`, () => {
    h.status.started = true;
    h.pc.containerStarted(h.name);
    scheduleReadiness(h, at, startedMs);
    h.pc.changed();
  }, false);
}

function scheduleReadiness(h: ProbeHost, notBeforeMs: number, startedMs: number): void {
  const neverReady = h.pc.misbehaviour.neverReady;
  const probe = neverReady ? (h.spec.readinessProbe ?? syntheticReadinessProbe(h.spec)) : h.spec.readinessProbe;
  if (!probe) {
    h.status.ready = true;
    return;
  }
  const t = probeTiming(probe);
  const now = (): number => h.pc.rt.env.now();
  if (neverReady) {
    const fail = (at: number): void => {
      h.later(at - now(), `probe ${h.name}`, () => {
        h.event('Warning', 'Unhealthy', `Readiness probe failed: ${probeFailureOutput(probe, h.pc.podIP(), h.spec)}`);
        fail(at + t.periodMs);
      }, true);
    };
    fail(firstSuccessAt(h.pc.probeOriginMs, startedMs, notBeforeMs, { ...t, successThreshold: 1 }));
    return;
  }
  const at = firstSuccessAt(h.pc.probeOriginMs, startedMs, notBeforeMs, t);
  h.later(at - now(), `ready ${h.name}`, () => {
    h.status.ready = true;
    h.pc.changed();
  }, false);
}
