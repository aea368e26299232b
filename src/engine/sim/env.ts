import type { InteractionLog } from '../log/interaction-log';
import type { EventQueue } from './event-queue';
import type { Rng } from './rng';

/** Simulated latencies and knobs. Benchmarks set latencies to zero. */
export interface EngineConfig {
  /** Delay between a write and its delivery to each watcher. */
  watchLatencyMs: number;
  /** Delay between a component's work being queued and processed (controller workqueues). */
  workqueueDelayMs: number;
  /** Image pull time per MiB of image (before the per-node cache hits). */
  imagePullMsPerMiB: number;
  /** Container create/start time in the runtime. */
  containerStartMs: number;
  /** Freeze every stored object, so a component mutating shared state fails loudly (tests). */
  freezeObjects: boolean;
  /** Keep interaction records (false: count and hash only, for throughput benchmarks). */
  keepInteractions: boolean;
}

export const DEFAULT_ENGINE_CONFIG: EngineConfig = {
  watchLatencyMs: 2,
  workqueueDelayMs: 1,
  imagePullMsPerMiB: 40,
  containerStartMs: 300,
  freezeObjects: false,
  keepInteractions: true,
};

/** What every component gets injected: time, chance, the log. Nothing ambient. */
export interface SimEnv {
  readonly queue: EventQueue;
  readonly rng: Rng;
  readonly log: InteractionLog;
  readonly config: EngineConfig;
  now(): number;
}
