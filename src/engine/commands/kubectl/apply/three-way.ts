import { deepClone, deepEqual } from '../../../util/clone';

/**
 * kubectl's client-side apply merge, reduced to what Kubernetes objects need:
 * - fields in the new manifest (modified) win;
 * - fields in the last applied manifest (original) but no longer in the new one are removed;
 * - everything else on the live object (current: defaults, status, fields other actors set)
 *   stays, including inside list elements matched by their strategic-merge key
 *   (containers by name, ports by containerPort, …);
 * - other lists are replaced whole, and `null` in the manifest deletes the field.
 */

type Json = unknown;
type JsonMap = Record<string, Json>;

function isMap(v: Json): v is JsonMap {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** x-kubernetes-patch-merge-key of the list fields that have one. */
const MERGE_KEYS: Record<string, readonly string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  volumeDevices: ['devicePath'],
  imagePullSecrets: ['name'],
  hostAliases: ['ip'],
  ownerReferences: ['uid'],
  conditions: ['type'],
  topologySpreadConstraints: ['topologyKey'],
  ports: ['containerPort', 'port'],
  resourceClaims: ['name'],
};

function mergeKeyFor(field: string | undefined, lists: readonly Json[][]): string | undefined {
  if (!field) return undefined;
  const candidates = MERGE_KEYS[field];
  if (!candidates) return undefined;
  const elements = lists.flat();
  if (!elements.every(isMap)) return undefined;
  return candidates.find((k) => elements.every((e) => isMap(e) && e[k] !== undefined));
}

function keyOf(el: Json, key: string): string {
  return isMap(el) ? JSON.stringify(el[key]) : '';
}

function mergeList(field: string | undefined, original: Json, modified: Json[], current: Json): Json {
  if (!Array.isArray(current)) return deepClone(modified);
  const orig = Array.isArray(original) ? original : [];
  const key = mergeKeyFor(field, [modified, current, orig]);
  if (!key) return deepClone(modified);
  const byKey = (list: Json[]): Map<string, Json> => new Map(list.map((e) => [keyOf(e, key), e]));
  const cur = byKey(current);
  const org = byKey(orig);
  const wanted = new Set(modified.map((e) => keyOf(e, key)));
  const out: Json[] = modified.map((e) => {
    const k = keyOf(e, key);
    return threeWayMerge(org.get(k), e, cur.get(k), field);
  });
  for (const e of current) {
    const k = keyOf(e, key);
    if (!wanted.has(k) && !org.has(k)) out.push(deepClone(e));
  }
  return out;
}

/** The object the live one should become. */
export function threeWayMerge(original: Json, modified: Json, current: Json, field?: string): Json {
  if (Array.isArray(modified)) return mergeList(field, original, modified, current);
  if (!isMap(modified) || !isMap(current)) return deepClone(modified);
  const out: JsonMap = deepClone(current);
  const orig = isMap(original) ? original : {};
  for (const [k, v] of Object.entries(modified)) {
    if (v === null) delete out[k];
    else out[k] = threeWayMerge(orig[k], v, current[k], k);
  }
  for (const k of Object.keys(orig)) if (!(k in modified)) delete out[k];
  return out;
}

/** The RFC 7386 merge patch that turns `from` into `to` (empty when they are equal). */
export function mergePatchBetween(from: Json, to: Json): JsonMap {
  const patch: JsonMap = {};
  const a = isMap(from) ? from : {};
  if (!isMap(to)) return patch;
  for (const [k, v] of Object.entries(to)) {
    if (v === undefined || deepEqual(a[k], v)) continue;
    patch[k] = isMap(v) && isMap(a[k]) ? mergePatchBetween(a[k], v) : deepClone(v);
  }
  for (const k of Object.keys(a)) if (a[k] !== undefined && !(k in to)) patch[k] = null;
  return patch;
}
