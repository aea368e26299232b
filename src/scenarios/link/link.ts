/**
 * A share link, fully checked: the envelope and schema (codec.ts), then the scenario it
 * carries through parseScenario, then the view's references against the scenario's nodes.
 * A position or selection naming a node that never exists is dropped with a notice.
 */
import { expandNodes } from '../../engine/cluster/cluster-spec';
import { tokenize } from '../../engine/commands/shell/tokenizer';
import { formatScenarioError, parseScenario, type Scenario } from '../../engine/scenario';
import { decodeLinkState, type DecodeOptions, type LinkFailure } from './codec';
import type { LinkPosition, LinkSelection, LinkState } from './state';

/** The file name scenario errors from a link are reported against. */
export const LINK_SCENARIO_FILE = 'link-scenario.yaml';

export type LinkOpened = { ok: true; value: LinkState; scenario: Scenario; notices: string[] } | LinkFailure;

/** Names `sandbox add node NAME [--flag value]…` would create (over-approximated: every bare word). */
function addedNodes(command: string): string[] {
  const t = tokenize(command);
  if (!t.ok) return [];
  const [prog, verb, noun, ...rest] = t.words;
  if (prog !== 'sandbox' || verb !== 'add' || noun !== 'node') return [];
  return rest.filter((w, i) => !w.startsWith('-') && !(i > 0 && /^--?[a-z]+$/.test(rest[i - 1]!)));
}

/** Every node the scenario has at some point: its cluster plus `sandbox add node` in steps and actions. */
export function knownNodeNames(scenario: Scenario, state: LinkState): Set<string> {
  const names = new Set(expandNodes(scenario.spec.cluster).map((n) => n.name));
  for (const c of [...scenario.spec.steps.map((s) => s.run), ...state.actions.map((a) => a.run)]) {
    for (const n of addedNodes(c)) names.add(n);
  }
  return names;
}

function selectedNode(s: LinkSelection | null): string | undefined {
  if (s?.kind === 'node') return s.name;
  if (s?.kind === 'component') return s.node;
  return undefined;
}

/** Drops references to nodes that do not exist. Pods are resolved by the page at that moment. */
export function repairReferences(state: LinkState, nodes: ReadonlySet<string>): { value: LinkState; notices: string[] } {
  const notices: string[] = [];
  const positions: Record<string, LinkPosition> = {};
  const dropped: string[] = [];
  for (const [name, p] of Object.entries(state.view.positions)) {
    if (nodes.has(name)) positions[name] = p;
    else dropped.push(name);
  }
  if (dropped.length > 0) {
    const list = dropped.slice(0, 5).join(', ') + (dropped.length > 5 ? ` and ${dropped.length - 5} more` : '');
    notices.push(`link: view.positions: ignored ${dropped.length} position(s) for nodes the scenario does not have: ${list}`);
  }
  let selected = state.view.selected;
  const node = selectedNode(selected);
  if (node !== undefined && !nodes.has(node)) {
    notices.push(`link: view.selected: node "${node}" does not exist in the scenario; nothing is selected`);
    selected = null;
  }
  if (notices.length === 0) return { value: state, notices };
  return { value: { ...state, view: { ...state.view, positions, selected } }, notices };
}

/** A fragment (or `#fragment`) → a state and its parsed scenario, or why not. Never throws. */
export function decodeLink(fragment: string, options: DecodeOptions = {}): LinkOpened {
  const decoded = decodeLinkState(fragment, options);
  if (!decoded.ok) return decoded;
  try {
    const parsed = parseScenario(decoded.value.scenario, LINK_SCENARIO_FILE);
    if (!parsed.ok) {
      return { ok: false, code: 'invalid', error: `link: the scenario it carries is invalid:\n${parsed.errors.map((e) => `  ${formatScenarioError(e)}`).join('\n')}` };
    }
    const repaired = repairReferences(decoded.value, knownNodeNames(parsed.scenario, decoded.value));
    return { ok: true, value: repaired.value, scenario: parsed.scenario, notices: [...decoded.notices, ...repaired.notices] };
  } catch (e) {
    return { ok: false, code: 'invalid', error: `link: the scenario could not be read (${e instanceof Error ? e.message : String(e)})` };
  }
}
