import { describe, expect, it } from 'vitest';
import { words } from '../engine/cluster/scenario-test-support';
import { HA_CONTROL_PLANE, HA_EXTERNAL_ETCD } from './ha-control-plane';
import { failedSteps, playBuiltin } from './test-support';

const TIMED_OUT = ['Error from server: etcdserver: request timed out'];
const NO_SPACE = ['Error from server: etcdserver: mvcc: database space exceeded'];

/** HOLDER column's node part, per Lease. */
function holders(block: readonly string[]): Record<string, string> {
  return Object.fromEntries(block.slice(1).map((l) => words(l).split(' ')).map(([name, holder]) => [name!, holder!.split('_')[0]!]));
}

/** `NAME STATUS` of each node. */
function nodeStatus(block: readonly string[]): string[] {
  return block.slice(1).map((l) => words(l).split(' ').slice(0, 2).join(' '));
}

describe('ha-control-plane (stacked etcd)', () => {
  const t = playBuiltin(HA_CONTROL_PLANE);
  const summary = (at: string) => t.block(at, 'sandbox etcd status').at(-1);

  it('only the steps that are meant to fail fail, and the control plane broke no invariant', () => {
    expect(failedSteps(t.lines)).toEqual([
      '[00:02:10] $ kubectl scale deployment web --replicas=2',
      '[00:02:10] $ kubectl get pods',
      '[00:04:01] $ kubectl scale deployment web --replicas=4',
      '[00:04:21] $ kubectl scale deployment web --replicas=4',
    ]);
    expect(t.runner.cluster.ha.etcd.violations).toEqual([]);
    expect(t.runner.cluster.controlPlane.violations).toEqual([]);
  });

  it('every control-plane node runs the four stacked static pods; the killed node led etcd and held both Leases', () => {
    const pods = t.block('00:00:20', 'kubectl get pods -n kube-system -l tier=control-plane -o wide').slice(1).map((l) => words(l).split(' ')[0]);
    expect(pods).toHaveLength(12);
    for (const c of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
      for (const n of [1, 2, 3]) expect(pods).toContain(`${c}-control-plane-${n}`);
    }
    const table = t.block('00:00:20', 'sandbox etcd status -w table').map(words);
    expect(table.filter((l) => l.includes('| true |') && l.includes('172.18.0.2:2379'))).toHaveLength(1);
    expect(holders(t.block('00:00:20', 'kubectl get lease -n kube-system'))).toEqual({ 'kube-controller-manager': 'control-plane-1', 'kube-scheduler': 'control-plane-1' });
  });

  it('leader election: etcd within seconds, the Leases once they expire', () => {
    expect(summary('00:00:30')).toBe('2/3 members running, quorum 2; no leader; writes fail: etcdserver: request timed out');
    expect(summary('00:00:33')).toMatch(/^2\/3 members running, quorum 2; leader control-plane-[23] \(term 3\); writes are committed$/);
    expect(holders(t.block('00:00:35', 'kubectl get lease -n kube-system'))).toEqual({ 'kube-controller-manager': 'control-plane-1', 'kube-scheduler': 'control-plane-1' });
    const after = holders(t.block('00:01:00', 'kubectl get lease -n kube-system'));
    expect(Object.values(after).every((h) => h === 'control-plane-2' || h === 'control-plane-3')).toBe(true);
    expect(t.block('00:01:00', 'kubectl scale deployment web --replicas=5')).toEqual(['deployment.apps/web scaled']);
    expect(nodeStatus(t.block('00:01:50', 'kubectl get nodes'))[0]).toBe('control-plane-1 NotReady');
    expect(t.block('00:01:50', 'kubectl get pods -o wide').slice(1).filter((l) => / Running /.test(l))).toHaveLength(5);
  });

  it('two of three down: quorum lost, writes and consistent reads fail; one back: writes again', () => {
    expect(summary('00:02:05')).toBe('1/3 members running, quorum 2; no leader; writes fail: etcdserver: request timed out');
    expect(t.block('00:02:10', 'kubectl scale deployment web --replicas=2')).toEqual(TIMED_OUT);
    expect(t.block('00:02:10', 'kubectl get pods')).toEqual(TIMED_OUT);
    expect(summary('00:02:35')).toMatch(/^2\/3 members running, quorum 2; leader control-plane-[23] \(term \d+\); writes are committed$/);
    expect(t.block('00:02:40', 'kubectl scale deployment web --replicas=2')).toEqual(['deployment.apps/web scaled']);
    expect(nodeStatus(t.block('00:03:30', 'kubectl get nodes')).every((s) => s.endsWith(' Ready'))).toBe(true);
    expect(t.block('00:03:30', 'kubectl get pods -o wide').slice(1)).toHaveLength(2);
  });

  it('a full etcd disk: NOSPACE, read-only until defragmented and disarmed', () => {
    expect(t.block('00:04:00', 'sandbox fill-disk etcd control-plane-3')[0]).toMatch(/^etcd member "control-plane-3" \([0-9a-f]{16}\) disk full: .*alarm NOSPACE raised/);
    expect(t.block('00:04:01', 'sandbox etcd alarm list')).toEqual([expect.stringMatching(/^memberID:\d+ alarm:NOSPACE$/)]);
    expect(t.block('00:04:01', 'sandbox etcd status -w table').join('\n')).toContain('2.1 GB');
    expect(t.block('00:04:01', 'kubectl scale deployment web --replicas=4')).toEqual(NO_SPACE);
    expect(words(t.block('00:04:01', 'kubectl get deployment web')[1]!)).toBe('web 2/2 2 2 4m1s');
    expect(t.block('00:04:20', 'sandbox defrag etcd control-plane-3')).toEqual(['Finished defragmenting etcd member[https://172.18.0.4:2379]']);
    expect(t.block('00:04:21', 'kubectl scale deployment web --replicas=4')).toEqual(NO_SPACE);
    expect(t.block('00:04:31', 'kubectl scale deployment web --replicas=4')).toEqual(['deployment.apps/web scaled']);
    expect(words(t.block('00:05:00', 'kubectl get deployment web')[1]!)).toBe('web 4/4 4 4 5m');
    expect(summary('00:05:00')).toMatch(/^3\/3 members running, quorum 2; leader control-plane-\d \(term \d+\); writes are committed$/);
  });
});

describe('ha-external-etcd', () => {
  const t = playBuiltin(HA_EXTERNAL_ETCD);

  it('only the quorum-loss steps fail', () => {
    expect(failedSteps(t.lines)).toEqual(['[00:02:05] $ kubectl scale deployment web --replicas=3', '[00:02:05] $ kubectl get pods']);
    expect(t.runner.cluster.ha.etcd.violations).toEqual([]);
    expect(t.runner.cluster.controlPlane.violations).toEqual([]);
  });

  it('etcd lives on its own hosts: no etcd pods, no etcd nodes', () => {
    expect(nodeStatus(t.block('00:00:20', 'kubectl get nodes')).map((s) => s.split(' ')[0])).toEqual(['control-plane-1', 'control-plane-2', 'control-plane-3', 'worker-1', 'worker-2']);
    const pods = t.block('00:00:20', 'kubectl get pods -n kube-system -l tier=control-plane -o wide').slice(1);
    expect(pods).toHaveLength(9);
    expect(pods.some((l) => l.startsWith('etcd-'))).toBe(false);
    expect(t.block('00:00:20', 'sandbox etcd status -w table').filter((l) => l.includes('https://172.18.255.'))).toHaveLength(3);
  });

  it('losing a control-plane node costs no etcd member; losing two members loses quorum until one returns', () => {
    expect(t.block('00:00:31', 'sandbox etcd status').at(-1)).toBe('3/3 members running, quorum 2; leader etcd-1 (term 2); writes are committed');
    const leases = holders(t.block('00:01:00', 'kubectl get lease -n kube-system'));
    expect(Object.values(leases).includes('control-plane-1')).toBe(false);
    expect(t.block('00:01:35', 'kubectl scale deployment web --replicas=4')).toEqual(['deployment.apps/web scaled']);
    expect(t.block('00:02:00', 'sandbox kill etcd etcd-2')[0]).toMatch(/quorum lost: no leader can be elected/);
    expect(t.block('00:02:05', 'kubectl scale deployment web --replicas=3')).toEqual(TIMED_OUT);
    expect(t.block('00:02:35', 'kubectl scale deployment web --replicas=3')).toEqual(['deployment.apps/web scaled']);
    expect(words(t.block('00:03:30', 'kubectl get deployment web')[1]!)).toBe('web 3/3 3 3 3m30s');
    expect(nodeStatus(t.block('00:03:30', 'kubectl get nodes')).every((s) => s.endsWith(' Ready'))).toBe(true);
  });
});
