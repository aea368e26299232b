import { describe, expect, it } from 'vitest';
import type { ApiServer } from '../api/apiserver';
import type { KubeEvent, Lease } from '../api/types';
import type { SimEnv } from '../sim/env';
import { parseTimestamp, rfc3339Micro } from '../sim/time';
import { LeaderElector, type LeaderElectionConfig } from './leader-election';
import { advance, CP3, flakyApi, testEnv, type FlakyApi } from './test-support';

interface Setup {
  env: SimEnv;
  api: FlakyApi;
  electors: LeaderElector[];
  started: { host: string; tMs: number }[];
  stopped: { host: string; tMs: number }[];
}

function setup(seed: number, hosts: readonly string[] = CP3, extra: Partial<LeaderElectionConfig> = {}): Setup {
  const env = testEnv(seed);
  const api = flakyApi(env);
  const started: Setup['started'] = [];
  const stopped: Setup['stopped'] = [];
  const electors = hosts.map((host) => new LeaderElector(env, api, {
    lockName: 'kube-scheduler',
    hostname: host,
    eventSource: 'default-scheduler',
    callbacks: {
      onStartedLeading: () => started.push({ host, tMs: env.now() }),
      onStoppedLeading: () => stopped.push({ host, tMs: env.now() }),
    },
    ...extra,
  }));
  for (const e of electors) e.start();
  return { env, api, electors, started, stopped };
}

function lease(api: ApiServer): Lease {
  const l = api.peek<Lease>('leases', 'kube-system', 'kube-scheduler');
  if (!l) throw new Error('no lease');
  return l;
}

function leaders(s: Setup): LeaderElector[] {
  return s.electors.filter((e) => e.leading);
}

describe('lease-based leader election', () => {
  it('the first candidate creates the Lease and leads at once, with client-go fields', () => {
    const s = setup(1);
    expect(leaders(s)).toEqual([s.electors[0]]);
    const l = lease(s.api);
    expect(l.spec.holderIdentity).toMatch(/^control-plane-1_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(l.spec).toMatchObject({ leaseDurationSeconds: 15, leaseTransitions: 0, acquireTime: rfc3339Micro(0), renewTime: rfc3339Micro(0) });
    const events = s.api.snapshot<KubeEvent>('events');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      reason: 'LeaderElection',
      type: 'Normal',
      message: `${l.spec.holderIdentity} became leader`,
      involvedObject: { kind: 'Lease', name: 'kube-scheduler', namespace: 'kube-system' },
      source: { component: 'default-scheduler' },
    });
  });

  it('renews every 2 s while standbys wait, keeping acquireTime and transitions', () => {
    const s = setup(2);
    advance(s.env, 61_000);
    expect(leaders(s)).toEqual([s.electors[0]]);
    const l = lease(s.api);
    expect(l.spec.acquireTime).toBe(rfc3339Micro(0));
    expect(l.spec.renewTime).toBe(rfc3339Micro(60_000));
    expect(l.spec.leaseTransitions).toBe(0);
    expect(s.started).toHaveLength(1);
  });

  it.each([
    ['client-go jitter (×1.2)', 1.2, 15_000, 15_000 + 2 * 4_400],
    ['no jitter', 0, 15_000, 15_000 + 2 * 2_000],
  ])('a standby takes over ≈15 s after the last renewal of a dead leader (%s)', (_name, jitterFactor, lo, hi) => {
    for (let seed = 1; seed <= 12; seed++) {
      const s = setup(seed, CP3, { jitterFactor });
      advance(s.env, 5_000 + seed * 137);
      const old = s.electors[0]!;
      const lastRenew = parseTimestamp(lease(s.api).spec.renewTime)!;
      old.stop();
      expect(s.stopped).toEqual([{ host: 'control-plane-1', tMs: s.env.now() }]);
      advance(s.env, 30_000);
      expect(s.started).toHaveLength(2);
      const took = s.started[1]!.tMs - lastRenew;
      expect(took).toBeGreaterThanOrEqual(lo);
      expect(took).toBeLessThan(hi);
      const l = lease(s.api);
      expect(l.spec.leaseTransitions).toBe(1);
      expect(l.spec.acquireTime).toBe(rfc3339Micro(s.started[1]!.tMs));
      expect(l.spec.holderIdentity).toBe(leaders(s)[0]!.identity);
    }
  });

  it('a leader that cannot renew for 10 s stops, restarts as a new candidate, and a standby takes over later', () => {
    const s = setup(7, CP3, { restartDelayMs: 1_000 });
    advance(s.env, 4_500);
    const old = s.electors[0]!;
    const firstIdentity = old.identity;
    const lastRenew = parseTimestamp(lease(s.api).spec.renewTime)!;
    s.api.down.add(old.id);
    advance(s.env, 14_000);
    expect(s.stopped).toEqual([{ host: 'control-plane-1', tMs: lastRenew + 12_000 }]);
    expect(old.running).toBe(true);
    expect(old.identity).not.toBe(firstIdentity);
    expect(old.leading).toBe(false);
    advance(s.env, 20_000);
    expect(s.started).toHaveLength(2);
    expect(s.started[1]!.host).not.toBe('control-plane-1');
    expect(s.started[1]!.tMs - lastRenew).toBeGreaterThanOrEqual(15_000);
    s.api.down.clear();
    advance(s.env, 60_000);
    expect(leaders(s)).toHaveLength(1);
    expect(leaders(s)[0]!.config.hostname).toBe(s.started[1]!.host);
  });

  it('with restartOnLoss false a process that lost the lease stays down', () => {
    const s = setup(9, CP3, { restartOnLoss: false });
    s.api.down.add(s.electors[0]!.id);
    advance(s.env, 15_000);
    expect(s.electors[0]!.running).toBe(false);
    expect(s.stopped.map((x) => x.host)).toEqual(['control-plane-1']);
  });

  it('a freshly started process waits a full lease duration even for a long-stale lease', () => {
    const s = setup(3, ['control-plane-1']);
    s.electors[0]!.stop();
    advance(s.env, 120_000);
    s.electors[0]!.start();
    expect(s.electors[0]!.leading).toBe(false);
    advance(s.env, 14_900);
    expect(s.electors[0]!.leading).toBe(false);
    advance(s.env, 5_000);
    expect(s.electors[0]!.leading).toBe(true);
    expect(lease(s.api).spec.leaseTransitions).toBe(1);
  });

  it('nobody leads while the API is down for everyone, and leadership returns after it recovers', () => {
    const s = setup(5);
    advance(s.env, 3_000);
    for (const e of s.electors) s.api.down.add(e.id);
    advance(s.env, 30_000);
    expect(leaders(s)).toHaveLength(0);
    s.api.down.clear();
    advance(s.env, 25_000);
    expect(leaders(s)).toHaveLength(1);
  });
});
