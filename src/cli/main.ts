/**
 * The headless runner: `npx kube-sandbox <command> …`. Each command is one entry of VERBS,
 * so `link` and `open` slot in beside `run`.
 */
import { parseScenario } from '../engine/scenario';
import { BUILTIN_SCENARIOS, builtinFileName } from '../scenarios';
import { pathToFileURL } from 'node:url';
import { processIo, type CliIo } from './io';
import { runVerb } from './run';
import { linkVerb, openVerb } from './share';

interface Verb {
  readonly summary: string;
  run(argv: readonly string[], io: CliIo): number | Promise<number>;
}

const VERBS: Readonly<Record<string, Verb>> = {
  run: { summary: "play a scenario's timeline and print each step with its output", run: runVerb },
  link: { summary: 'print a share link that opens a scenario in the page', run: linkVerb },
  open: { summary: 'print the scenario a share link carries (or why the link is invalid)', run: openVerb },
};

function builtinTitle(name: string, yaml: string): string {
  const parsed = parseScenario(yaml, builtinFileName(name));
  return parsed.ok ? parsed.scenario.metadata.title : '(invalid built-in)';
}

function usage(io: CliIo): void {
  const verbs = Object.entries(VERBS);
  const width = Math.max(...verbs.map(([n]) => n.length), ...BUILTIN_SCENARIOS.map((s) => s.name.length)) + 3;
  io.out('kube-sandbox: a simulated Kubernetes cluster, without a browser');
  io.out('');
  io.out('Usage:');
  io.out('  kube-sandbox run <scenario.yaml | built-in name> [--until DURATION] [--seed N]');
  io.out('  kube-sandbox link <scenario.yaml | built-in name> [--at DURATION] [--base URL]');
  io.out('  kube-sandbox open <link | fragment>');
  io.out('  kube-sandbox <command> --help');
  io.out('');
  io.out('Commands:');
  for (const [name, v] of verbs) io.out(`  ${name.padEnd(width)}${v.summary}`);
  io.out('');
  io.out('Built-in scenarios:');
  for (const s of BUILTIN_SCENARIOS) io.out(`  ${s.name.padEnd(width)}${builtinTitle(s.name, s.yaml)}`);
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') {
    usage(io);
    return verb === undefined ? 2 : 0;
  }
  const handler = Object.prototype.hasOwnProperty.call(VERBS, verb) ? VERBS[verb] : undefined;
  if (!handler) {
    io.err(`error: unknown command "${verb}"; commands: ${Object.keys(VERBS).join(', ')} (see kube-sandbox --help)`);
    return 2;
  }
  try {
    return await handler.run(rest, io);
  } catch (e) {
    io.err(`kube-sandbox: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 70;
  }
}

// `tsx src/cli/main.ts …` (the npm script) runs the CLI directly; bin/kube-sandbox.mjs imports main().
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
