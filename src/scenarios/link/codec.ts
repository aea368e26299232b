/**
 * LinkState ⇄ URL fragment (`v1.<base64url>`). Pure and browser-safe: no engine, no Node
 * built-ins. Decoding treats the text as hostile and never throws; see link.ts for the
 * scenario-aware checks on top (parseScenario, dangling references).
 */
import { packText, unpackText } from './container';
import { knownVersions, LINK_MIGRATIONS, migrateLink, type LinkMigration } from './migrations';
import { canonicalJson, parseJson, type JsonObject, type JsonValue } from './safe-json';
import { checkLinkState } from './schema';
import { LINK_LIMITS, LINK_VERSION, type LinkSelection, type LinkState } from './state';

export type LinkErrorCode =
  /** No fragment at all: open the default scenario, say nothing. */
  | 'empty'
  | 'unsupported-version'
  | 'too-large'
  /** Not base64, cut short, appended to, checksum or inflate failure, bad UTF-8 or JSON. */
  | 'corrupt'
  /** Well-formed data that breaks the schema or carries an invalid scenario. */
  | 'invalid';

export type LinkFailure = { ok: false; code: LinkErrorCode; error: string };
export type LinkDecoded<T> = { ok: true; value: T; notices: string[] } | LinkFailure;
export type LinkEncoded = { ok: true; fragment: string; chars: number; notices: string[] } | { ok: false; error: string };

export interface DecodeOptions {
  /** Defaults to LINK_MIGRATIONS; tests pass their own. */
  readonly migrations?: readonly LinkMigration[];
}

function failure(code: LinkErrorCode, error: string): LinkFailure {
  return { ok: false, code, error: `link: ${error}` };
}

function selectionJson(s: LinkSelection | null): JsonValue {
  if (s === null) return null;
  if (s.kind === 'node') return { kind: s.kind, name: s.name };
  if (s.kind === 'pod') return { kind: s.kind, namespace: s.namespace, name: s.name };
  return { kind: s.kind, component: s.component, node: s.node };
}

/** Only the fields LinkState defines, whatever else the caller's objects carry. */
function stateJson(s: LinkState): JsonObject {
  // No prototype: a caller's "__proto__" key stays a key (and is then refused by the check).
  const positions = Object.create(null) as Record<string, JsonValue>;
  for (const [name, p] of Object.entries(s.view.positions)) positions[name] = { x: p.x, y: p.y };
  return {
    scenario: s.scenario,
    actions: s.actions.map((a) => ({ atMs: a.atMs, run: a.run })),
    timeMs: s.timeMs,
    view: { positions, panels: [...s.view.panels], selected: selectionJson(s.view.selected), theme: s.view.theme },
  };
}

const JSON_LIMITS = { depth: LINK_LIMITS.jsonDepth, entries: LINK_LIMITS.jsonEntries } as const;

/**
 * The fragment for `state` (without `#`). Deterministic: canonical JSON, fixed compression.
 * The state is checked like a decoded one, so every link this writes opens again.
 */
export function encodeLink(state: LinkState): LinkEncoded {
  let text: string;
  try {
    text = canonicalJson(stateJson(state));
  } catch (e) {
    return { ok: false, error: `link: cannot encode: ${e instanceof Error ? e.message : String(e)}` };
  }
  const parsed = parseJson(text, JSON_LIMITS);
  const checked = parsed.ok ? checkLinkState(parsed.value) : parsed;
  if (!checked.ok) return { ok: false, error: `link: cannot encode: ${checked.error}` };
  const fragment = packText(LINK_VERSION, canonicalJson(stateJson(checked.value)));
  if (fragment.length > LINK_LIMITS.fragmentChars) {
    return { ok: false, error: `link: too large to share: ${fragment.length} characters (at most ${LINK_LIMITS.fragmentChars})` };
  }
  return { ok: true, fragment, chars: fragment.length, notices: checked.notices };
}

/** `base#fragment` (any fragment already on `base` is replaced). */
export function shareUrl(base: string, fragment: string): string {
  const hash = base.indexOf('#');
  return `${hash >= 0 ? base.slice(0, hash) : base}#${fragment}`;
}

/** The fragment of a full link, or the text itself when it has no `#`. */
export function fragmentOf(linkOrFragment: string): string {
  const hash = linkOrFragment.indexOf('#');
  return hash >= 0 ? linkOrFragment.slice(hash + 1) : linkOrFragment;
}

const VERSION_PREFIX = /^v(\d{1,6})\./;

/** A fragment (with or without its `#`) → LinkState, or why not. Never throws. */
export function decodeLinkState(fragment: string, options: DecodeOptions = {}): LinkDecoded<LinkState> {
  try {
    return decodeUnsafe(fragment, options.migrations ?? LINK_MIGRATIONS);
  } catch (e) {
    // Every path above returns a result; this is a last line against an engine limit.
    return failure('corrupt', `could not be read (${e instanceof Error ? e.message : String(e)})`);
  }
}

function decodeUnsafe(input: string, migrations: readonly LinkMigration[]): LinkDecoded<LinkState> {
  const fragment = input.startsWith('#') ? input.slice(1) : input;
  if (fragment === '') return failure('empty', 'no link');
  if (fragment.length > LINK_LIMITS.fragmentChars) {
    return failure('too-large', `too large: ${fragment.length} characters (at most ${LINK_LIMITS.fragmentChars})`);
  }
  const head = VERSION_PREFIX.exec(fragment);
  if (!head) {
    if (/^v\d*$/.test(fragment)) return failure('corrupt', 'truncated (nothing after the version)');
    return failure('invalid', `not a kube-sandbox link (expected the fragment to start with v${LINK_VERSION}.)`);
  }
  const version = Number(head[1]);
  const known = knownVersions(migrations);
  if (!known.includes(version)) {
    return failure('unsupported-version', `unsupported link version v${version} (this build reads ${known.map((v) => `v${v}`).join(', ')}); opening the default scenario`);
  }
  const text = unpackText(fragment.slice(head[0].length), head[0].length, LINK_LIMITS.inflatedBytes);
  if (!text.ok) return failure('corrupt', text.error);
  const json = parseJson(text.value, JSON_LIMITS);
  if (!json.ok) return failure('corrupt', json.error);
  const migrated = migrateLink(json.value, version, migrations);
  if (!migrated.ok) return failure('invalid', migrated.error);
  const checked = checkLinkState(migrated.value);
  if (!checked.ok) return failure('invalid', checked.error);
  const notices = version === LINK_VERSION ? checked.notices : [`upgraded from link version v${version}`, ...checked.notices];
  return { ok: true, value: checked.value, notices: notices.map((n) => `link: ${n}`) };
}
