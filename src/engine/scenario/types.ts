import type { ClusterSpec } from '../cluster/cluster-spec';
import type { TrafficConfig } from '../traffic';

/** One timeline entry: at `atMs` after the scenario starts, run `run` (kubectl / helm / sandbox). */
export interface ScenarioStep {
  readonly atMs: number;
  readonly run: string;
  readonly note?: string;
}

/** A validated scenario, ready to build a Cluster from. */
export interface Scenario {
  readonly metadata: { readonly name: string; readonly title: string; readonly description: string };
  readonly spec: {
    readonly seed: number;
    readonly cluster: ClusterSpec;
    /** Manifests and values the steps refer to by name (`kubectl apply -f web.yaml`). */
    readonly files: Readonly<Record<string, string>>;
    /** Sorted by time; steps at the same time keep their order in the file. */
    readonly steps: readonly ScenarioStep[];
    /** Requests, service behaviour and the trace pipeline (`spec.traffic`); absent = no traffic. */
    readonly traffic?: TrafficConfig;
  };
}

/** `file:line:column: path: message` — every problem found, not just the first. */
export interface ScenarioError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** `spec.steps[2].at`, or '' for problems with the YAML itself. */
  readonly path: string;
  readonly message: string;
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioError[] };

export function formatScenarioError(e: ScenarioError): string {
  return `${e.file}:${e.line}:${e.column}: ${e.path ? `${e.path}: ` : ''}${e.message}`;
}

/** Limits on what a scenario may ask for (it may come from an untrusted link). */
export const SCENARIO_LIMITS = {
  bytes: 1024 * 1024,
  aliases: 100,
  steps: 1000,
  files: 100,
  pools: 100,
  nodesPerPool: 5000,
  nodes: 5000,
  /** A week of simulated time. */
  atMs: 7 * 24 * 3_600_000,
  commandChars: 10_000,
  textChars: 20_000,
} as const;
