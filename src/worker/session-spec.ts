import type { Scenario } from '../engine/scenario';
import type { RecordedStep } from '../protocol/console';
import { builtinFileName, builtinScenario } from '../scenarios';
import { DEFAULT_SCENARIO, parseBuiltin } from './scenario';

/**
 * Everything needed to build a session again from nothing: the scenario (parsed, and its text
 * for share and export), the files the user added, and the user's actions at their times.
 * Rebuilding from it is deterministic: same scenario, same seed, same actions at the same times.
 */
export interface SessionSpec {
  readonly scenario: Scenario;
  /** The scenario's YAML as opened (built-in, imported file, or a link's). */
  readonly yaml: string;
  /** Errors and the share text name it. */
  readonly file: string;
  /** Files the user's actions created (`editor-1.yaml`), added to the scenario's own. */
  readonly extraFiles: Readonly<Record<string, string>>;
  /** The user's actions in time order; each runs when the clock reaches its `atMs`. */
  readonly actions: readonly RecordedStep[];
}

/** The spec of a built-in (unknown names fall back to the default scenario, with a warning). */
export function builtinSession(name: string | undefined): { spec: SessionSpec; warning?: string } {
  const wanted = name ?? DEFAULT_SCENARIO;
  const found = builtinScenario(wanted) ? wanted : DEFAULT_SCENARIO;
  const builtin = builtinScenario(found);
  const scenario = parseBuiltin(found);
  if (!builtin || !scenario) throw new Error(`built-in scenario ${DEFAULT_SCENARIO} is missing`);
  const spec: SessionSpec = { scenario, yaml: builtin.yaml, file: builtinFileName(found), extraFiles: {}, actions: [] };
  if (found === wanted) return { spec };
  return { spec, warning: `unknown scenario "${wanted}"; opened ${DEFAULT_SCENARIO} instead` };
}

/** The scenario with the user's files added (a step of theirs may name one). */
export function scenarioWithFiles(spec: SessionSpec): Scenario {
  if (Object.keys(spec.extraFiles).length === 0) return spec.scenario;
  return { ...spec.scenario, spec: { ...spec.scenario.spec, files: { ...spec.scenario.spec.files, ...spec.extraFiles } } };
}
