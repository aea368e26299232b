import { gunzipSync, gzipSync } from 'fflate';
import type { ChartMaintainer, ChartMetadata } from '../chart';
import { HOOK_EVENTS, type HookEvent } from '../manifests';
import { base64Decode, base64Encode, utf8Decode, utf8Encode } from '../template/encoding';
import { fromGoValue, isMap, toGoValue, type GoMap } from '../template/value';
import { parseRfc3339, rfc3339Nano } from './gotime';
import { RELEASE_STATUSES, type ChartFileData, type HookPhase, type Release, type ReleaseHook, type ReleaseStatus } from './release';

/**
 * pkg/storage/driver/util.go: a release is JSON (Go field order, map keys sorted),
 * gzipped at best compression, then base64 — the string stored under `data.release`.
 * Decoding reads untrusted input (anyone may create a labelled Secret): every field is
 * checked, and oversized payloads are refused rather than inflated.
 */

const MAX_ENCODED_CHARS = 8 * 1024 * 1024;
const MAX_INFLATED_BYTES = 32 * 1024 * 1024;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

/** Go's json.Marshal of a map: keys sorted; struct objects keep their field order. */
function sortedJson(v: unknown): Json {
  if (Array.isArray(v)) return v.map(sortedJson);
  if (v === null || v === undefined) return null;
  if (typeof v === 'object') {
    const out: JsonObject = {};
    const entries = Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [k, x] of entries) Object.defineProperty(out, k, { value: sortedJson(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
}

function omitEmpty(o: Record<string, Json | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === '' || v === false || v === 0 || (Array.isArray(v) && v.length === 0)) continue;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return out;
}

function metadataJson(m: ChartMetadata): JsonObject {
  return omitEmpty({
    name: m.name, home: m.home, sources: m.sources ? [...m.sources] : undefined, version: m.version, description: m.description,
    keywords: m.keywords ? [...m.keywords] : undefined,
    maintainers: m.maintainers?.map((x) => omitEmpty({ name: x.name, email: x.email, url: x.url })),
    icon: m.icon, apiVersion: m.apiVersion, appVersion: m.appVersion, deprecated: m.deprecated,
    annotations: m.annotations ? sortedJson(m.annotations) : undefined, kubeVersion: m.kubeVersion, type: m.type,
  });
}

const fileJson = (f: ChartFileData): JsonObject => ({ name: f.name, data: base64Encode(utf8Encode(f.data)) });

function hookJson(h: ReleaseHook): JsonObject {
  const run = h.lastRun;
  return omitEmpty({
    name: h.name, kind: h.kind, path: h.path, manifest: h.manifest, events: [...h.events],
    last_run: { ...omitEmpty({ started_at: run.startedAt === undefined ? undefined : rfc3339Nano(run.startedAt), completed_at: run.completedAt === undefined ? undefined : rfc3339Nano(run.completedAt) }), phase: run.phase ?? '' },
    weight: h.weight, delete_policies: [...h.deletePolicies],
  });
}

/** The release as Helm's JSON. */
export function releaseJson(rel: Release): string {
  const info = omitEmpty({
    first_deployed: rfc3339Nano(rel.info.firstDeployed),
    last_deployed: rfc3339Nano(rel.info.lastDeployed),
  });
  info['deleted'] = rel.info.deleted === undefined ? '' : rfc3339Nano(rel.info.deleted);
  Object.assign(info, omitEmpty({ description: rel.info.description, status: rel.info.status, notes: rel.info.notes }));
  const chart: JsonObject = {
    metadata: metadataJson(rel.chart.metadata),
    lock: null,
    templates: rel.chart.templates.map(fileJson),
    values: sortedJson(fromGoValue(rel.chart.values)),
    schema: null,
    files: rel.chart.files.map(fileJson),
  };
  const body = omitEmpty({
    name: rel.name, info, chart, config: sortedJson(fromGoValue(rel.config)), manifest: rel.manifest,
    hooks: rel.hooks.map(hookJson), version: rel.version, namespace: rel.namespace,
  });
  // encoding/json escapes HTML-significant characters.
  return JSON.stringify(body).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** base64(gzip(JSON)): the value Helm puts in the Secret (Kubernetes base64-encodes it once more). */
export function encodeRelease(rel: Release): string {
  // mtime given explicitly so the bytes never depend on the host clock.
  const gz = gzipSync(utf8Encode(releaseJson(rel)), { level: 9, mtime: '1970-01-01T00:00:00Z' });
  return base64Encode(gz);
}

function inflate(encoded: string): string | undefined {
  if (encoded.length > MAX_ENCODED_CHARS) return undefined;
  const raw = base64Decode(encoded);
  if (!raw.ok) return undefined;
  const b = raw.bytes;
  // Helm accepts plain JSON too (releases written before compression).
  if (b.length < 18 || b[0] !== 0x1f || b[1] !== 0x8b) return utf8Decode(b);
  const size = (b[b.length - 4]! | (b[b.length - 3]! << 8) | (b[b.length - 2]! << 16)) + b[b.length - 1]! * 0x1000000;
  if (size > MAX_INFLATED_BYTES) return undefined;
  try {
    return utf8Decode(gunzipSync(b));
  } catch {
    return undefined;
  }
}

const obj = (v: Json | undefined): JsonObject => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {});
const str = (v: Json | undefined): string => (typeof v === 'string' ? v : '');
const optStr = (v: Json | undefined): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const strList = (v: Json | undefined): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function metadataOf(m: JsonObject): ChartMetadata {
  const maintainers: ChartMaintainer[] | undefined = Array.isArray(m['maintainers'])
    ? m['maintainers'].map((x) => ({ name: str(obj(x)['name']), ...(optStr(obj(x)['email']) ? { email: str(obj(x)['email']) } : {}), ...(optStr(obj(x)['url']) ? { url: str(obj(x)['url']) } : {}) }))
    : undefined;
  const annotations = Object.fromEntries(Object.entries(obj(m['annotations'])).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const optional = {
    appVersion: optStr(m['appVersion']), description: optStr(m['description']), type: optStr(m['type']), kubeVersion: optStr(m['kubeVersion']),
    home: optStr(m['home']), icon: optStr(m['icon']),
    keywords: Array.isArray(m['keywords']) ? strList(m['keywords']) : undefined,
    sources: Array.isArray(m['sources']) ? strList(m['sources']) : undefined,
    maintainers, annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
    deprecated: m['deprecated'] === true ? true : undefined,
  };
  const base: ChartMetadata = { apiVersion: str(m['apiVersion']), name: str(m['name']), version: str(m['version']) };
  return Object.assign(base, Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)));
}

function filesOf(v: Json | undefined): ChartFileData[] {
  if (!Array.isArray(v)) return [];
  return v.map((x) => {
    const data = base64Decode(str(obj(x)['data']));
    return { name: str(obj(x)['name']), data: data.ok ? utf8Decode(data.bytes) : '' };
  });
}

function goMap(v: Json | undefined): GoMap {
  const g = v === undefined ? null : toGoValue(v);
  return isMap(g) ? g : {};
}

const PHASES: readonly HookPhase[] = ['Unknown', 'Running', 'Succeeded', 'Failed'];

function hooksOf(v: Json | undefined): ReleaseHook[] {
  if (!Array.isArray(v)) return [];
  return v.map((x) => {
    const h = obj(x);
    const run = obj(h['last_run']);
    const phase = PHASES.find((p) => p === run['phase']);
    return {
      name: str(h['name']), kind: str(h['kind']), path: str(h['path']), manifest: str(h['manifest']),
      events: strList(h['events']).filter((e): e is HookEvent => (HOOK_EVENTS as readonly string[]).includes(e)),
      weight: typeof h['weight'] === 'number' && Number.isInteger(h['weight']) ? h['weight'] : 0,
      deletePolicies: strList(h['delete_policies']),
      lastRun: { startedAt: parseRfc3339(run['started_at']), completedAt: parseRfc3339(run['completed_at']), ...(phase ? { phase } : {}) },
    };
  });
}

/** The release in a Secret's `release` field as Helm wrote it, or undefined when it is not one. */
export function decodeRelease(encoded: string): Release | undefined {
  const text = inflate(encoded);
  if (text === undefined) return undefined;
  let parsed: Json;
  try {
    parsed = JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
  const r = obj(parsed);
  const info = obj(r['info']);
  const chart = obj(r['chart']);
  const status = RELEASE_STATUSES.find((s): s is ReleaseStatus => s === info['status']);
  const version = r['version'];
  if (str(r['name']) === '' || typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) return undefined;
  return {
    name: str(r['name']),
    namespace: str(r['namespace']),
    version,
    info: {
      firstDeployed: parseRfc3339(info['first_deployed']) ?? 0,
      lastDeployed: parseRfc3339(info['last_deployed']) ?? 0,
      ...(parseRfc3339(info['deleted']) === undefined ? {} : { deleted: parseRfc3339(info['deleted']) }),
      description: str(info['description']),
      status: status ?? 'unknown',
      notes: str(info['notes']),
    },
    chart: { metadata: metadataOf(obj(chart['metadata'])), templates: filesOf(chart['templates']), values: goMap(chart['values']), files: filesOf(chart['files']) },
    config: goMap(r['config']),
    manifest: str(r['manifest']),
    hooks: hooksOf(r['hooks']),
  };
}
