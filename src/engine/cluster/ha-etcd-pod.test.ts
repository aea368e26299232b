import { describe, expect, it } from 'vitest';
import { inlineScenario, startTranscript, words } from './scenario-test-support';

const STACKED = '{ controlPlane: { nodes: 3, etcd: stacked }, nodes: [{ name: "worker-{i}", count: 1 }] }';
const POD = 'kubectl get pods -n kube-system etcd-control-plane-2';

/**
 * Stacked etcd runs as a static pod: `sandbox kill etcd` stops that process, so the pod shows
 * it — the container dies (SIGKILL, 137), the kubelet's restarts fail while the member is
 * down (CrashLoopBackOff), and `sandbox restore etcd` has it running again at once.
 */
describe('a killed stacked etcd member shows on its static pod', () => {
  const t = startTranscript(inlineScenario({
    cluster: STACKED,
    steps: [
      ['10s', POD],
      ['20s', 'sandbox kill etcd control-plane-2'],
      ['3m', POD],
      ['3m', 'kubectl describe pod -n kube-system etcd-control-plane-2'],
      ['3m', 'sandbox restore etcd control-plane-2'],
      ['3m2s', POD],
      ['4m', POD],
      ['4m', 'sandbox kill etcd control-plane-2'],
      ['4m10s', 'sandbox kill node control-plane-2'],
      ['4m20s', 'sandbox restore node control-plane-2'],
      ['5m', POD],
      ['5m', 'sandbox etcd status'],
    ],
  }));
  t.runner.runUntil(t.runner.untilMs);
  t.runner.finish();
  const restarts = (line: string): number => Number(words(line).split(' ')[3]);

  it('Running before; its container is killed with the member (exit 137)', () => {
    expect(words(t.block('00:00:10', POD)[1]!)).toMatch(/^etcd-control-plane-2 1\/1 Running 0 /);
    const exits = t.runner.cluster.log.since(0).filter((r) => r.from === 'runtime/control-plane-2' && r.label.startsWith('container etcd exited')).map((r) => r.label);
    // Killed (137), then failed restarts (1) until the restore; killed again at 4m.
    const again = exits.indexOf('container etcd exited (137)', 1);
    expect(exits[0]).toBe('container etcd exited (137)');
    expect(again).toBeGreaterThan(3);
    expect(exits.slice(1, again).every((l) => l === 'container etcd exited (1)')).toBe(true);
  });

  it('while the member is down the kubelet cannot bring it back: CrashLoopBackOff, not ready', () => {
    const line = t.block('00:03:00', POD)[1]!;
    expect(words(line)).toMatch(/^etcd-control-plane-2 0\/1 CrashLoopBackOff \d+ \(\d+s ago\) /);
    expect(restarts(line)).toBeGreaterThanOrEqual(3);
    const describe = t.block('00:03:00', 'kubectl describe pod -n kube-system etcd-control-plane-2').map(words);
    expect(describe).toEqual(expect.arrayContaining(['Reason: CrashLoopBackOff', 'Last State: Terminated', 'Reason: Error', 'Exit Code: 1', 'Ready: False']));
    expect(describe.some((l) => /^Warning BackOff .* Back-off restarting failed container etcd in pod etcd-control-plane-2_kube-system\(/.test(l))).toBe(true);
  });

  it('restored, it runs again at once and stays up', () => {
    const after = t.block('00:03:02', POD)[1]!;
    expect(words(after)).toMatch(/^etcd-control-plane-2 1\/1 Running \d+ \(\d+s ago\) /);
    expect(restarts(after)).toBe(restarts(t.block('00:03:00', POD)[1]!) + 1);
    expect(restarts(t.block('00:04:00', POD)[1]!)).toBe(restarts(after));
  });

  it('a machine that boots starts it afresh, as it does the member', () => {
    expect(words(t.block('00:05:00', POD)[1]!)).toMatch(/^etcd-control-plane-2 1\/1 Running /);
    expect(t.block('00:05:00', 'sandbox etcd status').at(-1)).toMatch(/^3\/3 members running, quorum 2; /);
  });
});
