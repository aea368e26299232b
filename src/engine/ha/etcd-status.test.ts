import { describe, expect, it } from 'vitest';
import { humanizeBytes, renderBoxTable, wrapWords } from './ascii-table';
import { EtcdCluster } from './etcd-cluster';
import { renderEndpointStatus, renderEtcdOverview, type ObservedMember } from './etcd-status';
import { Network } from './network';
import { RaftRole } from './raft-member';
import { advance, CP3, memberSpecs, testEnv } from './test-support';

function member(over: Partial<ObservedMember>): ObservedMember {
  return {
    name: 'm', host: 'm', id: 'd456b57b7265da1f', endpoint: '127.0.0.1:2379', peerURL: 'https://127.0.0.1:2380', version: '3.5.1',
    alive: true, role: RaftRole.Leader, isLeader: true, isLearner: false, term: 3, leaderId: 'd456b57b7265da1f',
    raftIndex: 19, raftAppliedIndex: 19, dbSizeBytes: 16_830_464, errors: [], reachable: true, ...over,
  };
}

describe('etcd status output', () => {
  it('renders a NOSPACE member exactly as etcdctl does (wrapped ERRORS cell, decimal member ID)', () => {
    const out = renderEndpointStatus([member({ errors: ['memberID:15300616325842721311 alarm:NOSPACE '] })]);
    expect(out.stdout).toBe([
      '+----------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------------------------------+',
      '|    ENDPOINT    |        ID        | VERSION | DB SIZE | IS LEADER | IS LEARNER | RAFT TERM | RAFT INDEX | RAFT APPLIED INDEX |             ERRORS             |',
      '+----------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------------------------------+',
      '| 127.0.0.1:2379 | d456b57b7265da1f |   3.5.1 |   17 MB |      true |      false |         3 |         19 |                 19 |  memberID:15300616325842721311 |',
      '|                |                  |         |         |           |            |           |            |                    |                 alarm:NOSPACE  |',
      '+----------------+------------------+---------+---------+-----------+------------+-----------+------------+--------------------+--------------------------------+',
    ].join('\n'));
    expect(out).toMatchObject({ stderr: [], exitCode: 0 });
  });

  it('lists a live cluster in member-ID order and reports unreachable endpoints on stderr', () => {
    const env = testEnv(3);
    const etcd = new EtcdCluster(env, memberSpecs(CP3), new Network());
    etcd.start();
    advance(env, 1_000);
    etcd.kill('control-plane-2');
    etcd.fillDisk('control-plane-3');
    const out = renderEndpointStatus(etcd.observe());
    const lines = out.stdout.split('\n');
    const ids = etcd.members.filter((m) => m.alive).map((m) => m.id).sort();
    expect(lines.filter((l) => /^\| https:/.test(l)).map((l) => l.split('|')[2]!.trim())).toEqual(ids);
    expect(out.stdout).toContain('https://172.18.0.2:2379');
    expect(out.stdout).toContain('alarm:NOSPACE');
    expect(out.stdout).toContain('|   3.6.4 |');
    expect(out.stderr).toEqual(['Failed to get the status of endpoint https://172.18.0.3:2379 (context deadline exceeded)']);
    expect(out.exitCode).toBe(1);
    const fromCp1 = renderEndpointStatus(etcd.observe('control-plane-1'));
    expect(fromCp1.stderr).toHaveLength(1);
    etcd.partition([['control-plane-3']]);
    expect(renderEndpointStatus(etcd.observe('control-plane-1')).stderr).toHaveLength(2);
  });

  it('summarises members, quorum, leader and whether writes commit', () => {
    const env = testEnv(4);
    const etcd = new EtcdCluster(env, memberSpecs(CP3), new Network());
    etcd.start();
    const leader = etcd.raft.leader()!;
    let text = renderEtcdOverview(etcd.overview());
    expect(text.split('\n')[0]).toMatch(/^MEMBER {12}ID {17}ROLE {7}TERM {3}RAFT INDEX {3}DB SIZE {3}STATUS$/);
    expect(text).toContain(`3/3 members running, quorum 2; leader ${leader.name} (term 2); writes are committed`);
    etcd.kill('control-plane-1');
    etcd.kill('control-plane-2');
    etcd.partition([['control-plane-3']]);
    advance(env, 5_000);
    text = renderEtcdOverview(etcd.overview());
    expect(text).toMatch(/control-plane-1 +\w+ +- +2 +\d+ +[\d.]+ MB +down/);
    expect(text).toContain('partitioned');
    expect(text).toContain('1/3 members running, quorum 2; no leader; writes fail: etcdserver: request timed out');
  });

  it.each([
    [5, '5 B'], [999, '999 B'], [2_637_824, '2.6 MB'], [16_830_464, '17 MB'], [45_056, '45 kB'], [2 * 1024 ** 3, '2.1 GB'], [25_000_000, '25 MB'],
  ])('humanizes %i bytes as %s', (n, text) => {
    expect(humanizeBytes(n)).toBe(text);
  });

  it('wraps words with minimum raggedness and keeps short cells on one line', () => {
    expect(wrapWords(['memberID:15300616325842721311', 'alarm:NOSPACE', ''], 30)).toEqual([['memberID:15300616325842721311'], ['alarm:NOSPACE', '']]);
    expect(wrapWords(['aaa', 'bb', 'cc', 'ddddd'], 6)).toEqual([['aaa'], ['bb', 'cc'], ['ddddd']]);
    expect(renderBoxTable(['A', 'LONG HEADER'], [['x', 'y']])).toBe('+---+-------------+\n| A | LONG HEADER |\n+---+-------------+\n| x |           y |\n+---+-------------+');
  });
});
