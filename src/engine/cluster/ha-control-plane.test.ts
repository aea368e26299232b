import { describe, expect, it } from 'vitest';
import type { KubeEvent, Lease } from '../api/types';
import { deploymentManifest } from '../testing/actions';
import { inlineScenario, runTranscript, startTranscript, words } from './scenario-test-support';

/**
 * Issue 3's failures of a highly available control plane, played through the headless
 * runner and checked on what kubectl and the sandbox print before, during and after.
 */

const STACKED = '{ controlPlane: { nodes: 3, etcd: stacked }, nodes: [{ name: "worker-{i}", count: 2 }] }';
const WEB = { 'web.yaml': deploymentManifest('web', 3, 100) };
const IDENTITY = (host: string): RegExp => new RegExp(`^${host}_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`);

function podNames(lines: readonly string[]): string[] {
  return lines.slice(1).map((l) => l.split(/\s+/)[0]!);
}

describe('a killed control-plane node', () => {
  const t = runTranscript(inlineScenario({
    cluster: STACKED,
    files: WEB,
    steps: [
      ['0s', 'kubectl apply -f web.yaml'],
      ['30s', 'kubectl get lease -n kube-system'],
      ['30s', 'sandbox kill node control-plane-1'],
      ['33s', 'kubectl scale deployment web --replicas=5'],
      ['2m', 'kubectl get nodes'],
      ['2m', 'kubectl get pods'],
      ['2m', 'kubectl get lease -n kube-system'],
      ['2m', 'sandbox etcd status'],
    ],
  }));

  it('held both Leases before it died', () => {
    const leases = t.block('00:00:30', 'kubectl get lease -n kube-system');
    expect(leases[0]).toMatch(/^NAME\s+HOLDER\s+AGE$/);
    expect(leases.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['kube-controller-manager', 'kube-scheduler']);
    for (const l of leases.slice(1)) expect(l.split(/\s+/)[1]).toMatch(IDENTITY('control-plane-1'));
  });

  it('the other two keep serving: writes succeed, the node goes NotReady, the workload scales', () => {
    expect(t.block('00:00:33', 'kubectl scale deployment web --replicas=5')).toEqual(['deployment.apps/web scaled']);
    // The new controller manager gives every node its own 50 s grace period before judging it.
    const nodes = t.block('00:02:00', 'kubectl get nodes').map(words);
    expect(nodes).toContain('control-plane-1 NotReady control-plane 2m11s v1.34.1');
    expect(nodes.filter((l) => / Ready /.test(l))).toHaveLength(4);
    const pods = t.block('00:02:00', 'kubectl get pods').map(words);
    expect(pods.slice(1)).toHaveLength(5);
    for (const p of pods.slice(1)) expect(p).toMatch(/^web-\S+ 1\/1 Running 0 /);
  });

  it('a standby on another node holds both Leases now', () => {
    const leases = t.block('00:02:00', 'kubectl get lease -n kube-system');
    for (const l of leases.slice(1)) expect(l.split(/\s+/)[1]).toMatch(/^control-plane-[23]_/);
    expect(t.runner.cluster.controlPlane.violations).toEqual([]);
  });

  it('etcd keeps a leader with two of three members', () => {
    const status = t.block('00:02:00', 'sandbox etcd status');
    expect(words(status[0]!)).toBe('MEMBER ID ROLE TERM RAFT INDEX DB SIZE STATUS');
    expect(words(status[1]!)).toMatch(/^control-plane-1 [0-9a-f]{16} - \d+ \d+ \d+\.\d MB down$/);
    expect(status.at(-1)).toMatch(/^2\/3 members running, quorum 2; leader control-plane-[23] \(term \d+\); writes are committed$/);
    expect(t.runner.cluster.ha.etcd.violations).toEqual([]);
  });
});

describe('scheduler leader failover', () => {
  it('a standby takes the kube-scheduler Lease within the lease duration plus one retry period, with LeaderElection events', () => {
    const t = startTranscript(inlineScenario({ cluster: STACKED, steps: [['30s', 'sandbox kill node control-plane-1'], ['60s', 'kubectl get events -n kube-system --field-selector reason=LeaderElection']] }));
    const c = t.runner.cluster;
    t.runner.runUntil(30_000);
    const killedAt = c.now;
    const scheduling = (): string | undefined => c.api.peek<Lease>('leases', 'kube-system', 'kube-scheduler')?.spec.holderIdentity;
    expect(scheduling()).toMatch(IDENTITY('control-plane-1'));
    let takenAt: number | undefined;
    for (let i = 0; i < 300 && takenAt === undefined; i++) {
      t.runner.runUntil(30_000 + (i + 1) * 100);
      if (!IDENTITY('control-plane-1').test(scheduling() ?? '')) takenAt = c.now;
    }
    expect(takenAt).toBeDefined();
    // leaseDuration 15 s after the last renewal, found by a standby polling every 2 s (×1.2 jitter).
    expect(takenAt! - killedAt).toBeGreaterThanOrEqual(15_000 - 2_000);
    expect(takenAt! - killedAt).toBeLessThanOrEqual(15_000 + 2 * 2_400);
    t.runner.runUntil(60_000);
    const events = t.block('00:01:00', 'kubectl get events -n kube-system --field-selector reason=LeaderElection').map(words);
    const winner = scheduling()!;
    expect(events).toContain(`${Math.round((c.now - takenAt!) / 1000)}s Normal LeaderElection lease/kube-scheduler ${winner} became leader`);
    const scheduler = c.api.snapshot<KubeEvent>('events').filter((e) => e.involvedObject.name === 'kube-scheduler');
    expect(scheduler.every((e) => e.source?.component === 'default-scheduler')).toBe(true);
    expect(c.controlPlane.leaders('kube-scheduler')).toEqual([winner.split('_')[0]]);
    expect(c.controlPlane.violations).toEqual([]);
  });
});

describe('etcd quorum loss and recovery', () => {
  const t = startTranscript(inlineScenario({
    cluster: STACKED,
    files: WEB,
    steps: [
      ['0s', 'kubectl apply -f web.yaml'],
      ['30s', 'kubectl get pods'],
      ['30s', 'sandbox kill node control-plane-2'],
      ['30s', 'sandbox kill node control-plane-3'],
      ['40s', 'kubectl get pods'],
      ['40s', 'kubectl scale deployment web --replicas=5'],
      ['40s', 'sandbox etcd status'],
      ['2m', 'sandbox restore node control-plane-2'],
      ['2m30s', 'kubectl get pods'],
      ['2m30s', 'kubectl scale deployment web --replicas=5'],
      ['3m', 'kubectl get pods'],
    ],
  }));
  const c = t.runner.cluster;
  const leadersAt = (ms: number): string[] => {
    t.runner.runUntil(ms);
    return [...c.controlPlane.leaders('kube-scheduler'), ...c.controlPlane.leaders('kube-controller-manager')];
  };
  const before = leadersAt(35_000);
  const during = leadersAt(60_000);
  const revisionFrozen = c.api.etcd.revision;
  const frozenAfter = leadersAt(110_000);
  const revisionLater = c.api.etcd.revision;
  t.runner.runUntil(t.runner.untilMs);
  t.runner.finish();

  it('reads and writes fail with the API server\'s real error; etcd has no leader', () => {
    expect(t.block('00:00:40', 'kubectl get pods')).toEqual(['Error from server: etcdserver: request timed out']);
    expect(t.block('00:00:40', 'kubectl scale deployment web --replicas=5')).toEqual(['Error from server: etcdserver: request timed out']);
    expect(t.block('00:00:40', 'sandbox etcd status').at(-1)).toBe('1/3 members running, quorum 2; no leader; writes fail: etcdserver: request timed out');
  });

  it('the scheduler and controller manager stop leading after the renew deadline, and nothing is written meanwhile', () => {
    expect(before).toEqual(['control-plane-1', 'control-plane-1']);
    expect(during).toEqual([]);
    expect(frozenAfter).toEqual([]);
    expect(revisionLater).toBe(revisionFrozen);
    expect(c.ha.etcd.violations).toEqual([]);
    expect(c.controlPlane.violations).toEqual([]);
  });

  it('running pods kept running; once quorum is back everything resumes', () => {
    const first = podNames(t.block('00:00:30', 'kubectl get pods'));
    const after = t.block('00:02:30', 'kubectl get pods');
    expect(podNames(after)).toEqual(first);
    for (const l of after.slice(1)) expect(words(l)).toMatch(/ 1\/1 Running 0 2m30s$/);
    expect(t.block('00:02:30', 'kubectl scale deployment web --replicas=5')).toEqual(['deployment.apps/web scaled']);
    expect(t.block('00:03:00', 'kubectl get pods').slice(1).filter((l) => /Running/.test(l))).toHaveLength(5);
  });
});

describe('etcd disk full', () => {
  const t = runTranscript(inlineScenario({
    cluster: STACKED,
    files: WEB,
    steps: [
      ['0s', 'kubectl apply -f web.yaml'],
      ['20s', 'sandbox fill-disk etcd control-plane-2'],
      ['21s', 'sandbox etcd status'],
      ['21s', 'kubectl scale deployment web --replicas=5'],
      ['21s', 'kubectl get deployment web'],
      ['22s', 'sandbox etcd alarm list'],
      ['30s', 'sandbox etcd alarm disarm'],
      ['31s', 'kubectl scale deployment web --replicas=5'],
      ['40s', 'sandbox defrag etcd control-plane-2'],
      ['41s', 'sandbox etcd alarm disarm'],
      ['42s', 'sandbox etcd status'],
      ['42s', 'kubectl scale deployment web --replicas=5'],
      ['90s', 'kubectl get deployment web'],
    ],
  }));

  it('raises the NOSPACE alarm: the cluster turns read-only with etcd\'s error', () => {
    expect(t.block('00:00:20', 'sandbox fill-disk etcd control-plane-2')[0]).toMatch(
      /^etcd member "control-plane-2" \([0-9a-f]{16}\) disk full: its database reached the 2\.1 GB quota \(--quota-backend-bytes\); alarm NOSPACE raised: the whole cluster is read-only/,
    );
    const status = t.block('00:00:21', 'sandbox etcd status').map(words);
    for (const row of status.slice(1, 4)) expect(row).toMatch(/ running, alarm:NOSPACE$/);
    expect(status.find((r) => r.startsWith('control-plane-2'))).toMatch(/ 2\.1 GB running, alarm:NOSPACE$/);
    expect(status.at(-1)).toMatch(/writes fail: etcdserver: mvcc: database space exceeded$/);
    expect(t.block('00:00:21', 'kubectl scale deployment web --replicas=5')).toEqual(['Error from server: etcdserver: mvcc: database space exceeded']);
    expect(words(t.block('00:00:21', 'kubectl get deployment web')[1]!)).toMatch(/^web 3\/3 3 3 21s$/);
    expect(t.block('00:00:22', 'sandbox etcd alarm list')).toEqual([expect.stringMatching(/^memberID:\d+ alarm:NOSPACE$/)]);
  });

  it('disarming before defragmenting does not help; defrag then disarm does', () => {
    expect(t.block('00:00:31', 'kubectl scale deployment web --replicas=5')).toEqual(['Error from server: etcdserver: mvcc: database space exceeded']);
    expect(t.block('00:00:40', 'sandbox defrag etcd control-plane-2')).toEqual([expect.stringMatching(/^Finished defragmenting etcd member\[https:\/\/172\.18\.0\.3:2379\]$/)]);
    expect(t.block('00:00:42', 'sandbox etcd status').at(-1)).toMatch(/writes are committed$/);
    expect(t.block('00:00:42', 'kubectl scale deployment web --replicas=5')).toEqual(['deployment.apps/web scaled']);
    expect(words(t.block('00:01:30', 'kubectl get deployment web')[1]!)).toMatch(/^web 5\/5 5 5 90s$/);
  });
});
