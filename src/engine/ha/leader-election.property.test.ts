import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StorageGate } from '../api/apiserver';
import { LeaderElector } from './leader-election';
import { etcdError, ETCD_REQUEST_TIMED_OUT } from './storage-gate';
import { advance, flakyApi, testEnv } from './test-support';

/**
 * Oracle: leading intervals. Whatever happens to the holders (killed, restored, cut off from
 * their API server) and to the API (whole outages), no two electors may lead at the same
 * simulated moment; and once everything is healthy again, exactly one leads.
 */

const HOSTS = ['control-plane-1', 'control-plane-2', 'control-plane-3'];

type Action =
  | { kind: 'kill'; who: number }
  | { kind: 'restore'; who: number }
  | { kind: 'isolate'; who: number }
  | { kind: 'reconnect'; who: number }
  | { kind: 'killLeader' }
  | { kind: 'isolateLeader' }
  | { kind: 'outage'; on: boolean }
  | { kind: 'wait'; ms: number };

const who = fc.nat(HOSTS.length - 1);
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('kill' as const), who }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('restore' as const), who }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('isolate' as const), who }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reconnect' as const), who }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'killLeader' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'isolateLeader' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('outage' as const), on: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 25_000 }) }) },
);

interface Outcome {
  overlaps: string[];
  leadersAtEnd: number;
  everLed: number;
}

function run(seed: number, actions: readonly Action[], jitterFactor: number): Outcome {
  const env = testEnv(seed);
  const api = flakyApi(env);
  let outage = false;
  const gate: StorageGate = { writeError: () => (outage ? etcdError(ETCD_REQUEST_TIMED_OUT) : undefined), readError: () => (outage ? etcdError(ETCD_REQUEST_TIMED_OUT) : undefined) };
  api.gate = gate;
  const leadingNow = new Set<string>();
  const overlaps: string[] = [];
  let everLed = 0;
  const electors = HOSTS.map((host) => new LeaderElector(env, api, {
    lockName: 'kube-controller-manager',
    hostname: host,
    eventSource: 'kube-controller-manager',
    jitterFactor,
    restartDelayMs: 1_000,
    callbacks: {
      onStartedLeading: () => {
        if (leadingNow.size > 0) overlaps.push(`t=${env.now()}ms ${host} started leading while ${[...leadingNow].join(',')} led`);
        leadingNow.add(host);
        everLed++;
      },
      onStoppedLeading: () => leadingNow.delete(host),
    },
  }));
  for (const e of electors) e.start();
  for (const a of actions) {
    if (a.kind === 'wait') advance(env, a.ms);
    else if (a.kind === 'outage') outage = a.on;
    else if (a.kind === 'killLeader') electors.find((e) => e.leading)?.stop();
    else if (a.kind === 'isolateLeader') {
      const l = electors.find((e) => e.leading);
      if (l) api.down.add(l.id);
    } else {
      const e = electors[a.who]!;
      if (a.kind === 'kill') e.stop();
      else if (a.kind === 'restore') e.start();
      else if (a.kind === 'isolate') api.down.add(e.id);
      else api.down.delete(e.id);
    }
    advance(env, 500);
  }
  outage = false;
  api.down.clear();
  for (const e of electors) e.start();
  advance(env, 60_000);
  return { overlaps, leadersAtEnd: electors.filter((e) => e.leading).length, everLed };
}

describe('leader election safety (property)', () => {
  it.each([1.2, 0])('never two leaders at once; one leader once healthy (jitter %f)', (jitterFactor) => {
    let failovers = 0;
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.array(actionArb, { minLength: 1, maxLength: 25 }), (seed, actions) => {
        const out = run(seed, actions, jitterFactor);
        expect(out.overlaps).toEqual([]);
        expect(out.leadersAtEnd).toBe(1);
        expect(out.everLed).toBeGreaterThanOrEqual(1);
        if (out.everLed >= 2) failovers++;
      }),
      { numRuns: 150 },
    );
    // The runs must actually exercise takeovers, or the property says little.
    expect(failovers).toBeGreaterThan(50);
  });

  it('the oracle notices two leaders (a zero-lease configuration breaks safety)', () => {
    const env = testEnv(1);
    const api = flakyApi(env);
    const leading = new Set<string>();
    let overlap = false;
    const electors = HOSTS.map((host) => new LeaderElector(env, api, {
      lockName: 'kube-scheduler',
      hostname: host,
      eventSource: 'default-scheduler',
      leaseDurationMs: 0,
      callbacks: {
        onStartedLeading: () => {
          overlap ||= leading.size > 0;
          leading.add(host);
        },
        onStoppedLeading: () => leading.delete(host),
      },
    }));
    for (const e of electors) e.start();
    advance(env, 10_000);
    expect(overlap).toBe(true);
  });
});
