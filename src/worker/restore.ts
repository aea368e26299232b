import { formatScenarioError, parseScenario } from '../engine/scenario';
import type { HelloMessage } from '../protocol/messages';
import type { OpenRequest } from '../protocol/session';
import { builtinFileName, builtinScenario } from '../scenarios';
import { decodeLink, LINK_SCENARIO_FILE } from '../scenarios/link';
import { EngineSource } from './engine-source';
import { parseBuiltin } from './scenario';
import type { SessionSpec } from './session-spec';

/**
 * Opening something in place of the running scenario: a built-in, an imported file or a
 * share link. Everything is checked before anything is built, so a failure leaves the
 * running session alone. A link's session is rebuilt and run to the link's moment (the
 * same path as a seek back), which is what makes a link show the same cluster anywhere.
 */

export type Opening = { ok: true; spec: SessionSpec; timeMs: number; notices: string[] } | { ok: false; errors: string[] };

/** Largest imported file read at all (the scenario parser's own limit is checked after). */
const MAX_IMPORT_CHARS = 2 * 1024 * 1024;

export function prepareOpen(req: OpenRequest): Opening {
  switch (req.kind) {
    case 'builtin': {
      const builtin = builtinScenario(req.name);
      const scenario = builtin && parseBuiltin(req.name);
      if (!builtin || !scenario) return { ok: false, errors: [`unknown scenario "${req.name}"`] };
      return { ok: true, spec: { scenario, yaml: builtin.yaml, file: builtinFileName(req.name), extraFiles: {}, actions: [] }, timeMs: 0, notices: [] };
    }
    case 'yaml': {
      const file = req.file.replace(/[^\w.-]/g, '_').slice(0, 100) || 'scenario.yaml';
      if (req.yaml.length > MAX_IMPORT_CHARS) return { ok: false, errors: [`${file}: file too large: ${req.yaml.length} characters (at most ${MAX_IMPORT_CHARS})`] };
      const parsed = parseScenario(req.yaml, file);
      if (!parsed.ok) return { ok: false, errors: parsed.errors.map(formatScenarioError) };
      return { ok: true, spec: { scenario: parsed.scenario, yaml: req.yaml, file, extraFiles: {}, actions: [] }, timeMs: 0, notices: [] };
    }
    case 'link': {
      const opened = decodeLink(req.fragment);
      if (!opened.ok) return { ok: false, errors: [opened.error] };
      const { value } = opened;
      const spec: SessionSpec = { scenario: opened.scenario, yaml: value.scenario, file: LINK_SCENARIO_FILE, extraFiles: {}, actions: value.actions };
      return { ok: true, spec, timeMs: value.timeMs, notices: opened.notices };
    }
  }
}

/** Builds the session and runs it to `timeMs` (user actions replayed on the way). */
export function buildSession(spec: SessionSpec, timeMs: number, warning?: string): EngineSource {
  const src = new EngineSource(spec, warning);
  return src.seek(timeMs);
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/**
 * Opens `req` completely (parsed, built, run to its moment) or not at all. A scenario that
 * parses can still fail while it runs (an engine bound): that is an error for the user, not
 * a crash of the running session.
 */
export function openSession(req: OpenRequest): { ok: true; source: EngineSource; notices: string[] } | { ok: false; errors: string[] } {
  const opening = prepareOpen(req);
  if (!opening.ok) return opening;
  try {
    return { ok: true, source: buildSession(opening.spec, opening.timeMs), notices: opening.notices };
  } catch (e) {
    return { ok: false, errors: [`the scenario could not be played: ${describe(e)}`] };
  }
}

/**
 * As openSession, but not yet run to its moment: the host runs a link there in slices, with
 * progress, so a long link neither silences the worker nor freezes the page that pasted it.
 */
export function openSessionAt(req: OpenRequest): { ok: true; source: EngineSource; atMs: number; notices: string[] } | { ok: false; errors: string[] } {
  const opening = prepareOpen(req);
  if (!opening.ok) return opening;
  try {
    return { ok: true, source: new EngineSource(opening.spec), atMs: opening.timeMs, notices: opening.notices };
  } catch (e) {
    return { ok: false, errors: [`the scenario could not be played: ${describe(e)}`] };
  }
}

/** The worker's first source: a link when the page has one (falling back to the default), else a built-in. */
export function sourceForHello(hello: HelloMessage): EngineSource {
  if (hello.link === undefined || hello.link === '' || hello.link === '#') return new EngineSource(hello.scenario);
  const opened = openSession({ kind: 'link', fragment: hello.link });
  if (!opened.ok) return new EngineSource(hello.scenario, `${opened.errors.join('\n')}\nOpened the default scenario instead.`);
  if (opened.notices.length === 0) return opened.source;
  // Repairs made on the way in (a position for a node the scenario lacks…) are said once.
  return buildSession(opened.source.spec, opened.source.clock().simTimeMs, opened.notices.join('\n'));
}

/**
 * The worker's first source, not yet run to its moment: the host runs it there in slices
 * (so a long link does not silence the worker) and posts its first snapshot once there.
 */
export function sourceAtForHello(hello: HelloMessage): { source: EngineSource; atMs: number } {
  if (hello.link === undefined || hello.link === '' || hello.link === '#') return { source: new EngineSource(hello.scenario), atMs: 0 };
  const opening = prepareOpen({ kind: 'link', fragment: hello.link });
  if (!opening.ok) return { source: new EngineSource(hello.scenario, `${opening.errors.join('\n')}\nOpened the default scenario instead.`), atMs: 0 };
  try {
    // Repairs made on the way in (a position for a node the scenario lacks…) are said once.
    const notices = opening.notices.length > 0 ? opening.notices.join('\n') : undefined;
    return { source: new EngineSource(opening.spec, notices), atMs: opening.timeMs };
  } catch (e) {
    return { source: new EngineSource(hello.scenario, `the scenario could not be played: ${describe(e)}\nOpened the default scenario instead.`), atMs: 0 };
  }
}
