import { formatScenarioError, parseScenario, ScenarioRunner } from '../engine/scenario';
import type { RunOptions, Scenario } from '../engine/scenario';
import { builtinFileName, builtinScenario } from '../scenarios';
import type { ScenarioInfo } from '../protocol/messages';

/**
 * The scenarios the page can open: built-ins parsed by the engine's own scenario parser and
 * played by the same ScenarioRunner the headless CLI uses, so steps land on the timeline
 * exactly as `kube-sandbox run` prints them.
 */

export const DEFAULT_SCENARIO = 'node-failure';

/** The page keeps going after the last step: the runner must never stop the clock. */
const OPEN_ENDED_MS = Number.MAX_SAFE_INTEGER;

export interface LoadedScenario {
  info: ScenarioInfo;
  runner: ScenarioRunner;
  /** Set when the requested scenario could not be opened and the default was used instead. */
  warning?: string;
}

type Exec = NonNullable<RunOptions['exec']>;

/** Runs one scenario step's command; the engine source uses it to follow the step's output. */
export type StepExec = (cluster: Parameters<Exec>[0], command: string, note: string | null) => ReturnType<Exec>;

export function parseBuiltin(name: string): Scenario | undefined {
  const builtin = builtinScenario(name);
  if (!builtin) return undefined;
  const parsed = parseScenario(builtin.yaml, builtinFileName(name));
  // A built-in that does not parse is our bug, not the user's: fail loudly.
  if (!parsed.ok) throw new Error(`built-in scenario ${name} is invalid: ${parsed.errors.map(formatScenarioError).join('; ')}`);
  return parsed.scenario;
}

/** Builds and boots the cluster of `name` (default: node-failure); the timeline starts at 0. */
export function loadScenario(name: string | undefined, exec: StepExec): LoadedScenario {
  const wanted = name ?? DEFAULT_SCENARIO;
  let scenario = parseBuiltin(wanted);
  let warning: string | undefined;
  if (!scenario) {
    warning = `unknown scenario "${wanted}"; opened ${DEFAULT_SCENARIO} instead`;
    scenario = parseBuiltin(DEFAULT_SCENARIO);
  }
  if (!scenario) throw new Error(`built-in scenario ${DEFAULT_SCENARIO} is missing`);
  return { ...openParsed(scenario, exec), warning };
}

/** Builds and boots the cluster of a parsed scenario (a built-in, an import or a link's). */
export function openParsed(scenario: Scenario, exec: StepExec): LoadedScenario {
  const steps = scenario.spec.steps;
  let next = 0;
  // The runner executes steps in timeline order, one exec call per step: the n-th call is steps[n].
  const runStep: Exec = (cluster, command) => exec(cluster, command, steps[next++]?.note ?? null);
  const runner = new ScenarioRunner(scenario, () => undefined, { untilMs: OPEN_ENDED_MS, exec: runStep });
  runner.cluster.boot();
  runner.runUntil(0);
  const { metadata } = scenario;
  return { info: { name: metadata.name, title: metadata.title, description: metadata.description }, runner };
}
