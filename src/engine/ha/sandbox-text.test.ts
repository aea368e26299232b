import { describe, expect, it } from 'vitest';
import {
  defragText, disarmText, fillDiskText, healText, killEtcdText, partitionText, restoreEtcdText, type MemberFacts,
} from './sandbox-text';

const M: MemberFacts = { name: 'control-plane-2', id: 'd456b57b7265da1f', endpoint: 'https://172.18.0.3:2379' };

describe('sandbox confirmations', () => {
  it.each([
    ['follower, quorum kept', false, { running: 2, total: 3, quorum: 2 }, 'etcd member "control-plane-2" (d456b57b7265da1f) killed: 2/3 members running, quorum 2; the cluster keeps committing writes'],
    ['leader, quorum kept', true, { running: 2, total: 3, quorum: 2 }, 'etcd member "control-plane-2" (d456b57b7265da1f) killed: 2/3 members running, quorum 2; it was the leader: the others elect a new one after an election timeout (1-2s)'],
    ['quorum lost', true, { running: 1, total: 3, quorum: 2 }, 'etcd member "control-plane-2" (d456b57b7265da1f) killed: 1/3 members running, quorum 2; quorum lost: no leader can be elected and writes fail with "etcdserver: request timed out"'],
  ])('kill etcd: %s', (_name, wasLeader, after, text) => {
    expect(killEtcdText(M, wasLeader, after)).toBe(text);
  });

  it('restore etcd says when quorum comes back', () => {
    expect(restoreEtcdText(M, { running: 1, total: 3, quorum: 2 }, { running: 2, total: 3, quorum: 2 }))
      .toBe('etcd member "control-plane-2" (d456b57b7265da1f) restarted: 2/3 members running, quorum 2; quorum is back: a leader will be elected within 1-2s');
    expect(restoreEtcdText(M, { running: 2, total: 3, quorum: 2 }, { running: 3, total: 3, quorum: 2 }))
      .toBe('etcd member "control-plane-2" (d456b57b7265da1f) restarted: 3/3 members running, quorum 2');
  });

  it('fill-disk names the quota, the alarm and the error', () => {
    const text = fillDiskText(M, 2 * 1024 ** 3, true);
    expect(text).toBe('etcd member "control-plane-2" (d456b57b7265da1f) disk full: its database reached the 2.1 GB quota (--quota-backend-bytes); alarm NOSPACE raised: the whole cluster is read-only and writes fail with "etcdserver: mvcc: database space exceeded" until the member is defragmented and the alarm disarmed');
    expect(fillDiskText(M, 2 * 1024 ** 3, false)).toContain('alarm NOSPACE is raised as soon as a leader can commit it');
  });

  it('recovery commands print what etcdctl prints', () => {
    expect(defragText(M)).toBe('Finished defragmenting etcd member[https://172.18.0.3:2379]');
    expect(disarmText({ ok: true, disarmed: [{ memberId: 'd456b57b7265da1f', alarm: 'NOSPACE' }] })).toEqual({ lines: ['memberID:15300616325842721311 alarm:NOSPACE'], exitCode: 0 });
    expect(disarmText({ ok: false, reason: 'etcdserver: request timed out' })).toEqual({ lines: ['Error: etcdserver: request timed out'], exitCode: 1 });
  });

  it('partition and heal', () => {
    expect(partitionText([['control-plane-3', 'control-plane-1'], [], ['worker-2']]))
      .toBe('network partitioned: {control-plane-1, control-plane-3} | {worker-2} | {every other host, the API load balancer and clients}');
    expect(healText(true)).toBe('network healed: every host can reach every other host again');
    expect(healText(false)).toBe('network is not partitioned');
  });
});
