/**
 * Untrusted JSON → LinkState. Structural problems (wrong types, unknown fields, out-of-range
 * numbers, absurd sizes) reject the link with the field's path; harmless disorder (actions
 * out of time order, a panel listed twice) is repaired with a notice.
 */
import { isJsonObject, RESERVED_KEYS, type JsonObject, type JsonValue } from './safe-json';
import {
  LINK_COMPONENTS,
  LINK_LIMITS,
  LINK_THEMES,
  type LinkAction,
  type LinkPosition,
  type LinkSelection,
  type LinkState,
  type LinkView,
} from './state';

export type Checked<T> = { ok: true; value: T; notices: string[] } | { ok: false; error: string };

class SchemaError {
  constructor(readonly message: string) {}
}

function fail(path: string, message: string): never {
  throw new SchemaError(`${path}: ${message}`);
}

function shown(v: JsonValue | undefined): string {
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (isJsonObject(v)) return 'a map';
  const s = JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function fields(v: JsonValue | undefined, path: string, names: readonly string[]): JsonObject {
  if (!isJsonObject(v)) return fail(path, `expected a map, got ${shown(v)}`);
  for (const k of Object.keys(v)) if (!names.includes(k)) fail(path, `unknown field ${JSON.stringify(k)}; expected ${names.join(', ')}`);
  for (const k of names) if (!Object.prototype.hasOwnProperty.call(v, k)) fail(path, `missing field "${k}"`);
  return v;
}

function int(v: JsonValue | undefined, path: string, max: number, unit: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > max) fail(path, `expected an integer from 0 to ${max}${unit}, got ${shown(v)}`);
  return v;
}

function text(v: JsonValue | undefined, path: string, maxChars: number, singleLine: boolean): string {
  if (typeof v !== 'string') return fail(path, `expected a string, got ${shown(v)}`);
  if (v.trim() === '') fail(path, 'must not be empty');
  if (v.length > maxChars) fail(path, `too long: ${v.length} characters (at most ${maxChars})`);
  if (singleLine && /[\r\n]/.test(v)) fail(path, 'must be a single line');
  return v;
}

function list(v: JsonValue | undefined, path: string, max: number): readonly JsonValue[] {
  if (!Array.isArray(v)) return fail(path, `expected a list, got ${shown(v)}`);
  const items = v as readonly JsonValue[];
  if (items.length > max) fail(path, `too many entries: ${items.length} (at most ${max})`);
  return items;
}

function coordinate(v: JsonValue | undefined, path: string): number {
  const max = LINK_LIMITS.coordinate;
  if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > max) fail(path, `expected a number from -${max} to ${max}, got ${shown(v)}`);
  return v === 0 ? 0 : v; // -0 and 0 are one position; JSON writes both as 0
}

function actions(v: JsonValue | undefined, notices: string[]): LinkAction[] {
  const out = list(v, 'actions', LINK_LIMITS.actions).map((a, i): LinkAction => {
    const m = fields(a, `actions[${i}]`, ['atMs', 'run']);
    return { atMs: int(m.atMs, `actions[${i}].atMs`, LINK_LIMITS.timeMs, ' (7 days)'), run: text(m.run, `actions[${i}].run`, LINK_LIMITS.commandChars, true) };
  });
  if (out.some((a, i) => i > 0 && a.atMs < out[i - 1]!.atMs)) {
    notices.push('actions were not in time order; they were sorted');
    out.sort((a, b) => a.atMs - b.atMs); // stable: ties keep their recorded order
  }
  return out;
}

function positions(v: JsonValue | undefined): Record<string, LinkPosition> {
  if (!isJsonObject(v)) return fail('view.positions', `expected a map, got ${shown(v)}`);
  const names = Object.keys(v).sort();
  if (names.length > LINK_LIMITS.positions) fail('view.positions', `too many entries: ${names.length} (at most ${LINK_LIMITS.positions})`);
  const out: Record<string, LinkPosition> = {};
  for (const name of names) {
    const path = `view.positions[${JSON.stringify(name)}]`;
    text(name, `${path} (node name)`, LINK_LIMITS.nameChars, true);
    // The JSON reader refuses these already; a migration's output has not been through it.
    if (RESERVED_KEYS.has(name)) fail(path, 'reserved name, not allowed as a key');
    const p = fields(v[name], path, ['x', 'y']);
    out[name] = { x: coordinate(p.x, `${path}.x`), y: coordinate(p.y, `${path}.y`) };
  }
  return out;
}

function selection(v: JsonValue | undefined): LinkSelection | null {
  if (v === null) return null;
  if (!isJsonObject(v)) return fail('view.selected', `expected a map or null, got ${shown(v)}`);
  const name = (f: JsonValue | undefined, field: string): string => text(f, `view.selected.${field}`, LINK_LIMITS.nameChars, true);
  switch (v.kind) {
    case 'node': {
      const m = fields(v, 'view.selected', ['kind', 'name']);
      return { kind: 'node', name: name(m.name, 'name') };
    }
    case 'pod': {
      const m = fields(v, 'view.selected', ['kind', 'namespace', 'name']);
      return { kind: 'pod', namespace: name(m.namespace, 'namespace'), name: name(m.name, 'name') };
    }
    case 'component': {
      const m = fields(v, 'view.selected', ['kind', 'component', 'node']);
      const component = LINK_COMPONENTS.find((c) => c === m.component);
      if (!component) fail('view.selected.component', `expected one of ${LINK_COMPONENTS.join(', ')}, got ${shown(m.component)}`);
      return { kind: 'component', component, node: name(m.node, 'node') };
    }
    default:
      return fail('view.selected.kind', `expected node, pod or component, got ${shown(v.kind)}`);
  }
}

const PANEL_ID = /^[a-z][a-z0-9-]{0,31}$/;

function panels(v: JsonValue | undefined, notices: string[]): string[] {
  const out: string[] = [];
  list(v, 'view.panels', LINK_LIMITS.panels).forEach((p, i) => {
    if (typeof p !== 'string' || !PANEL_ID.test(p)) fail(`view.panels[${i}]`, `expected a panel id such as "events", got ${shown(p)}`);
    if (out.includes(p)) notices.push(`view.panels: "${p}" was listed twice; kept once`);
    else out.push(p);
  });
  return out;
}

function view(v: JsonValue | undefined, notices: string[]): LinkView {
  const m = fields(v, 'view', ['positions', 'panels', 'selected', 'theme']);
  const theme = m.theme === null ? null : LINK_THEMES.find((t) => t === m.theme);
  if (theme === undefined) fail('view.theme', `expected light, dark or null, got ${shown(m.theme)}`);
  return { positions: positions(m.positions), panels: panels(m.panels, notices), selected: selection(m.selected), theme };
}

/** Checks the shape and ranges of a current-version link state (never throws). */
export function checkLinkState(raw: JsonValue): Checked<LinkState> {
  const notices: string[] = [];
  try {
    const m = fields(raw, '(link)', ['scenario', 'actions', 'timeMs', 'view']);
    const value: LinkState = {
      scenario: text(m.scenario, 'scenario', LINK_LIMITS.scenarioChars, false),
      actions: actions(m.actions, notices),
      timeMs: int(m.timeMs, 'timeMs', LINK_LIMITS.timeMs, ' (7 days)'),
      view: view(m.view, notices),
    };
    return { ok: true, value, notices };
  } catch (e) {
    if (e instanceof SchemaError) return { ok: false, error: e.message };
    return { ok: false, error: `invalid link data: ${e instanceof Error ? e.message : String(e)}` };
  }
}
