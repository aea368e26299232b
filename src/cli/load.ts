/** Finds a scenario by built-in name or file path and parses it. */
import { formatScenarioError, parseScenario, SCENARIO_LIMITS, type Scenario } from '../engine/scenario';
import { builtinFileName, builtinScenario, builtinScenarioNames } from '../scenarios';
import type { CliIo } from './io';

/** `text` is the YAML as read (what a share link carries); `file` is what errors are reported against. */
export type Loaded = { ok: true; scenario: Scenario; text: string; file: string } | { ok: false; errors: string[] };

function looksLikePath(arg: string): boolean {
  return /[/\\]/.test(arg) || /\.ya?ml$/i.test(arg);
}

export function loadScenario(arg: string, io: CliIo): Loaded {
  const builtin = looksLikePath(arg) ? undefined : builtinScenario(arg);
  let file = arg;
  let text: string;
  if (builtin) {
    file = builtinFileName(builtin.name);
    text = builtin.yaml;
  } else {
    const read = io.readFile(arg, SCENARIO_LIMITS.bytes);
    if ('error' in read) {
      const hint = looksLikePath(arg) ? '' : ` (not a built-in scenario either; built-ins: ${builtinScenarioNames().join(', ')})`;
      return { ok: false, errors: [`error: ${read.error}${hint}`] };
    }
    text = read.text;
  }
  const parsed = parseScenario(text, file);
  return parsed.ok ? { ok: true, scenario: parsed.scenario, text, file } : { ok: false, errors: parsed.errors.map(formatScenarioError) };
}
