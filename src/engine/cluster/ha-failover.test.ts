import { describe, expect, it } from 'vitest';
import type { KubeEvent, Pod } from '../api/types';
import { deploymentManifest } from '../testing/actions';
import { Cluster } from './cluster';
import { inlineScenario, startTranscript, words, type Transcript } from './scenario-test-support';

/**
 * Issue 3, point by point: only the Lease holder acts; a leader that loses its own API
 * server's etcd steps down within the renew deadline while the load balancer keeps clients
 * on healthy API servers; losing the etcd leader (one member of three) changes nothing
 * visible; stacked and external etcd wire the API servers differently.
 */

const STACKED = '{ controlPlane: { nodes: 3, etcd: stacked }, nodes: [{ name: "worker-{i}", count: 2 }] }';
const EXTERNAL = '{ controlPlane: { nodes: 3, etcd: external }, nodes: [{ name: "worker-{i}", count: 2 }] }';
const WEB = { 'web.yaml': deploymentManifest('web', 3, 100) };

interface LeadershipRow {
  readonly atMs: number;
  readonly scheduler: string[];
  readonly controllerManager: string[];
  readonly healthy: string[];
}

/**
 * Who holds each lock, sampled every `stepMs`: the moments leadership changed. Every sample,
 * changed or not, is checked for two holders of one lock (returned as `twoLeaders`).
 */
function leadershipTimeline(t: Transcript, untilMs: number, stepMs = 250): LeadershipRow[] & { twoLeaders: number } {
  const c = t.runner.cluster;
  const out = Object.assign([] as LeadershipRow[], { twoLeaders: 0 });
  let prev = '';
  for (let ms = 0; ms <= untilMs; ms += stepMs) {
    t.runner.runUntil(ms);
    const row = {
      atMs: ms,
      scheduler: c.controlPlane.leaders('kube-scheduler'),
      controllerManager: c.controlPlane.leaders('kube-controller-manager'),
      healthy: c.ha.lb?.healthyBackends().map((b) => b.name) ?? [],
    };
    if (row.scheduler.length > 1 || row.controllerManager.length > 1) out.twoLeaders++;
    const key = JSON.stringify({ ...row, atMs: 0 });
    if (key !== prev) out.push(row);
    prev = key;
  }
  return out;
}

describe('only the Lease holder acts', () => {
  const t = startTranscript(inlineScenario({
    cluster: STACKED,
    files: WEB,
    steps: [
      ['30s', 'sandbox kill node control-plane-1'],
      ['31s', 'kubectl apply -f web.yaml'],
      ['40s', 'kubectl get deployment web'],
      ['40s', 'kubectl get pods'],
      ['90s', 'kubectl get deployment web'],
      ['90s', 'kubectl get pods -o wide'],
      ['90s', 'kubectl get events -n kube-system --field-selector reason=LeaderElection'],
    ],
  }));
  const c = t.runner.cluster;
  const timeline = leadershipTimeline(t, 90_000);
  t.runner.finish();
  const takeover = (lock: 'scheduler' | 'controllerManager'): number => timeline.find((r) => r.atMs > 30_000 && r[lock].length === 1)!.atMs;

  it('with both leaders dead a new Deployment is stored but nothing acts on it', () => {
    expect(t.block('00:00:31', 'kubectl apply -f web.yaml')).toEqual(['deployment.apps/web created']);
    expect(words(t.block('00:00:40', 'kubectl get deployment web')[1]!)).toBe('web 0/3 0 0 9s');
    expect(t.block('00:00:40', 'kubectl get pods')).toEqual(['No resources found in default namespace.']);
  });

  it('the standbys take over once the lease expires (15 s, polled every 2 s with jitter), then the pods run', () => {
    for (const lock of ['scheduler', 'controllerManager'] as const) {
      expect(takeover(lock) - 30_000).toBeGreaterThanOrEqual(15_000 - 2_000);
      expect(takeover(lock) - 30_000).toBeLessThanOrEqual(15_000 + 2 * 2_400);
    }
    expect(words(t.block('00:01:30', 'kubectl get deployment web')[1]!)).toBe('web 3/3 3 3 59s');
    const pods = t.block('00:01:30', 'kubectl get pods -o wide').map(words).slice(1);
    expect(pods).toHaveLength(3);
    for (const p of pods) expect(p).toMatch(/^web-\S+ 1\/1 Running 0 \S+ \S+ worker-[12] /);
  });

  it('every pod was bound after the new scheduler took the lease, by that scheduler', () => {
    const newLeader = timeline.at(-1)!.scheduler[0]!;
    expect(newLeader).toMatch(/^control-plane-[23]$/);
    const scheduled = c.objects<KubeEvent>('events').filter((e) => e.reason === 'Scheduled' && e.involvedObject.name.startsWith('web-'));
    expect(scheduled).toHaveLength(3);
    for (const e of scheduled) {
      expect(e.source?.component).toBe('default-scheduler');
      const decision = c.decisionFor('default', e.involvedObject.name);
      expect(decision!.tMs - c.startMs).toBeGreaterThanOrEqual(takeover('scheduler') - 250);
    }
    const leaderScheduler = c.controlPlane.instances.find((i) => i.host === newLeader)!.scheduler;
    for (const e of scheduled) expect(leaderScheduler.decisionFor('default', e.involvedObject.name)).toBeDefined();
  });

  it('no sample ever saw two holders of a lock', () => {
    expect(timeline.twoLeaders).toBe(0);
    expect(timeline.length).toBeGreaterThanOrEqual(3);
  });

  it('the LeaderElection events name the old and the new holders', () => {
    const events = t.block('00:01:30', 'kubectl get events -n kube-system --field-selector reason=LeaderElection').map(words);
    expect(events[0]).toBe('LAST SEEN TYPE REASON OBJECT MESSAGE');
    for (const lock of ['kube-scheduler', 'kube-controller-manager']) {
      const mine = events.filter((e) => e.includes(` lease/${lock} `));
      expect(mine).toHaveLength(2);
      expect(mine.some((e) => / control-plane-1_\S+ became leader$/.test(e))).toBe(true);
      expect(mine.some((e) => / control-plane-[23]_\S+ became leader$/.test(e))).toBe(true);
    }
    expect(c.controlPlane.violations).toEqual([]);
  });
});

describe('a leader whose API server loses its etcd member (stacked)', () => {
  const t = startTranscript(inlineScenario({
    cluster: STACKED,
    files: WEB,
    steps: [
      ['0s', 'kubectl apply -f web.yaml'],
      ['20s', 'sandbox kill etcd control-plane-1'],
      ['21s', 'kubectl get nodes'],
      ['21s', 'kubectl get pods'],
      ['21s', 'kubectl scale deployment web --replicas=4'],
      ['22s', 'kubectl get deployment web'],
      ['25s', 'sandbox etcd status -w table'],
      ['60s', 'kubectl get deployment web'],
      ['60s', 'kubectl get lease -n kube-system'],
      ['2m', 'kubectl get nodes'],
    ],
  }));
  const c = t.runner.cluster;
  const timeline = leadershipTimeline(t, 120_000);
  t.runner.finish();

  it('the load balancer takes that API server out of rotation: every kubectl request succeeds', () => {
    expect(timeline.find((r) => r.atMs === 20_000)?.healthy).toEqual(['control-plane-2', 'control-plane-3']);
    // Round-robin over three backends would have sent one of these three requests to control-plane-1.
    expect(t.block('00:00:21', 'kubectl get nodes').slice(1).map((l) => words(l).split(' ')[1])).toEqual(['Ready', 'Ready', 'Ready', 'Ready', 'Ready']);
    expect(t.block('00:00:21', 'kubectl get pods').slice(1)).toHaveLength(3);
    expect(t.block('00:00:21', 'kubectl scale deployment web --replicas=4')).toEqual(['deployment.apps/web scaled']);
    // control-plane-1's kubelet reaches the API through the load balancer too: its node stays Ready.
    expect(words(t.block('00:02:00', 'kubectl get nodes')[1]!)).toMatch(/^control-plane-1 Ready control-plane /);
  });

  it('etcdctl cannot reach the killed member; the other two keep a leader', () => {
    const table = t.block('00:00:25', 'sandbox etcd status -w table');
    expect(table.filter((l) => l.startsWith('| https://'))).toHaveLength(2);
    expect(table.at(-1)).toBe('Failed to get the status of endpoint https://172.18.0.2:2379 (context deadline exceeded)');
    expect(table.filter((l) => /\|\s+true \|/.test(l))).toHaveLength(1);
  });

  it('the leaders on control-plane-1 stop within the renew deadline; the standbys wait out the lease', () => {
    const stopped = timeline.find((r) => r.atMs > 20_000 && r.scheduler.length === 0)!.atMs;
    const taken = timeline.find((r) => r.atMs > 20_000 && r.scheduler.length === 1)!.atMs;
    // Last renewal ≤ 20 s; the renew loop gives up at most retryPeriod + renewDeadline later.
    expect(stopped - 20_000).toBeLessThanOrEqual(2_000 + 10_000);
    expect(taken).toBeGreaterThan(stopped);
    expect(taken - 20_000).toBeGreaterThanOrEqual(15_000 - 2_000);
    expect(timeline.at(-1)!.scheduler[0]).not.toBe('control-plane-1');
    expect(timeline.at(-1)!.controllerManager[0]).not.toBe('control-plane-1');
    for (const l of t.block('00:01:00', 'kubectl get lease -n kube-system').slice(1)) expect(words(l).split(' ')[1]).toMatch(/^control-plane-[23]_/);
  });

  it('no sample ever saw two holders of a lock', () => {
    expect(timeline.twoLeaders).toBe(0);
  });

  it('the scale-up waits for the new controller manager, then completes', () => {
    expect(words(t.block('00:00:22', 'kubectl get deployment web')[1]!)).toBe('web 3/4 3 3 22s');
    expect(words(t.block('00:01:00', 'kubectl get deployment web')[1]!)).toBe('web 4/4 4 4 60s');
    expect(c.ha.etcd.violations).toEqual([]);
    expect(c.controlPlane.violations).toEqual([]);
  });
});

/** The member that leads right after boot with this spec and seed (boot is deterministic). */
function bootLeader(cluster: string): string {
  const spec = inlineScenario({ cluster, steps: [['0s', 'kubectl version']] }).spec.cluster;
  return new Cluster({ spec, seed: 1 }).boot().ha.etcd.raft.leader()!.name;
}

describe.each([['stacked', STACKED], ['external', EXTERNAL]])('the etcd leader dies, one member of three (%s)', (_topology, cluster) => {
  const leader = bootLeader(cluster);
  const t = startTranscript(inlineScenario({
    cluster,
    files: WEB,
    steps: [
      ['0s', 'kubectl apply -f web.yaml'],
      ['20s', 'sandbox etcd status'],
      ['20s', `sandbox kill etcd ${leader}`],
      ['23s', 'sandbox etcd status'],
      ['23s', 'kubectl scale deployment web --replicas=5'],
      ['24s', 'kubectl get pods'],
      ['60s', 'kubectl get deployment web'],
    ],
  }));
  const c = t.runner.cluster;
  t.runner.runUntil(t.runner.untilMs);
  t.runner.finish();

  it('the others elect a new leader at a higher term within two election timeouts', () => {
    const before = t.block('00:00:20', 'sandbox etcd status');
    const term = Number(/\(term (\d+)\)/.exec(before.at(-1)!)![1]);
    expect(before.at(-1)).toBe(`3/3 members running, quorum 2; leader ${leader} (term ${term}); writes are committed`);
    expect(t.block('00:00:20', `sandbox kill etcd ${leader}`)[0]).toMatch(/; it was the leader: the others elect a new one after an election timeout \(1-2s\)$/);
    const after = t.block('00:00:23', 'sandbox etcd status');
    const m = /^2\/3 members running, quorum 2; leader (\S+) \(term (\d+)\); writes are committed$/.exec(after.at(-1)!);
    expect(m).not.toBeNull();
    expect(m![1]).not.toBe(leader);
    expect(Number(m![2])).toBeGreaterThan(term);
    const election = c.ha.etcd.raft.elections.at(-1)!;
    expect(election.tMs - c.startMs - 20_000).toBeLessThanOrEqual(2 * 1_000);
    expect(words(after.find((l) => l.startsWith(leader))!)).toMatch(/ - \d+ \d+ \S+ MB down$/);
  });

  it('nothing visible breaks: writes and reads succeed, the Deployment scales', () => {
    expect(t.block('00:00:23', 'kubectl scale deployment web --replicas=5')).toEqual(['deployment.apps/web scaled']);
    expect(t.block('00:00:24', 'kubectl get pods').slice(1).length).toBeGreaterThanOrEqual(3);
    expect(words(t.block('00:01:00', 'kubectl get deployment web')[1]!)).toBe('web 5/5 5 5 60s');
    expect(c.ha.etcd.violations).toEqual([]);
  });
});

describe('which etcd members each API server talks to', () => {
  it.each([
    // Stacked: each API server has only its local member; losing it takes that API server out.
    ['stacked', STACKED, 'control-plane-1', ['context deadline exceeded', undefined, undefined]],
    // External: every API server has every member; one member down changes nothing for any of them.
    ['external', EXTERNAL, 'etcd-1', [undefined, undefined, undefined]],
  ] as const)('%s', (_name, cluster, member, want) => {
    const t = startTranscript(inlineScenario({ cluster, steps: [['5s', `sandbox kill etcd ${member}`], ['6s', 'kubectl get nodes']] }));
    const c = t.runner.cluster;
    const configured = c.ha.plan.apiServers.map((a) => a.etcdMembers);
    expect(configured).toEqual(cluster === STACKED
      ? [['control-plane-1'], ['control-plane-2'], ['control-plane-3']]
      : [['etcd-1', 'etcd-2', 'etcd-3'], ['etcd-1', 'etcd-2', 'etcd-3'], ['etcd-1', 'etcd-2', 'etcd-3']]);
    t.runner.runUntil(t.runner.untilMs);
    t.runner.finish();
    expect(c.ha.apiServers.map((b) => b.gate.writeError()?.message)).toEqual(want);
    expect(t.block('00:00:06', 'kubectl get nodes').slice(1)).toHaveLength(5);
  });

  it('stacked etcd: every control-plane node runs the four control-plane static pods, as kubeadm lays them out', () => {
    const t = startTranscript(inlineScenario({ cluster: STACKED, steps: [['1s', 'kubectl get pods -n kube-system -l tier=control-plane -o wide']] }));
    t.runner.runUntil(t.runner.untilMs);
    t.runner.finish();
    const rows = t.block('00:00:01', 'kubectl get pods -n kube-system -l tier=control-plane -o wide').map(words).slice(1);
    const want = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].flatMap((c) => [1, 2, 3].map((i) => `${c}-control-plane-${i} Running control-plane-${i}`));
    expect(rows.map((r) => `${r.split(' ')[0]} ${r.split(' ')[2]} ${r.split(' ')[6]}`)).toEqual(want);
    expect(t.runner.cluster.ha.lb?.backends.map((b) => `${b.name} ${b.ip}`)).toEqual(['control-plane-1 172.18.0.2', 'control-plane-2 172.18.0.3', 'control-plane-3 172.18.0.4']);
  });

  it('external etcd: no etcd static pods on the control-plane nodes, three API servers behind the load balancer', () => {
    const t = startTranscript(inlineScenario({ cluster: EXTERNAL, steps: [['1s', 'kubectl get pods -n kube-system -l component=kube-apiserver -o wide']] }));
    t.runner.runUntil(t.runner.untilMs);
    t.runner.finish();
    const rows = t.block('00:00:01', 'kubectl get pods -n kube-system -l component=kube-apiserver -o wide').map(words).slice(1);
    expect(rows.map((r) => `${r.split(' ')[0]} ${r.split(' ')[2]} ${r.split(' ')[6]}`)).toEqual([
      'kube-apiserver-control-plane-1 Running control-plane-1',
      'kube-apiserver-control-plane-2 Running control-plane-2',
      'kube-apiserver-control-plane-3 Running control-plane-3',
    ]);
    expect(t.runner.cluster.objects<Pod>('pods').filter((p) => p.metadata.name.startsWith('etcd-'))).toEqual([]);
    expect(t.runner.cluster.ha.endpoint).toBe('192.168.1.100:6443');
  });
});
