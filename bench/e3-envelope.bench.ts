import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Cluster } from '../src/engine/cluster/cluster';
import type { Pod } from '../src/engine/api/types';
import type { BenchResult } from './types';

/**
 * E3: the full envelope, 5,000 nodes and 150,000 pods (30 per node), bootstrapped from
 * nothing: the cluster boots, 15 Deployments of 10,000 replicas are applied, and the engine
 * runs until every pod is Running. Engine defaults throughout (latencies, interaction log).
 * One run, in a child process with room for an 8 GiB heap (it takes minutes and gigabytes; a
 * heap overflow there fails this bench, not the runner). Value: wall seconds; notes: the live
 * heap after a full GC at the end (target ≤ 1 GiB) and the largest heap seen while it ran.
 * E3_NODES / E3_REPLICAS scale it down for a quick look.
 */
const NODES = Number(process.env.E3_NODES ?? 5000);
const DEPLOYMENTS = 15;
const REPLICAS = Number(process.env.E3_REPLICAS ?? 10_000);
const GIB = 2 ** 30;

function manifest(i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
spec:
  replicas: ${REPLICAS}
  selector:
    matchLabels: {app: app-${i}}
  template:
    metadata:
      labels: {app: app-${i}}
    spec:
      containers:
        - name: app
          image: nginx:1.27
          resources:
            requests: {cpu: 10m, memory: 32Mi}
`;
}

/** A full collection, so the heap figure is what the engine holds, not garbage awaiting GC. */
function collect(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

const CHILD_FLAG = '--e3-child';
const CHILD_HEAP_MB = 8192;

export function run(): Promise<BenchResult> {
  const child = spawnSync(process.execPath, [`--max-old-space-size=${CHILD_HEAP_MB}`, '--import', 'tsx', fileURLToPath(import.meta.url), CHILD_FLAG], {
    encoding: 'utf8',
    maxBuffer: 16 * 2 ** 20,
  });
  const line = child.stdout.split('\n').find((l) => l.startsWith('{'));
  if (child.status !== 0 || !line) throw new Error(`E3 child exited with ${child.status ?? child.signal}: ${child.stderr.slice(-2000)}`);
  return Promise.resolve(JSON.parse(line) as BenchResult);
}

function measure(): BenchResult {
  const files: Record<string, string> = {};
  for (let i = 0; i < DEPLOYMENTS; i++) files[`app-${i}.yaml`] = manifest(i);
  let peak = 0;
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };
  const t0 = performance.now();
  const cluster = new Cluster({
    seed: 3,
    spec: { distribution: 'kubeadm', controlPlane: { nodes: 1, etcd: 'stacked' }, nodes: [{ name: 'node-{i:04}', count: NODES, capacity: { cpu: '32', memory: '128Gi', pods: 110 } }] },
    files,
  }).boot();
  const bootMs = performance.now() - t0;
  sample();
  for (const f of Object.keys(files)) cluster.run(`kubectl apply -f ${f}`);
  // Step in slices of simulated time (at most an hour) to sample the heap as it grows.
  for (let i = 0; i < 3600; i++) {
    const until = cluster.now + 1000;
    if (cluster.runUntilQuiet(1000)) break;
    cluster.runUntil(until);
    sample();
  }
  const ms = performance.now() - t0;
  sample();
  const running = cluster.objects<Pod>('pods').filter((p) => p.metadata.labels?.app?.startsWith('app-') && p.status?.phase === 'Running').length;
  collect();
  const live = process.memoryUsage().heapUsed;
  const total = DEPLOYMENTS * REPLICAS;
  return {
    id: 'E3',
    title: `envelope bootstrap, ${NODES} nodes, ${total} pods`,
    value: ms / 1000,
    unit: 's',
    target: 30,
    better: 'lower',
    runs: [ms / 1000],
    notes:
      `${running}/${total} pods Running; boot ${(bootMs / 1000).toFixed(1)} s; ` +
      `live heap after GC ${(live / GIB).toFixed(2)} GiB (${((live / total) / 1024).toFixed(1)} KiB per pod), peak ${(peak / GIB).toFixed(2)} GiB (target ≤ 1 GiB)`,
  };
}

if (process.argv.includes(CHILD_FLAG)) process.stdout.write(`${JSON.stringify(measure())}\n`);
