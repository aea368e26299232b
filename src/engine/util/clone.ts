/** Deep copy of JSON-shaped data. Faster than structuredClone for small objects. */
export function deepClone<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(deepClone) as T;
  const out: Record<string, unknown> = {};
  for (const k in value as Record<string, unknown>) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = deepClone(v);
  }
  return out as T;
}

/**
 * `{ ...obj, [key]: value }` without `omit`: a shallow copy with `key` set (in place when
 * present, else last) and `omit` left out. Copied key by key on purpose: V8 gives every
 * object made by a spread that adds a new key a hidden class of its own (a map and a
 * descriptor array, ~350 bytes kept per object, and every read of it megamorphic), where
 * copies built up from an empty literal share one chain of classes.
 */
export function withKey<T extends object, K extends keyof T & string>(obj: T, key: K, value: T[K], omit?: keyof T & string): T {
  const src = obj as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k in src) if (k !== omit) out[k] = k === key ? value : src[k];
  if (!(key in out)) out[key] = value;
  return out as T;
}

/** Structural equality of JSON-shaped data (undefined-valued keys count as absent). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bb[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let na = 0;
  for (const k in ao) {
    if (ao[k] === undefined) continue;
    na++;
    if (!deepEqual(ao[k], bo[k])) return false;
  }
  let nb = 0;
  for (const k in bo) if (bo[k] !== undefined) nb++;
  return na === nb;
}

/** Recursively freezes JSON-shaped data (debug mode: catches components mutating shared objects). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

/** Stable JSON (sorted keys), for hashing and byte-identical logs. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`).join(',')}}`;
}

/** FNV-1a 32-bit over a string (UTF-16 code units folded to bytes). */
export function fnv32a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h ^= c & 0xff;
    h = Math.imul(h, 0x01000193) >>> 0;
    if (c > 0xff) {
      h ^= c >>> 8;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return h >>> 0;
}
