/**
 * Objects reach the API server as parsed, untrusted JSON: a field typed `string[]` may hold
 * a number. Defaulters and validators read through these guards instead of trusting types.
 */

export type Json = Record<string, unknown>;

export function isRecord(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The record at `obj[key]`, or undefined when absent or not a record. */
export function recordAt(obj: unknown, key: string): Json | undefined {
  if (!isRecord(obj)) return undefined;
  const v = obj[key];
  return isRecord(v) ? v : undefined;
}

/** The array at `obj[key]`, or undefined when absent or not an array. */
export function arrayAt(obj: unknown, key: string): unknown[] | undefined {
  if (!isRecord(obj)) return undefined;
  const v = obj[key];
  return Array.isArray(v) ? v : undefined;
}

/** Makes sure `obj[key]` is a record (creating it when absent) and returns it; undefined if it holds something else. */
export function ensureRecord(obj: Json, key: string): Json | undefined {
  const v = obj[key];
  if (v === undefined || v === null) {
    const fresh: Json = {};
    obj[key] = fresh;
    return fresh;
  }
  return isRecord(v) ? v : undefined;
}

/** Sets `obj[key] = value` when the field is absent (null counts as absent, as in Go). */
export function setDefault(obj: Json, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
}

export function isStringMap(v: unknown): v is Record<string, string> {
  return isRecord(v) && Object.values(v).every((x) => typeof x === 'string');
}

export function isInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}
