/** `kube-sandbox run <scenario.yaml | built-in> [--until DURATION] [--seed N]` */
import { ScenarioRunner, SCENARIO_LIMITS } from '../engine/scenario';
import { clockLabel, parseDuration } from '../engine/sim/time';
import { parseArgs } from './args';
import type { CliIo } from './io';
import { loadScenario } from './load';

export const RUN_USAGE = [
  'Usage: kube-sandbox run <scenario.yaml | built-in name> [--until DURATION] [--seed N]',
  '',
  'Boots the scenario\'s cluster, runs each step of its timeline at its time and prints',
  '"[hh:mm:ss] $ <command>" followed by the output, as a terminal shows it.',
  '',
  'Flags:',
  '  --until DURATION   stop at this scenario time (e.g. 10m, 90s, 1h30m); default: the last step',
  '  --seed N           override the scenario\'s random seed (0 to 4294967295)',
  '  -h, --help         show this help',
];

const FLAGS = [
  { name: 'until', takesValue: true },
  { name: 'seed', takesValue: true },
  { name: 'help', takesValue: false },
  { name: 'h', takesValue: false },
];

type Options = { ok: true; untilMs?: number; seed?: number } | { ok: false; error: string };

function options(flags: Map<string, string>): Options {
  const out: { ok: true; untilMs?: number; seed?: number } = { ok: true };
  const until = flags.get('until');
  if (until !== undefined) {
    const ms = parseDuration(until);
    if (ms === undefined) return { ok: false, error: `invalid --until "${until}": use a duration such as 10m, 90s or 1h30m` };
    if (ms > SCENARIO_LIMITS.atMs) return { ok: false, error: `--until ${until} is too long: at most ${SCENARIO_LIMITS.atMs / 3_600_000}h` };
    out.untilMs = ms;
  }
  const seed = flags.get('seed');
  if (seed !== undefined) {
    if (!/^\d+$/.test(seed) || Number(seed) > 0xffffffff) return { ok: false, error: `invalid --seed "${seed}": use an integer from 0 to 4294967295` };
    out.seed = Number(seed);
  }
  return out;
}

export function runVerb(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, FLAGS);
  if (!args.ok) {
    io.err(`error: ${args.error}`);
    io.err(RUN_USAGE[0]!);
    return 2;
  }
  if (args.flags.has('help') || args.flags.has('h')) {
    for (const l of RUN_USAGE) io.out(l);
    return 0;
  }
  if (args.positionals.length !== 1) {
    io.err(args.positionals.length === 0 ? 'error: which scenario? give a scenario file or a built-in name' : `error: one scenario at a time, got ${args.positionals.length}`);
    io.err(RUN_USAGE[0]!);
    return 2;
  }
  const opts = options(args.flags);
  if (!opts.ok) {
    io.err(`error: ${opts.error}`);
    return 2;
  }
  const loaded = loadScenario(args.positionals[0]!, io);
  if (!loaded.ok) {
    for (const e of loaded.errors) io.err(e);
    return 1;
  }
  const runner = new ScenarioRunner(loaded.scenario, (line) => io.out(line), { untilMs: opts.untilMs, seed: opts.seed });
  runner.run();
  if (runner.skippedSteps > 0) {
    io.err(`kube-sandbox: stopped at ${clockLabel(runner.untilMs)} (--until); ${runner.skippedSteps} later step(s) not run`);
  }
  return 0;
}
