import { describe, expect, it } from 'vitest';
import { deploymentManifest } from '../testing/actions';
import { inlineScenario, startTranscript } from './scenario-test-support';

/** Issue 3: what etcdctl (`sandbox etcd status -w table`, `alarm`) prints through quorum loss and NOSPACE; determinism with HA faults. */

const STACKED = '{ controlPlane: { nodes: 3, etcd: stacked }, nodes: [{ name: "worker-{i}", count: 2 }] }';
const EXTERNAL = '{ controlPlane: { nodes: 3, etcd: external }, nodes: [{ name: "worker-{i}", count: 2 }] }';
const WEB = { 'web.yaml': deploymentManifest('web', 3, 100) };

describe('etcdctl\'s view of quorum loss and of a full disk', () => {
  const t = startTranscript(inlineScenario({
    cluster: STACKED,
    files: WEB,
    steps: [
      ['0s', 'kubectl apply -f web.yaml'],
      ['10s', 'sandbox etcd alarm list'],
      ['10s', 'sandbox fill-disk etcd control-plane-3'],
      ['11s', 'sandbox etcd status -w table'],
      ['11s', 'sandbox etcd alarm list'],
      ['12s', 'sandbox defrag etcd control-plane-3'],
      ['12s', 'sandbox etcd alarm disarm'],
      ['13s', 'sandbox etcd alarm list'],
      ['20s', 'sandbox kill node control-plane-2'],
      ['20s', 'sandbox kill node control-plane-3'],
      ['25s', 'sandbox etcd status -w table'],
      ['25s', 'sandbox etcd alarm disarm'],
      ['40s', 'sandbox restore node control-plane-3'],
      ['45s', 'sandbox etcd status -w table'],
    ],
  }));
  t.runner.runUntil(t.runner.untilMs);
  t.runner.finish();
  const rows = (at: string): string[][] => t.block(at, 'sandbox etcd status -w table').filter((l) => l.startsWith('| https://')).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));

  it('NOSPACE: every member reports the alarm in ERRORS, as etcdctl endpoint status does; defrag + disarm clears it', () => {
    expect(t.block('00:00:10', 'sandbox etcd alarm list')).toEqual([]);
    const alarm = t.block('00:00:11', 'sandbox etcd alarm list');
    expect(alarm).toEqual([expect.stringMatching(/^memberID:\d+ alarm:NOSPACE$/)]);
    const table = rows('00:00:11');
    expect(table).toHaveLength(3);
    // The ERRORS cell is wider than tablewriter's 30 columns: it wraps onto a continuation line.
    const text = t.block('00:00:11', 'sandbox etcd status -w table').join('\n');
    const [memberId] = alarm[0]!.split(' ');
    expect(text.split(`| ${' '.repeat(2)}${memberId} |`).length - 1).toBe(3);
    expect(text.split('alarm:NOSPACE  |').length - 1).toBe(3);
    expect(table.find((r) => r[0] === 'https://172.18.0.4:2379')?.[3]).toBe('2.1 GB');
    expect(t.block('00:00:12', 'sandbox etcd alarm disarm')).toEqual(alarm);
    expect(t.block('00:00:13', 'sandbox etcd alarm list')).toEqual([]);
  });

  it('quorum lost: the survivor answers but leads nobody; disarm (a Raft proposal) times out; one member back restores a leader', () => {
    const during = rows('00:00:25');
    expect(during).toHaveLength(1);
    expect(during[0]!.slice(0, 1).concat(during[0]!.slice(4, 5))).toEqual(['https://172.18.0.2:2379', 'false']);
    const failed = t.block('00:00:25', 'sandbox etcd status -w table').filter((l) => l.startsWith('Failed'));
    expect([...failed].sort()).toEqual([
      'Failed to get the status of endpoint https://172.18.0.3:2379 (context deadline exceeded)',
      'Failed to get the status of endpoint https://172.18.0.4:2379 (context deadline exceeded)',
    ]);
    expect(t.block('00:00:25', 'sandbox etcd alarm disarm')).toEqual(['Error: etcdserver: request timed out']);
    const after = rows('00:00:45');
    expect(after).toHaveLength(2);
    expect(after.filter((r) => r[4] === 'true')).toHaveLength(1);
    expect(Number(after[0]![6])).toBeGreaterThan(Number(during[0]![6]));
  });
});

describe('determinism with HA on (external etcd, quorum loss, partition, full disk)', () => {
  const scenario = (seed: number) => inlineScenario({
    seed,
    cluster: EXTERNAL,
    files: WEB,
    steps: [
      ['0s', 'kubectl apply -f web.yaml'],
      ['10s', 'sandbox kill etcd etcd-1'],
      ['12s', 'sandbox kill etcd etcd-2'],
      ['15s', 'kubectl scale deployment web --replicas=5'],
      ['20s', 'sandbox restore etcd etcd-1'],
      ['25s', 'sandbox kill node control-plane-1'],
      ['30s', 'sandbox fill-disk etcd etcd-3'],
      ['35s', 'sandbox defrag etcd etcd-3'],
      ['36s', 'sandbox etcd alarm disarm'],
      ['40s', 'sandbox partition control-plane-2 worker-1'],
      ['80s', 'sandbox heal'],
      ['90s', 'kubectl get pods -o wide'],
      ['90s', 'kubectl get lease -n kube-system'],
      ['90s', 'sandbox etcd status -w table'],
    ],
  });
  const play = (seed: number): { lines: string[]; digest: string } => {
    const t = startTranscript(scenario(seed));
    t.runner.runUntil(t.runner.untilMs);
    t.runner.finish();
    return { lines: t.lines, digest: t.runner.cluster.log.digest };
  };

  it('the same seed gives the same transcript and interaction-log digest; another seed does not', () => {
    const a = play(11);
    const b = play(11);
    expect(b.lines).toEqual(a.lines);
    expect(b.digest).toBe(a.digest);
    expect(play(12).digest).not.toBe(a.digest);
    // The scale-up came during the quorum loss: it failed with the API server's etcd error.
    expect(a.lines[a.lines.indexOf('[00:00:15] $ kubectl scale deployment web --replicas=5') + 1]).toBe('Error from server: etcdserver: request timed out');
  });
});
