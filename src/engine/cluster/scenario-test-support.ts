import { parseScenario } from '../scenario/parse';
import { ScenarioRunner, type RunOptions } from '../scenario/runner';
import type { Scenario } from '../scenario/types';

/** TEST ONLY: headless-runner scenarios written inline, and the blocks of their transcripts. */

export interface InlineScenario {
  /** The `cluster:` mapping, as YAML flow text (`{ controlPlane: { nodes: 3, etcd: stacked }, nodes: [...] }`). */
  readonly cluster: string;
  readonly files?: Readonly<Record<string, string>>;
  /** [at, command] pairs, e.g. ['30s', 'sandbox kill node control-plane-1']. */
  readonly steps: readonly (readonly [string, string])[];
  readonly seed?: number;
}

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text.split('\n').map((l) => (l === '' ? l : pad + l)).join('\n');
}

export function inlineScenario(s: InlineScenario): Scenario {
  const files = Object.entries(s.files ?? {}).map(([name, text]) => `    ${name}: |\n${indent(text, 6)}`).join('\n');
  const steps = s.steps.map(([at, run]) => `    - at: ${at}\n      run: ${JSON.stringify(run)}`).join('\n');
  const yaml = [
    'apiVersion: kube-sandbox.dev/v1',
    'kind: Scenario',
    'metadata: { name: test }',
    'spec:',
    `  seed: ${s.seed ?? 1}`,
    `  cluster: ${s.cluster}`,
    ...(files ? ['  files:', files] : []),
    '  steps:',
    steps,
  ].join('\n');
  const r = parseScenario(yaml, 'test.yaml');
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r.scenario;
}

export interface Transcript {
  readonly lines: string[];
  readonly runner: ScenarioRunner;
  /** Output lines of the step whose header is `[hh:mm:ss] $ <command>` (`at` as hh:mm:ss). */
  block(at: string, command: string): string[];
}

/** Boots the cluster and plays the whole timeline. */
export function runTranscript(s: Scenario, opts: RunOptions = {}): Transcript {
  const t = startTranscript(s, opts);
  t.runner.runUntil(t.runner.untilMs);
  t.runner.finish();
  return t;
}

/** Boots the cluster only; the test steps it with `runner.runUntil(simMs)` and looks in between. */
export function startTranscript(s: Scenario, opts: RunOptions = {}): Transcript {
  const lines: string[] = [];
  const runner = new ScenarioRunner(s, (l) => lines.push(l), { config: { freezeObjects: true }, ...opts });
  runner.cluster.boot();
  return {
    lines,
    runner,
    block(at, command) {
      const header = `[${at}] $ ${command}`;
      const start = lines.indexOf(header);
      if (start < 0) throw new Error(`no step "${header}" in the transcript:\n${lines.join('\n')}`);
      // A block ends at the blank line before the next header (or note); blank lines inside it stay.
      const out: string[] = [];
      for (let i = start + 1; i < lines.length; i++) {
        const next = lines[i + 1];
        if (lines[i] === '' && (next === undefined || next.startsWith('[') || next.startsWith('#'))) break;
        out.push(lines[i]!);
      }
      return out;
    },
  };
}

/** Collapses runs of spaces (kubectl column widths) so assertions read as words. */
export function words(line: string): string {
  return line.trim().split(/\s+/).join(' ');
}
