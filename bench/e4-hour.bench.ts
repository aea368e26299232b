import { Cluster } from '../src/engine/cluster/cluster';
import { deploymentManifest } from '../src/engine/testing/actions';
import { fnv32a, stableStringify } from '../src/engine/util/clone';
import type { BenchResult } from './types';
import { median } from './util';

/** E4: one simulated hour of a 100-node cluster with churn, default latencies; the final state hash must repeat. */
const NODES = 100;

function once(): { ms: number; hash: string } {
  const files: Record<string, string> = {};
  for (const [i, name] of ['web', 'api', 'worker', 'cache', 'search'].entries()) files[`${name}.yaml`] = deploymentManifest(name, 20 + i * 10, 200);
  const cluster = new Cluster({
    seed: 4,
    spec: { distribution: 'kubeadm', controlPlane: { nodes: 1, etcd: 'stacked' }, nodes: [{ name: 'worker-{i:03}', count: NODES, capacity: { cpu: '8', memory: '32Gi', pods: 110 } }] },
    files,
  }).boot();
  const t0 = performance.now();
  for (const f of Object.keys(files)) cluster.run(`kubectl apply -f ${f}`);
  const names = ['web', 'api', 'worker', 'cache', 'search'];
  for (let minute = 1; minute <= 60; minute++) {
    cluster.advance(60_000);
    const name = names[minute % names.length]!;
    cluster.run(`kubectl scale deployment/${name} --replicas=${10 + ((minute * 7) % 40)}`);
    if (minute % 10 === 3) cluster.run(`sandbox kill node worker-${String(minute).padStart(3, '0')}`);
    if (minute % 10 === 9) cluster.run(`sandbox restore node worker-${String(minute - 6).padStart(3, '0')}`);
    if (minute % 15 === 0) cluster.run(`kubectl rollout restart deployment/${name}`);
  }
  const ms = performance.now() - t0;
  const state = ['nodes', 'pods', 'replicasets', 'deployments'].flatMap((r) => cluster.objects(r));
  return { ms, hash: `${cluster.log.digest}/${fnv32a(stableStringify(state)).toString(16)}` };
}

export async function run(): Promise<BenchResult> {
  const runs: number[] = [];
  const hashes = new Set<string>();
  for (let i = 0; i < 3; i++) {
    const r = once();
    runs.push(r.ms / 1000);
    hashes.add(r.hash);
  }
  return {
    id: 'E4',
    title: `one simulated hour, ${NODES} nodes with churn`,
    value: median(runs),
    unit: 's',
    target: 10,
    better: 'lower',
    runs,
    notes: hashes.size === 1 ? `same final state hash every run: ${[...hashes][0]}` : `HASH DIFFERS between runs: ${[...hashes].join(' ')}`,
  };
}
