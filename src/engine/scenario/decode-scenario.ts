/** The scenario document: apiVersion/kind, metadata, and spec (seed, cluster, files, steps). */
import { dns1123LabelErrors } from '../api/validation-names';
import { duration, integer, type Issues, list, map, type Segment, string, stringMap } from './checks';
import { decodeCluster } from './decode-cluster';
import { migrate, SCENARIO_KIND } from './migrations';
import { decodeTrafficConfig, type TrafficConfig } from '../traffic';
import { SCENARIO_LIMITS, type Scenario, type ScenarioStep } from './types';

const FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._/-]*$/;

function metadata(issues: Issues, v: unknown): Scenario['metadata'] | undefined {
  const m = map(issues, v, ['metadata'], ['name'], ['title', 'description']);
  if (!m) return undefined;
  const name = string(issues, m.name, ['metadata', 'name'], { maxChars: 63, nonEmpty: true, singleLine: true });
  if (name !== undefined) for (const msg of dns1123LabelErrors(name)) issues.add(['metadata', 'name'], `invalid name: ${msg}`);
  const title = m.title === undefined ? name : string(issues, m.title, ['metadata', 'title'], { maxChars: 200, singleLine: true, nonEmpty: true });
  const description = m.description === undefined ? '' : string(issues, m.description, ['metadata', 'description'], { maxChars: SCENARIO_LIMITS.textChars });
  if (name === undefined || title === undefined || description === undefined) return undefined;
  return { name, title: title.trim(), description: description.trim() };
}

function files(issues: Issues, v: unknown): Record<string, string> | undefined {
  if (v === undefined || v === null) return {};
  const out = stringMap(issues, v, ['spec', 'files'], SCENARIO_LIMITS.files, SCENARIO_LIMITS.bytes);
  if (!out) return undefined;
  let ok = true;
  for (const name of Object.keys(out)) {
    if (!FILE_NAME.test(name) || name.split('/').includes('..') || name.length > 255) {
      issues.add(['spec', 'files', name], 'invalid file name: use letters, digits, ".", "_", "-" and "/" (e.g. web.yaml, charts/values.yaml)', 'key');
      ok = false;
    }
  }
  return ok ? out : undefined;
}

function step(issues: Issues, v: unknown, path: readonly Segment[]): ScenarioStep | undefined {
  const m = map(issues, v, path, ['at', 'run'], ['note']);
  if (!m) return undefined;
  const atMs = m.at === undefined ? undefined : duration(issues, m.at, [...path, 'at'], SCENARIO_LIMITS.atMs);
  const run = m.run === undefined ? undefined : string(issues, m.run, [...path, 'run'], { maxChars: SCENARIO_LIMITS.commandChars, nonEmpty: true, singleLine: true });
  const note = m.note === undefined ? undefined : string(issues, m.note, [...path, 'note'], { maxChars: SCENARIO_LIMITS.textChars, nonEmpty: true });
  if (atMs === undefined || run === undefined || (m.note !== undefined && note === undefined)) return undefined;
  return note === undefined ? { atMs, run: run.trim() } : { atMs, run: run.trim(), note: note.trim() };
}

function steps(issues: Issues, v: unknown): ScenarioStep[] | undefined {
  if (v === undefined || v === null) return [];
  const items = list(issues, v, ['spec', 'steps'], SCENARIO_LIMITS.steps);
  if (!items) return undefined;
  const out = items.map((s, i) => step(issues, s, ['spec', 'steps', i]));
  if (out.some((s) => s === undefined)) return undefined;
  // Steps may be written in any order; they run in time order, ties in file order (sort is stable).
  return (out as ScenarioStep[]).slice().sort((a, b) => a.atMs - b.atMs);
}

/** `spec.traffic`, decoded by the traffic model; each of its errors is reported at spec.traffic. */
function traffic(issues: Issues, v: unknown): TrafficConfig | undefined | false {
  if (v === undefined || v === null) return undefined;
  const r = decodeTrafficConfig(v, 'traffic');
  if (r.ok) return r.config;
  for (const e of r.errors) issues.add(['spec', 'traffic'], e.startsWith('traffic.') ? e.slice('traffic.'.length) : e.replace(/^traffic: /, ''));
  return false;
}

function header(issues: Issues, top: Record<string, unknown>): Record<string, unknown> | undefined {
  const apiVersion = string(issues, top.apiVersion, ['apiVersion'], { maxChars: 100, nonEmpty: true, singleLine: true });
  if (top.kind !== undefined && top.kind !== SCENARIO_KIND) issues.add(['kind'], `must be ${SCENARIO_KIND}, got ${JSON.stringify(top.kind)}`);
  if (apiVersion === undefined) return undefined;
  const migrated = migrate(top, apiVersion);
  if (!migrated.ok) return issues.add(['apiVersion'], migrated.message);
  return migrated.doc;
}

export function decodeScenario(issues: Issues, raw: unknown): Scenario | undefined {
  const top = map(issues, raw, [], ['apiVersion', 'kind', 'metadata', 'spec'], []);
  if (!top) return undefined;
  const doc = header(issues, top);
  if (!doc) return undefined;
  const meta = doc.metadata === undefined ? undefined : metadata(issues, doc.metadata);
  const spec = doc.spec === undefined ? undefined : map(issues, doc.spec, ['spec'], [], ['seed', 'cluster', 'files', 'steps', 'traffic']);
  if (!spec) return undefined;
  const seed = spec.seed === undefined ? 1 : integer(issues, spec.seed, ['spec', 'seed'], 0, 0xffffffff);
  const cluster = decodeCluster(issues, spec.cluster, ['spec', 'cluster']);
  const fileMap = files(issues, spec.files);
  const timeline = steps(issues, spec.steps);
  const load = traffic(issues, spec.traffic);
  if (!meta || seed === undefined || !cluster || !fileMap || !timeline || load === false || issues.list.length > 0) return undefined;
  return { metadata: meta, spec: { seed, cluster, files: fileMap, steps: timeline, ...(load ? { traffic: load } : {}) } };
}
