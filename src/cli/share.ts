/**
 * `kube-sandbox link <scenario> [--at DURATION] [--base URL]` prints a share link;
 * `kube-sandbox open <link>` prints the scenario a link carries, with its moment, recorded
 * actions and view as YAML comments above it (so the output is still a scenario file).
 */
import { SCENARIO_LIMITS } from '../engine/scenario';
import { clockLabel, parseDuration } from '../engine/sim/time';
import { decodeLink, EMPTY_VIEW, encodeLink, fragmentOf, LINK_LIMITS, shareUrl, type LinkState, type LinkView } from '../scenarios/link';
import { parseArgs } from './args';
import type { CliIo } from './io';
import { loadScenario } from './load';

export const DEFAULT_BASE_URL = 'http://localhost:5173/';

export const LINK_USAGE = [
  'Usage: kube-sandbox link <scenario.yaml | built-in name> [--at DURATION] [--base URL]',
  '',
  'Prints a share link that opens the scenario in the page at the given moment.',
  'The link carries the whole scenario, compressed, in its #fragment; nothing is uploaded.',
  '',
  'Flags:',
  '  --at DURATION   the scenario time the link opens at (e.g. 5m, 90s, 1h30m); default 0s',
  `  --base URL      the page's address; default ${DEFAULT_BASE_URL}`,
  '  -h, --help      show this help',
];

export const OPEN_USAGE = [
  'Usage: kube-sandbox open <link | fragment>',
  '',
  'Checks a share link and prints the scenario YAML it carries, preceded by comments with',
  'the moment it opens at, the actions recorded in the page and the view. Exit code 1 when',
  'the link is invalid.',
];

const HELP = [
  { name: 'help', takesValue: false },
  { name: 'h', takesValue: false },
];

type Usage = { ok: true; positional: string; flags: Map<string, string> } | { ok: false; code: number };

/** Shared flag handling: errors and help print here; the verb gets exactly one positional. */
function usage(argv: readonly string[], flags: readonly string[], lines: readonly string[], missing: string, io: CliIo): Usage {
  const args = parseArgs(argv, [...HELP, ...flags.map((name) => ({ name, takesValue: true }))]);
  if (args.ok && (args.flags.has('help') || args.flags.has('h'))) {
    for (const l of lines) io.out(l);
    return { ok: false, code: 0 };
  }
  const error = !args.ok ? args.error : args.positionals.length === 0 ? missing : args.positionals.length > 1 ? `expected one argument, got ${args.positionals.length}` : undefined;
  if (error !== undefined || !args.ok) {
    io.err(`error: ${error}`);
    io.err(lines[0]!);
    return { ok: false, code: 2 };
  }
  return { ok: true, positional: args.positionals[0]!, flags: args.flags };
}

function atMs(flag: string | undefined): number | string {
  if (flag === undefined) return 0;
  const ms = parseDuration(flag);
  if (ms === undefined) return `invalid --at "${flag}": use a duration such as 5m, 90s or 1h30m`;
  if (ms > SCENARIO_LIMITS.atMs) return `--at ${flag} is too late: at most ${SCENARIO_LIMITS.atMs / 3_600_000}h`;
  return Math.round(ms);
}

function baseUrl(flag: string | undefined): string | undefined {
  if (flag === undefined) return DEFAULT_BASE_URL;
  try {
    const url = new URL(flag);
    return url.protocol === 'http:' || url.protocol === 'https:' ? flag : undefined;
  } catch {
    return undefined;
  }
}

export function linkVerb(argv: readonly string[], io: CliIo): number {
  const u = usage(argv, ['at', 'base'], LINK_USAGE, 'which scenario? give a scenario file or a built-in name', io);
  if (!u.ok) return u.code;
  const timeMs = atMs(u.flags.get('at'));
  const base = baseUrl(u.flags.get('base'));
  if (typeof timeMs === 'string' || base === undefined) {
    io.err(`error: ${typeof timeMs === 'string' ? timeMs : `invalid --base "${u.flags.get('base')}": use an http:// or https:// address`}`);
    return 2;
  }
  const loaded = loadScenario(u.positional, io);
  if (!loaded.ok) {
    for (const e of loaded.errors) io.err(e);
    return 1;
  }
  const encoded = encodeLink({ scenario: loaded.text, actions: [], timeMs, view: EMPTY_VIEW });
  if (!encoded.ok) {
    io.err(`error: ${encoded.error}`);
    return 1;
  }
  const url = shareUrl(base, encoded.fragment);
  io.out(url);
  io.err(`kube-sandbox: the link is ${url.length} characters long`);
  if (url.length > LINK_LIMITS.warnChars) io.err(`kube-sandbox: warning: links over ${LINK_LIMITS.warnChars / 1024} KB may be cut by chat apps and some browsers`);
  return 0;
}

function describeView(v: LinkView): string {
  const parts: string[] = [];
  const positions = Object.keys(v.positions).length;
  if (positions > 0) parts.push(`${positions} node position(s)`);
  const s = v.selected;
  if (s) parts.push(`selected ${s.kind === 'pod' ? `pod ${s.namespace}/${s.name}` : s.kind === 'node' ? `node ${s.name}` : `${s.component} on ${s.node}`}`);
  if (v.panels.length > 0) parts.push(`panels: ${v.panels.join(', ')}`);
  if (v.theme) parts.push(`theme: ${v.theme}`);
  return parts.length > 0 ? parts.join('; ') : 'default';
}

/** The comment block above the scenario. Commands are single lines (the codec checks). */
export function linkHeader(state: LinkState): string[] {
  const out = ['# Opened from a kube-sandbox share link.', `# time: ${clockLabel(state.timeMs)}`];
  if (state.actions.length === 0) out.push('# actions recorded in the page: none');
  else {
    out.push('# actions recorded in the page:');
    for (const a of state.actions) out.push(`#   [${clockLabel(a.atMs)}] ${a.run}`);
  }
  out.push(`# view: ${describeView(state.view)}`);
  return out;
}

export function openVerb(argv: readonly string[], io: CliIo): number {
  const u = usage(argv, [], OPEN_USAGE, 'which link? give a link (http://…/#v1.…) or its fragment', io);
  if (!u.ok) return u.code;
  const opened = decodeLink(fragmentOf(u.positional));
  if (!opened.ok) {
    io.err(`error: ${opened.error}`);
    return 1;
  }
  for (const n of opened.notices) io.err(`kube-sandbox: ${n}`);
  for (const l of linkHeader(opened.value)) io.out(l);
  const lines = opened.value.scenario.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  for (const l of lines) io.out(l);
  return 0;
}
