import type { ResourceUsage } from '../commands/host';
import { fnv32a } from '../util/clone';
import type { Requests } from './pod-resources';

/**
 * Synthetic usage for `kubectl top`, derived from requests: each container run gets a seed
 * (drawn from the engine's rng when it starts), and usage wobbles per metrics-server scrape
 * interval. Reading usage never draws from the rng, so observing does not change the run.
 */

/** metrics-server's default resolution. */
const SCRAPE_MS = 15_000;
const MiB = 2 ** 20;

function unit(seed: number, salt: string): number {
  return fnv32a(`${salt}/${seed}`) / 4294967296;
}

export function containerUsage(seed: number, requests: Requests, nowMs: number): ResourceUsage {
  const window = Math.floor(nowMs / SCRAPE_MS);
  const cpuBase = unit(seed, 'cpu');
  const memBase = unit(seed, 'mem');
  const cpuWave = 0.8 + 0.4 * unit(seed + window, 'cpu-wave');
  const memWave = 0.97 + 0.06 * unit(seed + window, 'mem-wave');
  const cpu = requests.cpuMillis > 0 ? requests.cpuMillis * (0.05 + 0.45 * cpuBase) : 1 + 9 * cpuBase;
  const mem = requests.memoryBytes > 0 ? requests.memoryBytes * (0.3 + 0.5 * memBase) : (6 + 40 * memBase) * MiB;
  return { cpuMillis: Math.max(1, Math.round(cpu * cpuWave)), memoryBytes: Math.round(mem * memWave) };
}

/** The node's own processes (systemd, containerd, kubelet, the OS). */
export function systemUsage(seed: number, nowMs: number): ResourceUsage {
  const window = Math.floor(nowMs / SCRAPE_MS);
  const cpu = 60 + 80 * unit(seed, 'sys-cpu');
  const mem = (500 + 400 * unit(seed, 'sys-mem')) * MiB;
  return {
    cpuMillis: Math.round(cpu * (0.85 + 0.3 * unit(seed + window, 'sys-cpu-wave'))),
    memoryBytes: Math.round(mem * (0.98 + 0.04 * unit(seed + window, 'sys-mem-wave'))),
  };
}

export function addUsage(a: ResourceUsage, b: ResourceUsage): ResourceUsage {
  return { cpuMillis: a.cpuMillis + b.cpuMillis, memoryBytes: a.memoryBytes + b.memoryBytes };
}
