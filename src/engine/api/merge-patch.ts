/**
 * RFC 7386 JSON merge patch: objects merge recursively, null deletes, anything else replaces.
 * The result is built key by key from an empty object (the target's keys in order, then the
 * patch's new ones), as a spread followed by assignments and deletes would order them: a
 * spread that then gains keys gets a hidden class of its own, and a delete makes a dictionary.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return structuredCloneJson(patch);
  const p = patch as Record<string, unknown>;
  const t: Record<string, unknown> = target !== null && typeof target === 'object' && !Array.isArray(target) ? (target as Record<string, unknown>) : {};
  if (hasOwn(t, '__proto__') || hasOwn(p, '__proto__')) return spreadMerge(t, p);
  const base: Record<string, unknown> = {};
  for (const k of Object.keys(t)) {
    if (!hasOwn(p, k)) base[k] = t[k];
    else if (p[k] !== null) base[k] = mergePatch(t[k], p[k]);
  }
  for (const k of Object.keys(p)) {
    if (!hasOwn(t, k) && p[k] !== null) base[k] = mergePatch(undefined, p[k]);
  }
  return base;
}

/** The spread form, kept for the odd object with an own `__proto__` key (a spread defines it, an assignment would set the prototype). */
function spreadMerge(t: Record<string, unknown>, p: Record<string, unknown>): Record<string, unknown> {
  const base: Record<string, unknown> = { ...t };
  for (const [k, v] of Object.entries(p)) {
    if (v === null) delete base[k];
    else base[k] = mergePatch(base[k], v);
  }
  return base;
}

function hasOwn(o: Record<string, unknown>, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

function structuredCloneJson(v: unknown): unknown {
  return v === undefined ? undefined : jsonCopy(v);
}

/**
 * JSON.parse(JSON.stringify(v)) without the text in between (node status patches carry
 * arrays of conditions and images every report): the same result for plain data (non-finite
 * numbers become null, -0 becomes 0, undefined array items null, undefined object values dropped); anything
 * else (toJSON, class instances, a `__proto__` key, bigint) takes the round trip itself.
 */
function jsonCopy(v: unknown, depth = 0): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? (v === 0 ? 0 : v) : null; // -0 prints as 0
  if (typeof v !== 'object' || depth > 100) return JSON.parse(JSON.stringify(v)) as unknown;
  if (Array.isArray(v)) {
    const out: unknown[] = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) {
      const item: unknown = v[i];
      out[i] = item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : jsonCopy(item, depth + 1);
    }
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(v);
  if ((proto !== Object.prototype && proto !== null) || typeof (v as { toJSON?: unknown }).toJSON === 'function') return JSON.parse(JSON.stringify(v)) as unknown;
  const src = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(src)) {
    const item = src[k];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    if (k === '__proto__') return JSON.parse(JSON.stringify(v)) as unknown;
    out[k] = jsonCopy(item, depth + 1);
  }
  return out;
}
