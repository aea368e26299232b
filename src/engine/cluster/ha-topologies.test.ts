import { describe, expect, it } from 'vitest';
import type { KubeEvent, Pod } from '../api/types';
import { parseTimestamp } from '../sim/time';
import { deploymentManifest } from '../testing/actions';
import { inlineScenario, runTranscript, words } from './scenario-test-support';

/** Issue 3's HA control plane: partitions, external etcd, no API server at all, determinism. */

const STACKED = '{ controlPlane: { nodes: 3, etcd: stacked }, nodes: [{ name: "worker-{i}", count: 2 }] }';
const EXTERNAL = '{ controlPlane: { nodes: 3, etcd: external }, nodes: [{ name: "worker-{i}", count: 2 }] }';
const WEB = { 'web.yaml': deploymentManifest('web', 3, 100) };

function podNames(lines: readonly string[]): string[] {
  return lines.slice(1).map((l) => l.split(/\s+/)[0]!);
}

describe('network partition', () => {
  it('a minority node cut off: the majority elects, clients keep working; heal brings it back', () => {
    const t = runTranscript(inlineScenario({
      cluster: STACKED,
      files: WEB,
      steps: [
        ['0s', 'kubectl apply -f web.yaml'],
        ['20s', 'sandbox partition control-plane-1'],
        ['25s', 'sandbox etcd status'],
        ['25s', 'kubectl scale deployment web --replicas=4'],
        ['2m', 'kubectl get nodes control-plane-1'],
        ['2m', 'kubectl get pods'],
        ['2m', 'sandbox heal'],
        ['3m', 'kubectl get nodes control-plane-1'],
        ['3m', 'sandbox etcd status'],
      ],
    }));
    expect(t.block('00:00:20', 'sandbox partition control-plane-1')).toEqual(['network partitioned: {control-plane-1} | {every other host, the API load balancer and clients}']);
    const status = t.block('00:00:25', 'sandbox etcd status').map(words);
    expect(status.find((r) => r.startsWith('control-plane-1'))).toMatch(/ partitioned$/);
    expect(status.at(-1)).toMatch(/^3\/3 members running, quorum 2; leader control-plane-[23] \(term \d+\); writes are committed$/);
    expect(t.block('00:00:25', 'kubectl scale deployment web --replicas=4')).toEqual(['deployment.apps/web scaled']);
    expect(words(t.block('00:02:00', 'kubectl get nodes control-plane-1')[1]!)).toMatch(/^control-plane-1 NotReady /);
    expect(t.block('00:02:00', 'kubectl get pods').slice(1).filter((l) => /Running/.test(l))).toHaveLength(4);
    expect(t.block('00:02:00', 'sandbox heal')).toEqual(['network healed: every host can reach every other host again']);
    expect(words(t.block('00:03:00', 'kubectl get nodes control-plane-1')[1]!)).toMatch(/^control-plane-1 Ready /);
    expect(t.block('00:03:00', 'sandbox etcd status').at(-1)).toMatch(/^3\/3 members running, quorum 2; leader /);
    expect(t.runner.cluster.ha.etcd.violations).toEqual([]);
    expect(t.runner.cluster.controlPlane.violations).toEqual([]);
  });
});

describe('external etcd', () => {
  const t = runTranscript(inlineScenario({
    cluster: EXTERNAL,
    files: WEB,
    steps: [
      ['0s', 'kubectl apply -f web.yaml'],
      ['10s', 'kubectl get nodes'],
      ['10s', 'sandbox etcd status'],
      ['10s', 'sandbox kill node etcd-1'],
      ['10s', 'sandbox kill etcd etcd-1'],
      ['15s', 'kubectl scale deployment web --replicas=4'],
      ['20s', 'sandbox kill etcd etcd-2'],
      ['25s', 'kubectl get pods'],
      ['30s', 'sandbox restore etcd etcd-2'],
      ['35s', 'kubectl get deployment web'],
    ],
  }));

  it('etcd runs on its own hosts, which are not Kubernetes nodes', () => {
    expect(podNames(t.block('00:00:10', 'kubectl get nodes'))).toEqual(['control-plane-1', 'control-plane-2', 'control-plane-3', 'worker-1', 'worker-2']);
    expect(podNames(t.block('00:00:10', 'sandbox etcd status').slice(0, 4))).toEqual(['etcd-1', 'etcd-2', 'etcd-3']);
    expect(t.block('00:00:10', 'sandbox kill node etcd-1')).toEqual(['error: node "etcd-1" not found']);
    expect(t.runner.cluster.objects<Pod>('pods').some((p) => p.metadata.name.startsWith('etcd-'))).toBe(false);
  });

  it('losing one member changes nothing; losing two loses quorum until one comes back', () => {
    expect(t.block('00:00:10', 'sandbox kill etcd etcd-1')[0]).toMatch(/^etcd member "etcd-1" \([0-9a-f]{16}\) killed: 2\/3 members running, quorum 2; /);
    expect(t.block('00:00:15', 'kubectl scale deployment web --replicas=4')).toEqual(['deployment.apps/web scaled']);
    expect(t.block('00:00:20', 'sandbox kill etcd etcd-2')[0]).toMatch(/quorum lost: no leader can be elected and writes fail with "etcdserver: request timed out"$/);
    expect(t.block('00:00:25', 'kubectl get pods')).toEqual(['Error from server: etcdserver: request timed out']);
    expect(t.block('00:00:30', 'sandbox restore etcd etcd-2')[0]).toMatch(/restarted: 2\/3 members running, quorum 2; quorum is back: a leader will be elected within 1-2s$/);
    expect(words(t.block('00:00:35', 'kubectl get deployment web')[1]!)).toMatch(/^web 4\/4 4 4 35s$/);
  });
});

describe('every API server down', () => {
  it('kubectl cannot reach the load balancer\'s backends: connection refused, verbatim', () => {
    const t = runTranscript(inlineScenario({
      cluster: STACKED,
      steps: [
        ['10s', 'sandbox kill node control-plane-1'],
        ['10s', 'sandbox kill node control-plane-2'],
        ['10s', 'sandbox kill node control-plane-3'],
        ['11s', 'kubectl get nodes'],
        ['11s', 'sandbox partition worker-1'],
        ['12s', 'sandbox restore node control-plane-1'],
        ['12s', 'sandbox restore node control-plane-2'],
        ['30s', 'kubectl get nodes worker-2'],
      ],
    }));
    expect(t.block('00:00:11', 'kubectl get nodes')).toEqual(['The connection to the server 192.168.1.100:6443 was refused - did you specify the right host or port?']);
    expect(words(t.block('00:00:30', 'kubectl get nodes worker-2')[1]!)).toMatch(/^worker-2 Ready /);
  });

  it('a single control plane has no load balancer: kubectl talks to its API server directly', () => {
    const t = runTranscript(inlineScenario({
      cluster: '{ nodes: [{ name: "worker-{i}", count: 1 }] }',
      steps: [['5s', 'sandbox kill node control-plane'], ['6s', 'kubectl get pods'], ['6s', 'sandbox etcd status'], ['7s', 'sandbox restore node control-plane'], ['40s', 'kubectl get nodes']],
    }));
    expect(t.block('00:00:06', 'kubectl get pods')).toEqual(['The connection to the server 172.18.0.2:6443 was refused - did you specify the right host or port?']);
    expect(t.block('00:00:06', 'sandbox etcd status').at(-1)).toBe('0/1 members running, quorum 1; no leader; writes fail: etcdserver: request timed out');
    expect(t.block('00:00:40', 'kubectl get nodes').slice(1).map((l) => words(l).split(' ')[1])).toEqual(['Ready', 'Ready']);
  });
});

describe('determinism with HA on', () => {
  const scenario = (seed: number) => inlineScenario({
    seed,
    cluster: STACKED,
    files: WEB,
    steps: [
      ['0s', 'kubectl apply -f web.yaml'],
      ['20s', 'sandbox kill node control-plane-1'],
      ['25s', 'sandbox fill-disk etcd control-plane-2'],
      ['40s', 'sandbox defrag etcd control-plane-2'],
      ['41s', 'sandbox etcd alarm disarm'],
      ['45s', 'sandbox partition worker-1'],
      ['90s', 'sandbox heal'],
      ['2m', 'kubectl get pods -o wide'],
      ['2m', 'sandbox etcd status -w table'],
    ],
  });

  it('the same seed gives the same transcript and the same interaction-log digest; another seed does not', () => {
    const a = runTranscript(scenario(5));
    const b = runTranscript(scenario(5));
    expect(b.lines).toEqual(a.lines);
    expect(b.runner.cluster.log.digest).toBe(a.runner.cluster.log.digest);
    expect(runTranscript(scenario(6)).runner.cluster.log.digest).not.toBe(a.runner.cluster.log.digest);
  });
});

describe('timestamps', () => {
  it('LeaderElection events carry the simulated clock', () => {
    const t = runTranscript(inlineScenario({ cluster: STACKED, steps: [['1s', 'kubectl get lease -n kube-system']] }));
    const events = t.runner.cluster.objects<KubeEvent>('events').filter((e) => e.reason === 'LeaderElection');
    expect(events).toHaveLength(2);
    for (const e of events) expect(parseTimestamp(e.firstTimestamp)).toBeLessThanOrEqual(t.runner.cluster.startMs);
  });
});
