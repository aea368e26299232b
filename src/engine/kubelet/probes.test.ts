import { describe, expect, it } from 'vitest';
import { firstSuccessAt, nextProbeTick, probeFailureOutput, probeTiming } from './probes';

describe('probes', () => {
  it('defaults like SetDefaults_Probe', () => {
    expect(probeTiming({})).toEqual({ initialDelayMs: 0, periodMs: 10_000, successThreshold: 1, failureThreshold: 3 });
    expect(probeTiming({ initialDelaySeconds: 5, periodSeconds: 3, successThreshold: 2, failureThreshold: 0 })).toEqual({ initialDelayMs: 5000, periodMs: 3000, successThreshold: 2, failureThreshold: 3 });
  });

  it.each([
    // origin, started, notBefore, probe → first success
    ['first tick after start', 0, 3300, 3300, {}, 10_000],
    ['tick at the start instant does not count', 0, 0, 0, {}, 10_000],
    ['initial delay', 0, 3300, 3300, { initialDelaySeconds: 15 }, 20_000],
    ['success threshold', 0, 3300, 3300, { successThreshold: 3 }, 30_000],
    ['after a startup probe', 0, 3300, 12_000, { periodSeconds: 5 }, 15_000],
  ])('%s', (_name, origin, started, notBefore, probe, want) => {
    expect(firstSuccessAt(origin, started, notBefore, probeTiming(probe))).toBe(want);
  });

  it('ticks on the worker grid', () => {
    expect(nextProbeTick(1000, 10_000, 500)).toBe(1000);
    expect(nextProbeTick(1000, 10_000, 11_000)).toBe(11_000);
    expect(nextProbeTick(1000, 10_000, 11_001)).toBe(21_000);
  });

  it('words failures like the kubelet prober', () => {
    const c = { name: 'web', image: 'nginx', ports: [{ containerPort: 80, name: 'http' }] };
    expect(probeFailureOutput({ httpGet: { port: 80 } }, '10.244.1.2', c)).toBe('HTTP probe failed with statuscode: 503');
    expect(probeFailureOutput({ tcpSocket: { port: 'http' } }, '10.244.1.2', c)).toBe('dial tcp 10.244.1.2:80: connect: connection refused');
    expect(probeFailureOutput({ exec: { command: ['cat', '/ready'] } }, undefined, c)).toBe('command terminated with exit code 1');
  });
});
