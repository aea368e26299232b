import type { ExitCode, Invocation } from './invocation';

/**
 * The programs the console knows, by first word. kubectl and sandbox live here; `helm`
 * (and anything else) plugs in with `registerProgram` or a row in `builtinPrograms`.
 */
export interface Program {
  readonly name: string;
  /** Client identity in the interaction log. */
  readonly component: string;
  run(inv: Invocation, args: readonly string[]): ExitCode;
}

const registry = new Map<string, Program>();

export function registerProgram(program: Program): void {
  registry.set(program.name, program);
}

export function findProgram(name: string): Program | undefined {
  return registry.get(name);
}

export function programNames(): string[] {
  return [...registry.keys()].sort();
}
