import { describe, expect, it } from 'vitest';
import { containerLogLines } from './container-logs';

describe('containerLogLines', () => {
  const run = { startedMs: 5000, seed: 42 };
  it('nginx: start-up banner, then kube-probe access lines on the probe period', () => {
    const lines = containerLogLines({ image: 'docker.io/library/nginx:1.27', podIP: '10.244.1.7', probe: { path: '/healthz', periodMs: 10_000 } }, run, 40_000);
    expect(lines[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(lines).toContain('2026/01/01 09:00:05 [notice] 1#1: nginx/1.27');
    const access = lines.filter((l) => l.includes('kube-probe/1.34'));
    expect(access).toHaveLength(3);
    expect(access[0]).toMatch(/^10\.244\.1\.1 - - \[01\/Jan\/2026:09:00:1\d \+0000\] "GET \/healthz HTTP\/1\.1" 200 615/);
  });

  it('is deterministic and bounded', () => {
    const subject = { image: 'ghcr.io/acme/api:2.3.1', podIP: '10.244.1.7' };
    const long = containerLogLines(subject, run, 86_400_000);
    expect(long).toHaveLength(200);
    expect(containerLogLines(subject, run, 86_400_000)).toEqual(long);
    expect(long.at(-1)).toMatch(/INFO {2}request method=GET/);
  });

  it('ends with the crash for a failed run and nothing for an OOM kill', () => {
    const crashed = containerLogLines({ image: 'ghcr.io/acme/api:2.3.1', podIP: undefined }, { ...run, finishedMs: 35_000, exitCode: 1, reason: 'Error' }, 90_000);
    expect(crashed.at(-1)).toMatch(/ERROR exiting with code 1$/);
    const oom = containerLogLines({ image: 'ghcr.io/acme/api:2.3.1', podIP: undefined }, { ...run, finishedMs: 35_000, exitCode: 137, reason: 'OOMKilled' }, 90_000);
    expect(oom.at(-1)).not.toMatch(/ERROR/);
    expect(containerLogLines({ image: 'busybox:1.36', podIP: undefined }, run, 90_000)).toEqual([]);
  });
});
