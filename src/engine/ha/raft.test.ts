import { describe, expect, it } from 'vitest';
import { InteractionKind } from '../log/interaction-log';
import type { SimEnv } from '../sim/env';
import { EtcdCluster } from './etcd-cluster';
import { Network } from './network';
import { CommitFailure } from './raft';
import { RaftRole, type RaftMember } from './raft-member';
import { advance, CP3, memberSpecs, testEnv } from './test-support';

function cluster3(seed = 1, hosts: readonly string[] = CP3): { env: SimEnv; etcd: EtcdCluster } {
  const env = testEnv(seed);
  const etcd = new EtcdCluster(env, memberSpecs(hosts), new Network());
  etcd.start();
  return { env, etcd };
}

function leaderOf(etcd: EtcdCluster): RaftMember {
  const l = etcd.raft.leader();
  if (!l) throw new Error('no leader');
  return l;
}

function others(etcd: EtcdCluster, m: RaftMember): RaftMember[] {
  return etcd.members.filter((x) => x !== m);
}

/** Advances in 10 ms steps until `pred` holds; returns the elapsed time or -1. */
function waitFor(env: SimEnv, pred: () => boolean, maxMs: number): number {
  const start = env.now();
  while (env.now() - start <= maxMs) {
    if (pred()) return env.now() - start;
    advance(env, 10);
  }
  return -1;
}

describe('etcd raft group', () => {
  it('bootstraps with one leader at term 2 that every member follows', () => {
    const { etcd } = cluster3();
    const l = leaderOf(etcd);
    expect(l.term).toBe(2);
    for (const m of etcd.members) expect(m.leaderId).toBe(l.id);
    expect(etcd.members.filter((m) => m.role === RaftRole.Leader)).toHaveLength(1);
  });

  it('holds no election while a majority is healthy, and heartbeats stay cheap', () => {
    const { env, etcd } = cluster3(3);
    const before = env.queue.processed;
    advance(env, 60_000);
    expect(etcd.raft.elections).toHaveLength(1);
    expect(leaderOf(etcd).term).toBe(2);
    const events = env.queue.processed - before;
    expect(events).toBeGreaterThanOrEqual(600);
    expect(events).toBeLessThan(1000);
    expect(env.log.since(0).filter((r) => r.kind === InteractionKind.Election)).toHaveLength(2);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('elects a new leader 1–2 s after the leader is killed (seed %i)', (seed) => {
    const { env, etcd } = cluster3(seed);
    advance(env, 5_000);
    const old = leaderOf(etcd);
    etcd.kill(old.name);
    const took = waitFor(env, () => etcd.raft.leader() !== undefined, 5_000);
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThanOrEqual(2_100);
    const l = leaderOf(etcd);
    expect(l).not.toBe(old);
    expect(l.term).toBe(3);
    expect(etcd.propose().ok).toBe(true);
  });

  it('loses quorum with two of three down, blocks writes, and resumes when one returns', () => {
    const { env, etcd } = cluster3(11);
    const [a, b] = etcd.members;
    etcd.kill(a!.name);
    etcd.kill(b!.name);
    advance(env, 10_000);
    expect(etcd.raft.leader()).toBeUndefined();
    expect(etcd.propose()).toEqual({ ok: false, reason: CommitFailure.NoLeader });
    const c = etcd.members[2]!;
    expect(etcd.writeFailure(c.name)).toBeDefined();
    expect(etcd.readFailure(c.name)).toBeDefined();
    expect(etcd.writeFailure(a!.name)).toBe(CommitFailure.MemberDown);
    etcd.restore(b!.name);
    const took = waitFor(env, () => etcd.raft.leader() !== undefined, 5_000);
    expect(took).toBeGreaterThanOrEqual(0);
    expect(took).toBeLessThanOrEqual(2_100);
    expect(etcd.writeFailure(c.name)).toBeUndefined();
    expect(etcd.propose(c.name).ok).toBe(true);
  });

  it('a leader cut off in a minority steps down within 2 s while the majority elects a new one', () => {
    const { env, etcd } = cluster3(5);
    advance(env, 3_000);
    const old = leaderOf(etcd);
    etcd.partition([[old.host]]);
    expect(etcd.writeFailure(old.name)).toBe(CommitFailure.NoQuorum);
    const stepDown = waitFor(env, () => old.role !== RaftRole.Leader, 3_000);
    expect(stepDown).toBeGreaterThan(0);
    expect(stepDown).toBeLessThanOrEqual(2_000);
    waitFor(env, () => etcd.raft.leader() !== undefined, 3_000);
    const fresh = leaderOf(etcd);
    expect(fresh).not.toBe(old);
    expect(fresh.term).toBe(old.term + 1);
    for (let i = 0; i < 5; i++) expect(etcd.propose(fresh.name).ok).toBe(true);
    expect(old.commitIndex).toBeLessThan(fresh.commitIndex);
    etcd.heal();
    advance(env, 300);
    expect(old.leaderId).toBe(fresh.id);
    expect(old.term).toBe(fresh.term);
    expect(old.commitIndex).toBe(fresh.commitIndex);
    expect(etcd.raft.elections).toHaveLength(2);
  });

  it('a partitioned follower does not disturb the leader (PreVote) and catches up after heal', () => {
    const { env, etcd } = cluster3(9);
    const l = leaderOf(etcd);
    const f = others(etcd, l)[0]!;
    etcd.partition([[f.host]]);
    for (let i = 0; i < 10; i++) etcd.propose();
    advance(env, 30_000);
    expect(leaderOf(etcd)).toBe(l);
    expect(f.term).toBe(l.term);
    expect(etcd.raft.elections).toHaveLength(1);
    expect(f.commitIndex).toBeLessThan(l.commitIndex);
    etcd.heal();
    advance(env, 200);
    expect(f.commitIndex).toBe(l.commitIndex);
    expect(f.leaderId).toBe(l.id);
  });

  it.each([21, 22, 23, 24, 25])('never elects a member whose log is behind (seed %i)', (seed) => {
    const { env, etcd } = cluster3(seed);
    const l = leaderOf(etcd);
    const [x, y] = others(etcd, l);
    etcd.kill(y!.name);
    for (let i = 0; i < 5; i++) expect(etcd.propose().ok).toBe(true);
    etcd.kill(l.name);
    etcd.restore(y!.name);
    advance(env, 10_000);
    expect(leaderOf(etcd)).toBe(x);
    expect(y!.leaderId).toBe(x!.id);
  });

  it('NOSPACE on one member blocks writes cluster-wide until defrag and disarm', () => {
    const { env, etcd } = cluster3(4);
    const l = leaderOf(etcd);
    const f = others(etcd, l)[0]!;
    expect(etcd.fillDisk(f.name)).toBeUndefined();
    expect(etcd.raft.alarms.list).toEqual([{ memberId: f.id, alarm: 'NOSPACE' }]);
    for (const m of etcd.members) expect(etcd.writeFailure(m.name)).toBe(CommitFailure.NoSpace);
    for (const m of etcd.members) expect(etcd.readFailure(m.name)).toBeUndefined();
    expect(etcd.propose()).toEqual({ ok: false, reason: CommitFailure.NoSpace });
    const still = etcd.disarmAlarms();
    expect(still.ok).toBe(true);
    expect(etcd.raft.alarms.active).toBe(true);
    expect(etcd.defrag(f.name)).toBeUndefined();
    expect(etcd.writeFailure(l.name)).toBe(CommitFailure.NoSpace);
    const res = etcd.disarmAlarms();
    expect(res).toEqual({ ok: true, disarmed: [{ memberId: f.id, alarm: 'NOSPACE' }] });
    expect(etcd.propose().ok).toBe(true);
    advance(env, 1_000);
    const labels = env.log.since(0).filter((r) => r.kind === InteractionKind.Election).map((r) => r.label);
    expect(labels.some((s) => s.startsWith('alarm raised: memberID:') && s.endsWith('alarm:NOSPACE'))).toBe(true);
    expect(labels.some((s) => s.startsWith('alarm disarmed'))).toBe(true);
  });

  it('an alarm raised without quorum is committed once quorum returns', () => {
    const { env, etcd } = cluster3(6);
    const [a, b, c] = etcd.members;
    etcd.kill(a!.name);
    etcd.kill(b!.name);
    advance(env, 3_000);
    etcd.fillDisk(c!.name);
    expect(etcd.raft.alarms.active).toBe(false);
    expect(etcd.writeFailure(c!.name)).toBe(CommitFailure.NoSpace);
    etcd.restore(a!.name);
    advance(env, 3_000);
    expect(etcd.raft.alarms.active).toBe(true);
    expect(etcd.writeFailure(a!.name)).toBe(CommitFailure.NoSpace);
  });

  it('is deterministic: same seed, same terms, leaders and IDs', () => {
    const run = (seed: number): string => {
      const { env, etcd } = cluster3(seed);
      for (let round = 0; round < 4; round++) {
        advance(env, 4_000);
        const l = leaderOf(etcd);
        etcd.kill(l.name);
        advance(env, 3_000);
        etcd.restore(l.name);
      }
      advance(env, 4_000);
      return JSON.stringify({ ids: etcd.members.map((m) => m.id), elections: etcd.raft.elections });
    };
    expect(run(42)).toBe(run(42));
    expect(run(42)).not.toBe(run(43));
    expect(JSON.parse(run(42)).elections).toHaveLength(5);
  });

  it('a single member is its own quorum and costs no heartbeat events', () => {
    const env = testEnv(2);
    const etcd = new EtcdCluster(env, memberSpecs(['control-plane']), new Network());
    etcd.start();
    expect(leaderOf(etcd).term).toBe(2);
    const before = env.queue.processed;
    advance(env, 60_000);
    expect(env.queue.processed - before).toBe(0);
    etcd.kill('control-plane');
    expect(etcd.writeFailure('control-plane')).toBe(CommitFailure.MemberDown);
    etcd.restore('etcd-control-plane');
    expect(waitFor(env, () => etcd.raft.leader() !== undefined, 3_000)).toBeLessThanOrEqual(2_000);
    expect(leaderOf(etcd).term).toBe(3);
  });

  it('reports bad member references as text', () => {
    const { etcd } = cluster3();
    expect(etcd.kill('nope')).toBe('etcd member "nope" not found');
    etcd.kill('control-plane-1');
    expect(etcd.kill('control-plane-1')).toBe('etcd member "control-plane-1" is already down');
    expect(etcd.restore('control-plane-2')).toBe('etcd member "control-plane-2" is already running');
    expect(etcd.fillDisk('control-plane-1')).toBe('etcd member "control-plane-1" is down');
    expect(etcd.partition([['a'], ['a']])).toBe('host "a" is listed in more than one partition group');
  });
});
