import { runTranscript, startTranscript, type Transcript } from '../engine/cluster/scenario-test-support';
import { formatScenarioError, parseScenario, type Scenario } from '../engine/scenario';
import type { BuiltinScenario } from './builtin';
import { builtinFileName } from './index';

/** TEST ONLY: built-in scenarios, parsed and played headless with frozen API objects. */

export function parseBuiltin(b: BuiltinScenario): Scenario {
  const r = parseScenario(b.yaml, builtinFileName(b.name));
  if (!r.ok) throw new Error(r.errors.map(formatScenarioError).join('\n'));
  return r.scenario;
}

/** The whole timeline, to its last step. */
export function playBuiltin(b: BuiltinScenario): Transcript {
  return runTranscript(parseBuiltin(b));
}

/** Booted, at scenario time 0; the test advances it with `runner.runUntil(ms)`. */
export function startBuiltin(b: BuiltinScenario): Transcript {
  return startTranscript(parseBuiltin(b));
}

const ERROR_LINE = /^(error:|Error from server|The connection to the server|curl: \(\d+\)|\*\* server can't find)/;

/**
 * The step headers (`[hh:mm:ss] $ command`) whose output has an error line, in order: what a
 * reader of the transcript would take for a failure.
 */
export function failedSteps(lines: readonly string[]): string[] {
  const out: string[] = [];
  let header: string | undefined;
  for (const line of lines) {
    if (/^\[\d\d:\d\d:\d\d\] /.test(line)) header = line.replace(' (continued)', '');
    else if (header && ERROR_LINE.test(line) && out.at(-1) !== header) out.push(header);
  }
  return out;
}
