/**
 * Built-in scenarios, as YAML text. They live in TS modules (not .yaml files) so that Node,
 * the CLI, tests and the worker all load them the same way, without a bundler.
 */
import { NODE_FAILURE_YAML } from './node-failure';

export interface BuiltinScenario {
  readonly name: string;
  readonly yaml: string;
}

export const BUILTIN_SCENARIOS: readonly BuiltinScenario[] = [{ name: 'node-failure', yaml: NODE_FAILURE_YAML }];

export function builtinScenario(name: string): BuiltinScenario | undefined {
  return BUILTIN_SCENARIOS.find((s) => s.name === name);
}

export function builtinScenarioNames(): string[] {
  return BUILTIN_SCENARIOS.map((s) => s.name);
}

/** The file name a built-in's errors are reported against. */
export function builtinFileName(name: string): string {
  return `builtin/${name}.yaml`;
}
