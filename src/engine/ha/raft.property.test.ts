import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EtcdCluster } from './etcd-cluster';
import { Network } from './network';
import { advance, memberSpecs, testEnv } from './test-support';

/**
 * Raft's safety properties under random kills, restarts, partitions and proposals:
 * election safety (one leader per term), every acknowledged write held by a majority,
 * leader completeness (a new leader has every committed entry), and liveness once healed.
 */

const HOSTS = ['control-plane-1', 'control-plane-2', 'control-plane-3', 'control-plane-4', 'control-plane-5'];

type Action =
  | { kind: 'kill' | 'restore'; who: number }
  | { kind: 'partition'; mask: number }
  | { kind: 'heal' }
  | { kind: 'propose'; via: number }
  | { kind: 'wait'; ms: number };

function actionArb(n: number): fc.Arbitrary<Action> {
  const who = fc.nat(n - 1);
  return fc.oneof(
    { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('kill' as const, 'restore' as const), who }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('partition' as const), mask: fc.integer({ min: 1, max: 2 ** n - 2 }) }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'heal' as const }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('propose' as const), via: who }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 4_000 }) }) },
  );
}

function run(seed: number, n: number, actions: readonly Action[]): string[] {
  const env = testEnv(seed);
  const hosts = HOSTS.slice(0, n);
  const etcd = new EtcdCluster(env, memberSpecs(hosts), new Network());
  etcd.start();
  const problems: string[] = [];
  let committed = 0;
  let seenElections = 0;
  const checkNewLeaders = (): void => {
    const all = etcd.raft.elections;
    for (; seenElections < all.length; seenElections++) {
      const e = all[seenElections]!;
      const leader = etcd.member(e.leader)!;
      if (leader.lastIndex < committed) problems.push(`term ${e.term}: leader ${e.leader} lacks committed index ${committed}`);
    }
  };
  const step = (ms: number): void => {
    for (let t = 0; t < ms; t += 50) {
      advance(env, Math.min(50, ms - t));
      checkNewLeaders();
    }
  };
  for (const a of actions) {
    if (a.kind === 'kill') etcd.kill(hosts[a.who]!);
    else if (a.kind === 'restore') etcd.restore(hosts[a.who]!);
    else if (a.kind === 'heal') etcd.heal();
    else if (a.kind === 'partition') etcd.partition([hosts.filter((_h, i) => (a.mask >> i) & 1)]);
    else if (a.kind === 'propose') {
      const res = etcd.propose(hosts[a.via]!);
      if (res.ok) {
        const holders = etcd.members.filter((m) => m.lastIndex >= res.index).length;
        if (holders < etcd.raft.quorum) problems.push(`index ${res.index} acknowledged with ${holders} holders`);
        committed = Math.max(committed, res.index);
      }
    } else if (a.kind === 'wait') step(a.ms);
    step(100);
  }
  const terms = etcd.raft.elections.map((e) => e.term);
  if (new Set(terms).size !== terms.length) problems.push(`two leaders in one term: ${terms.join(',')}`);
  etcd.heal();
  for (const h of hosts) etcd.restore(h);
  step(4_500);
  if (!etcd.raft.leader()) problems.push('no leader 4.5 s after healing everything');
  else if (!etcd.propose().ok) problems.push('healed cluster refuses writes');
  return problems;
}

describe('raft safety (property)', () => {
  it.each([3, 5])('holds with %i members', (n) => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.array(actionArb(n), { minLength: 1, maxLength: 30 }), (seed, actions) => {
        expect(run(seed, n, actions)).toEqual([]);
      }),
      { numRuns: 120 },
    );
  });
});
