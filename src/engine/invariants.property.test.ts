import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Lease } from './api/types';
import { Cluster } from './cluster/cluster';
import { checkCapacity, checkConverged, checkDaemonSets, watchSafety } from './testing/invariants';
import { commandFor, type Action } from './testing/actions';

const NAMES = ['web', 'api', 'batch'];

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('apply' as const), name: fc.constantFrom(...NAMES), replicas: fc.integer({ min: 0, max: 8 }), cpuMillis: fc.constantFrom(100, 250, 500, 1500) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('scale' as const), name: fc.constantFrom(...NAMES), replicas: fc.integer({ min: 0, max: 10 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('kill' as const), node: fc.nat(5) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('restore' as const), node: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cordon' as const), node: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('uncordon' as const), node: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drain' as const), node: fc.nat(5) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('deletePod' as const), index: fc.nat(40) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('wait' as const), seconds: fc.integer({ min: 1, max: 400 }) }) },
);

const scenarioArb = fc.record({
  seed: fc.nat(1_000_000),
  workers: fc.integer({ min: 1, max: 5 }),
  cpu: fc.constantFrom('2', '4'),
  actions: fc.array(actionArb, { minLength: 1, maxLength: 14 }),
});

interface Outcome {
  safety: string[];
  capacity: string[];
  converged: string[];
  daemonsets: string[];
  quiet: boolean;
}

/** Runs a random scenario, checking safety after every step, then heals everything and checks convergence. */
type ScenarioInput = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function runScenario(s: ScenarioInput): Outcome {
  const cluster = new Cluster({
    seed: s.seed,
    spec: { distribution: 'kubeadm', controlPlane: { nodes: 1, etcd: 'stacked' }, nodes: [{ name: 'worker-{i}', count: s.workers, capacity: { cpu: s.cpu, memory: '8Gi' } }] },
    config: { freezeObjects: true },
  }).boot();
  const safety = watchSafety(cluster);
  const capacity: string[] = [];
  for (const action of s.actions) {
    const line = commandFor(cluster, action);
    if (line) cluster.run(line);
    cluster.advance(action.kind === 'wait' ? action.seconds * 1000 : 2000);
    capacity.push(...checkCapacity(cluster));
  }
  for (const m of cluster.machines.values()) if (!m.alive) cluster.run(`sandbox restore node ${m.config.name}`);
  for (const n of cluster.objects('nodes')) cluster.run(`kubectl uncordon ${n.metadata.name}`);
  const quiet = cluster.runUntilQuiet(30 * 60_000);
  cluster.advance(60_000);
  cluster.runUntilQuiet(10 * 60_000);
  safety.stop();
  return { safety: safety.violations, capacity, converged: checkConverged(cluster), daemonsets: checkDaemonSets(cluster), quiet };
}

describe('QUALITY.md invariants over random clusters and actions', () => {
  it('hold after every step, and the cluster converges once faults are healed', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const o = runScenario(s);
        expect(o.safety).toEqual([]);
        expect(o.capacity).toEqual([]);
        expect(o.quiet).toBe(true);
        expect(o.daemonsets).toEqual([]);
        expect(o.converged).toEqual([]);
      }),
      { numRuns: 25, seed: 20261121 },
    );
  });
});

// ---------------------------------------------------------------- HA control plane faults

type HaFault =
  | { kind: 'killControlPlane'; index: number }
  | { kind: 'restoreControlPlane'; index: number }
  | { kind: 'killEtcd'; index: number }
  | { kind: 'restoreEtcd'; index: number }
  | { kind: 'partition'; hosts: number[] }
  | { kind: 'heal' }
  | { kind: 'fillDisk'; index: number }
  | { kind: 'recoverDisk' }
  /** Aimed at the node whose kube-scheduler holds the Lease, so failovers really happen. */
  | { kind: 'killLeaderNode' }
  | { kind: 'partitionLeaderNode' };

const haFaultArb: fc.Arbitrary<HaFault> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('killControlPlane' as const), index: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('restoreControlPlane' as const), index: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('killEtcd' as const), index: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('restoreEtcd' as const), index: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('partition' as const), hosts: fc.uniqueArray(fc.nat(7), { minLength: 1, maxLength: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('heal' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('fillDisk' as const), index: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('recoverDisk' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('killLeaderNode' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('partitionLeaderNode' as const) }) },
);

const haScenarioArb = fc.record({
  seed: fc.nat(1_000_000),
  etcd: fc.constantFrom('stacked' as const, 'external' as const),
  controlPlanes: fc.constantFrom(1 as const, 3 as const),
  workers: fc.integer({ min: 1, max: 3 }),
  actions: fc.array(fc.oneof({ weight: 3, arbitrary: actionArb }, { weight: 2, arbitrary: haFaultArb }), { minLength: 1, maxLength: 14 }),
});

type HaScenario = typeof haScenarioArb extends fc.Arbitrary<infer T> ? T : never;

function faultCommand(cluster: Cluster, f: HaFault): string | undefined {
  const cps = [...cluster.machines.values()].filter((m) => m.config.role === 'control-plane').map((m) => m.config.name);
  const members = cluster.ha.etcd.members.map((m) => m.name);
  const hosts = [...cluster.machines.keys(), ...cluster.etcdHosts.keys()];
  const pick = (list: readonly string[], i: number): string | undefined => list[i % Math.max(list.length, 1)];
  switch (f.kind) {
    case 'killControlPlane': return `sandbox kill node ${pick(cps, f.index) ?? ''}`;
    case 'restoreControlPlane': return `sandbox restore node ${pick(cps, f.index) ?? ''}`;
    case 'killEtcd': return `sandbox kill etcd ${pick(members, f.index) ?? ''}`;
    case 'restoreEtcd': return `sandbox restore etcd ${pick(members, f.index) ?? ''}`;
    case 'partition': return `sandbox partition ${[...new Set(f.hosts.map((i) => pick(hosts, i)))].join(' ')}`;
    case 'heal': return 'sandbox heal';
    case 'fillDisk': return `sandbox fill-disk etcd ${pick(members, f.index) ?? ''}`;
    case 'recoverDisk': return undefined;
    case 'killLeaderNode': {
      const leader = cluster.controlPlane.leaders('kube-scheduler')[0];
      return leader && `sandbox kill node ${leader}`;
    }
    case 'partitionLeaderNode': {
      const leader = cluster.controlPlane.leaders('kube-scheduler')[0];
      return leader && `sandbox partition ${leader}`;
    }
  }
}

/** Every fault undone: machines and members up, network whole, disks defragmented, alarms disarmed. */
function healAll(cluster: Cluster): void {
  for (const m of cluster.machines.values()) if (!m.alive) cluster.run(`sandbox restore node ${m.config.name}`);
  for (const m of cluster.ha.etcd.members) if (!m.alive) cluster.run(`sandbox restore etcd ${m.name}`);
  cluster.run('sandbox heal');
  for (const m of cluster.ha.etcd.members) if (m.spaceExceeded) cluster.run(`sandbox defrag etcd ${m.name}`);
  cluster.advance(3_000);
  cluster.run('sandbox etcd alarm disarm');
}

interface HaOutcome extends Outcome {
  uncommitted: string[];
  leaders: string[];
}

const HA_FAULT_KINDS: ReadonlySet<string> = new Set(['killControlPlane', 'restoreControlPlane', 'killEtcd', 'restoreEtcd', 'partition', 'heal', 'fillDisk', 'recoverDisk', 'killLeaderNode', 'partitionLeaderNode']);

function isHaFault(a: Action | HaFault): a is HaFault {
  return HA_FAULT_KINDS.has(a.kind);
}

/** How much of the fault space the runs reached: a property that never lost quorum proves little. */
const coverage = { quorumLost: 0, noSpace: 0, schedulerFailovers: 0 };

/**
 * An oracle independent of ControlPlaneProcesses' own check: between steps, sample who
 * holds each lock every 100 ms of simulated time and record any moment with two holders.
 */
function advanceWatchingLeaders(cluster: Cluster, ms: number, out: string[]): void {
  const end = cluster.now + ms;
  while (cluster.now < end) {
    cluster.runUntil(Math.min(end, cluster.now + 100));
    if (!cluster.ha.etcd.raft.leader()) coverage.quorumLost++;
    if (cluster.ha.etcd.raft.alarms.active) coverage.noSpace++;
    for (const lock of ['kube-scheduler', 'kube-controller-manager']) {
      const holders = cluster.controlPlane.leaders(lock);
      if (holders.length > 1 && out.length < 20) out.push(`t=${cluster.now}ms ${lock}: ${holders.join(', ')}`);
    }
  }
}

/** Simulated time after an action: waits as asked; a leader's loss long enough for the standby's takeover. */
function stepMs(action: Action | HaFault): number {
  if (action.kind === 'wait') return action.seconds * 1000;
  return action.kind === 'killLeaderNode' || action.kind === 'partitionLeaderNode' ? 20_000 : 2000;
}

function runHaScenario(s: HaScenario): HaOutcome {
  const cluster = new Cluster({
    seed: s.seed,
    spec: { distribution: 'kubeadm', controlPlane: { nodes: s.controlPlanes, etcd: s.etcd }, nodes: [{ name: 'worker-{i}', count: s.workers, capacity: { cpu: '4', memory: '8Gi' } }] },
    config: { freezeObjects: true },
  }).boot();
  const safety = watchSafety(cluster);
  const capacity: string[] = [];
  const twoLeaders: string[] = [];
  for (const action of s.actions) {
    if (action.kind === 'recoverDisk') {
      for (const m of cluster.ha.etcd.members) if (m.spaceExceeded) cluster.run(`sandbox defrag etcd ${m.name}`);
      cluster.run('sandbox etcd alarm disarm');
    } else {
      const line = isHaFault(action) ? faultCommand(cluster, action) : commandFor(cluster, action);
      if (line) cluster.run(line);
    }
    advanceWatchingLeaders(cluster, stepMs(action), twoLeaders);
    capacity.push(...checkCapacity(cluster));
  }
  const lease = cluster.api.peek<Lease>('leases', 'kube-system', 'kube-scheduler');
  if ((lease?.spec.leaseTransitions ?? 0) > 0) coverage.schedulerFailovers++;
  healAll(cluster);
  for (const n of cluster.objects('nodes')) cluster.run(`kubectl uncordon ${n.metadata.name}`);
  const quiet = cluster.runUntilQuiet(30 * 60_000);
  cluster.advance(60_000);
  cluster.runUntilQuiet(10 * 60_000);
  safety.stop();
  return {
    safety: safety.violations, capacity, converged: checkConverged(cluster), daemonsets: checkDaemonSets(cluster), quiet,
    uncommitted: cluster.ha.etcd.violations,
    leaders: [...cluster.controlPlane.violations.map((v) => `t=${v.tMs}ms ${v.lock}: ${v.hosts.join(', ')}`), ...twoLeaders],
  };
}

describe('the same invariants with an HA control plane under etcd, node and network faults', () => {
  it('hold, no write is acknowledged without a majority, and no two schedulers or controller managers lead at once', () => {
    fc.assert(
      fc.property(haScenarioArb, (s) => {
        const o = runHaScenario(s);
        expect(o.uncommitted).toEqual([]);
        expect(o.leaders).toEqual([]);
        expect(o.safety).toEqual([]);
        expect(o.capacity).toEqual([]);
        expect(o.quiet).toBe(true);
        expect(o.daemonsets).toEqual([]);
        expect(o.converged).toEqual([]);
      }),
      { numRuns: 25, seed: 20261122 },
    );
    expect(coverage.quorumLost).toBeGreaterThan(0);
    expect(coverage.noSpace).toBeGreaterThan(0);
    expect(coverage.schedulerFailovers).toBeGreaterThan(0);
  });
});
