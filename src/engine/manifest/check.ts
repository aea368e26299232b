import { apiVersionOf, resourceForKind, type ResourceInfo } from '../api/resources';
import type { KubeObject, ObjectMeta, OwnerReference } from '../api/types';

/** One decoded object, with the resource it maps to (and its index when it came from a List). */
export interface Checked {
  readonly object: KubeObject;
  readonly resource: ResourceInfo;
  readonly listIndex?: number;
}

export type CheckResult = { ok: true; items: Checked[] } | { ok: false; message: string };

const MAX_DEPTH = 100;

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Rejects what a JSON object from YAML should never carry into the engine. */
function unsafeKey(v: unknown, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return `nesting deeper than ${MAX_DEPTH} levels`;
  if (Array.isArray(v)) {
    for (const x of v) {
      const bad = unsafeKey(x, depth + 1);
      if (bad) return bad;
    }
  } else if (isRecord(v)) {
    for (const k of Object.keys(v)) {
      if (k === '__proto__' || k === 'constructor' || k === 'prototype') return `the key "${k}" is not allowed`;
      const bad = unsafeKey(v[k], depth + 1);
      if (bad) return bad;
    }
  }
  return undefined;
}

function decodeError(source: string, detail: string): CheckResult {
  return { ok: false, message: `error: unable to decode "${source}": ${detail}` };
}

function stringMapError(m: unknown, field: string): string | undefined {
  if (m === undefined || m === null) return undefined;
  if (!isRecord(m)) return `json: cannot unmarshal ${jsonType(m)} into Go struct field ObjectMeta.metadata.${field} of type map[string]string`;
  for (const v of Object.values(m)) {
    if (typeof v !== 'string' && v !== null) return `json: cannot unmarshal ${jsonType(v)} into Go struct field ObjectMeta.metadata.${field} of type string`;
  }
  return undefined;
}

function metadataError(obj: Record<string, unknown>, kind: string): string | undefined {
  const m = obj.metadata;
  if (m === undefined || m === null) return undefined;
  if (!isRecord(m)) return `json: cannot unmarshal ${jsonType(m)} into Go struct field ${kind}.metadata of type v1.ObjectMeta`;
  for (const f of ['name', 'namespace', 'generateName']) {
    const v = m[f];
    if (v !== undefined && v !== null && typeof v !== 'string') return `json: cannot unmarshal ${jsonType(v)} into Go struct field ObjectMeta.metadata.${f} of type string`;
  }
  return stringMapError(m.labels, 'labels') ?? stringMapError(m.annotations, 'annotations');
}

function stringMap(v: unknown): Record<string, string> | undefined {
  if (!isRecord(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) out[k] = typeof x === 'string' ? x : '';
  return out;
}

function ownerReferences(v: unknown): OwnerReference[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.filter(isRecord).map((o) => ({
    apiVersion: String(o.apiVersion ?? ''),
    kind: String(o.kind ?? ''),
    name: String(o.name ?? ''),
    uid: String(o.uid ?? ''),
    ...(typeof o.controller === 'boolean' ? { controller: o.controller } : {}),
    ...(typeof o.blockOwnerDeletion === 'boolean' ? { blockOwnerDeletion: o.blockOwnerDeletion } : {}),
  }));
}

/**
 * The metadata a client may set, rebuilt field by field from decoded data (the string
 * fields were checked above); server-owned fields (uid, creationTimestamp, …) are dropped.
 */
function objectMeta(m: Record<string, unknown>): ObjectMeta {
  const out: ObjectMeta = { name: typeof m.name === 'string' ? m.name : '' };
  if (typeof m.generateName === 'string') out.generateName = m.generateName;
  if (typeof m.namespace === 'string' && m.namespace !== '') out.namespace = m.namespace;
  if (typeof m.resourceVersion === 'string') out.resourceVersion = m.resourceVersion;
  const labels = stringMap(m.labels);
  if (labels) out.labels = labels;
  const annotations = stringMap(m.annotations);
  if (annotations) out.annotations = annotations;
  if (Array.isArray(m.finalizers)) out.finalizers = m.finalizers.map(String);
  const owners = ownerReferences(m.ownerReferences);
  if (owners) out.ownerReferences = owners;
  return out;
}

function checkOne(v: unknown, source: string, listIndex: number | undefined): CheckResult {
  if (!isRecord(v)) return decodeError(source, `json: cannot unmarshal ${jsonType(v)} into Go value of type map[string]interface {}`);
  const unsafe = unsafeKey(v, 0);
  if (unsafe) return decodeError(source, unsafe);
  const missing: string[] = [];
  if (typeof v.apiVersion !== 'string' || v.apiVersion === '') missing.push('apiVersion not set');
  if (typeof v.kind !== 'string' || v.kind === '') missing.push('kind not set');
  if (missing.length > 0) {
    const what = missing.length > 1 ? `[${missing.join(', ')}]` : missing[0];
    return { ok: false, message: `error: error validating "${source}": error validating data: ${what}; if you choose to ignore these errors, turn validation off with --validate=false` };
  }
  const kind = String(v.kind);
  const apiVersion = String(v.apiVersion);
  const metaErr = metadataError(v, kind);
  if (metaErr) return decodeError(source, metaErr);
  const r = resourceForKind(kind);
  if (!r || apiVersionOf(r) !== apiVersion) {
    const meta = isRecord(v.metadata) ? v.metadata : {};
    const name = typeof meta.name === 'string' ? meta.name : '';
    const ns = typeof meta.namespace === 'string' ? meta.namespace : '';
    return { ok: false, message: `error: resource mapping not found for name: "${name}" namespace: "${ns}" from "${source}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first` };
  }
  const object: KubeObject = { ...v, apiVersion, kind, metadata: objectMeta(isRecord(v.metadata) ? v.metadata : {}) };
  return { ok: true, items: [{ object, resource: r, ...(listIndex === undefined ? {} : { listIndex }) }] };
}

/** Decodes one YAML document's value into objects (a `kind: List` into its items). */
export function checkObject(v: unknown, source: string): CheckResult {
  if (isRecord(v) && v.kind === 'List' && typeof v.apiVersion === 'string') {
    if (!Array.isArray(v.items)) return decodeError(source, `json: cannot unmarshal ${jsonType(v.items)} into Go struct field List.items of type []runtime.RawExtension`);
    const items: Checked[] = [];
    for (let i = 0; i < v.items.length; i++) {
      const r = checkOne(v.items[i], source, i);
      if (!r.ok) return r;
      items.push(...r.items);
    }
    return { ok: true, items };
  }
  return checkOne(v, source, undefined);
}
