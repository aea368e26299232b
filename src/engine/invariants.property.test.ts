import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
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
  | { kind: 'recoverDisk' };

const haFaultArb: fc.Arbitrary<HaFault> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('killControlPlane' as const), index: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('restoreControlPlane' as const), index: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('killEtcd' as const), index: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('restoreEtcd' as const), index: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('partition' as const), hosts: fc.uniqueArray(fc.nat(7), { minLength: 1, maxLength: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('heal' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('fillDisk' as const), index: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('recoverDisk' as const) }) },
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

function runHaScenario(s: HaScenario): HaOutcome {
  const cluster = new Cluster({
    seed: s.seed,
    spec: { distribution: 'kubeadm', controlPlane: { nodes: s.controlPlanes, etcd: s.etcd }, nodes: [{ name: 'worker-{i}', count: s.workers, capacity: { cpu: '4', memory: '8Gi' } }] },
    config: { freezeObjects: true },
  }).boot();
  const safety = watchSafety(cluster);
  const capacity: string[] = [];
  for (const action of s.actions) {
    if (action.kind === 'recoverDisk') {
      for (const m of cluster.ha.etcd.members) if (m.spaceExceeded) cluster.run(`sandbox defrag etcd ${m.name}`);
      cluster.run('sandbox etcd alarm disarm');
    } else {
      const line = 'index' in action || 'hosts' in action || action.kind === 'heal' ? faultCommand(cluster, action as HaFault) : commandFor(cluster, action as Action);
      if (line) cluster.run(line);
    }
    cluster.advance(action.kind === 'wait' ? action.seconds * 1000 : 2000);
    capacity.push(...checkCapacity(cluster));
  }
  healAll(cluster);
  for (const n of cluster.objects('nodes')) cluster.run(`kubectl uncordon ${n.metadata.name}`);
  const quiet = cluster.runUntilQuiet(30 * 60_000);
  cluster.advance(60_000);
  cluster.runUntilQuiet(10 * 60_000);
  safety.stop();
  return {
    safety: safety.violations, capacity, converged: checkConverged(cluster), daemonsets: checkDaemonSets(cluster), quiet,
    uncommitted: cluster.ha.etcd.violations,
    leaders: cluster.controlPlane.violations.map((v) => `t=${v.tMs}ms ${v.lock}: ${v.hosts.join(', ')}`),
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
      { numRuns: 20, seed: 20261122 },
    );
  });
});
