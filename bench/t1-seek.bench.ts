import { deploymentManifest } from '../src/engine/testing/actions';
import { indent } from '../src/scenarios/builtin';
import { EngineSource } from '../src/worker/engine-source';
import { REWIND_SLICE_MS } from '../src/worker/host-rewind';
import { prepareOpen } from '../src/worker/restore';
import type { SessionSpec } from '../src/worker/session-spec';
import type { BenchResult } from './types';
import { median } from './util';

/**
 * T1: seeking back on the timeline. A 20-node cluster played for one simulated hour with
 * churn (user actions every minute), then the playhead is dragged back to 59:00: the worker
 * rebuilds the session from the start and runs it there, through the same restore / seek code
 * the worker uses (EngineSource.seek). Reported: wall time of that seek.
 */
const NODES = 20;
const HOUR_MS = 3_600_000;
const APPS = ['web', 'api', 'worker', 'cache'] as const;

/** Also opened by e2e/scenarios-share.spec.ts (a long rewind on the page). */
export function scenarioYaml(): string {
  const files = APPS.map((name, i) => `${name}.yaml: |\n${indent(deploymentManifest(name, 8 + i * 4, 200).trimEnd(), 2)}`).join('\n');
  return `apiVersion: kube-sandbox.dev/v1
kind: Scenario
metadata:
  name: seek-bench
  title: Seek benchmark
  description: Twenty workers with churn.
spec:
  seed: 7
  cluster:
    distribution: kubeadm
    controlPlane: { nodes: 1, etcd: stacked }
    nodes:
      - name: worker-{i:02}
        count: ${NODES}
        capacity: { cpu: "8", memory: 32Gi, pods: 110 }
  files:
${indent(files, 4)}
  steps:
${APPS.map((a) => `    - at: 0s\n      run: kubectl apply -f ${a}.yaml`).join('\n')}
`;
}

/** The user's hour: a scale every minute, a node killed and restored every ten. */
export function actions(): { atMs: number; run: string }[] {
  const out: { atMs: number; run: string }[] = [];
  for (let minute = 1; minute < 60; minute++) {
    const app = APPS[minute % APPS.length]!;
    out.push({ atMs: minute * 60_000, run: `kubectl scale deployment/${app} --replicas=${6 + ((minute * 7) % 20)}` });
    if (minute % 10 === 3) out.push({ atMs: minute * 60_000 + 500, run: `sandbox kill node worker-${String(minute % NODES).padStart(2, '0')}` });
    if (minute % 10 === 9) out.push({ atMs: minute * 60_000 + 500, run: `sandbox restore node worker-${String((minute - 6) % NODES).padStart(2, '0')}` });
  }
  return out;
}

function spec(): SessionSpec {
  const opening = prepareOpen({ kind: 'yaml', yaml: scenarioYaml(), file: 'seek-bench.yaml' });
  if (!opening.ok) throw new Error(opening.errors.join('\n'));
  return { ...opening.spec, actions: actions() };
}

/** The worker's way: the same seek in slices of 50 ms (host.ts), with wall time between slices given back. */
function sliced(live: EngineSource): { ms: number; slices: number; longestMs: number } {
  const t0 = performance.now();
  const job = live.startSeek(HOUR_MS - 60_000);
  let slices = 1;
  let longestMs = 0;
  for (let i = 0; i < 100_000; i++, slices++) {
    const s0 = performance.now();
    const done = job.step(REWIND_SLICE_MS, () => performance.now());
    longestMs = Math.max(longestMs, performance.now() - s0);
    if (done) break;
  }
  const back = job.source;
  back.flush();
  back.snapshot();
  const ms = performance.now() - t0;
  if (back.clock().simTimeMs !== HOUR_MS - 60_000) throw new Error(`sliced seek landed at ${back.clock().simTimeMs}`);
  back.dispose();
  return { ms, slices, longestMs };
}

function once(): { ms: number; cpuMs: number; pods: number; sliced: { ms: number; slices: number; longestMs: number } } {
  const live = new EngineSource(spec()).seek(HOUR_MS);
  live.flush();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const back = live.seek(HOUR_MS - 60_000);
  back.flush();
  back.snapshot();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (back.clock().simTimeMs !== HOUR_MS - 60_000) throw new Error(`seek landed at ${back.clock().simTimeMs}`);
  const pods = back.podCount();
  const inSlices = sliced(live);
  live.dispose();
  back.dispose();
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, pods, sliced: inSlices };
}

export async function run(): Promise<BenchResult> {
  const runs: number[] = [];
  const cpu: number[] = [];
  const slicedMs: number[] = [];
  const longest: number[] = [];
  let slices = 0;
  let pods = 0;
  for (let i = 0; i < 3; i++) {
    const r = once();
    runs.push(r.ms);
    cpu.push(r.cpuMs);
    pods = r.pods;
    slicedMs.push(r.sliced.ms);
    longest.push(r.sliced.longestMs);
    slices = r.sliced.slices;
  }
  return {
    id: 'T1',
    title: `seek back to 59:00 (rebuild + replay), ${NODES} nodes, ${actions().length} user actions`,
    value: median(runs),
    unit: 'ms',
    target: 1000,
    better: 'lower',
    runs,
    // On a shared machine wall time swings with load; CPU time says what the seek itself costs.
    notes:
      `${pods} pods at the target moment; CPU time of the seek (median) ${median(cpu).toFixed(0)} ms; ` +
      `in the worker's ${REWIND_SLICE_MS} ms slices: ${median(slicedMs).toFixed(0)} ms (median) in ${slices} slices, longest slice ${Math.max(...longest).toFixed(0)} ms`,
  };
}
