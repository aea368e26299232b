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
