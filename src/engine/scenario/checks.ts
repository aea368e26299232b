/**
 * Small typed readers over untrusted plain data: each returns the value when it is right and
 * otherwise records an issue at its path (every issue, not just the first) and returns undefined.
 */
import { parseDuration } from '../sim/time';

export type Segment = string | number;

export interface Issue {
  readonly path: readonly Segment[];
  readonly message: string;
  /** Point at the key (unknown field) or at the value (everything else). */
  readonly at: 'value' | 'key';
}

export class Issues {
  readonly list: Issue[] = [];

  add(path: readonly Segment[], message: string, at: Issue['at'] = 'value'): undefined {
    this.list.push({ path, message, at });
    return undefined;
  }
}

export type Json = Record<string, unknown>;

export function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v === 'number' ? 'the number' : 'the boolean'} ${String(v)}`;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `spec.steps[2].at`, `spec.files["web.yaml"]` */
export function formatPath(path: readonly Segment[]): string {
  let out = '';
  for (const s of path) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (IDENT.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** A map with exactly the known fields; unknown ones and missing required ones are reported. */
export function map(issues: Issues, v: unknown, path: readonly Segment[], required: readonly string[], optional: readonly string[]): Json | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return issues.add(path, `expected a map, got ${describe(v)}`);
  const obj = v as Json;
  const known = [...required, ...optional];
  for (const k of Object.keys(obj)) {
    if (!known.includes(k)) issues.add([...path, k], `unknown field; expected one of: ${known.join(', ')}`, 'key');
  }
  for (const k of required) if (obj[k] === undefined || obj[k] === null) issues.add(path, `missing required field "${k}"`);
  return obj;
}

export function list(issues: Issues, v: unknown, path: readonly Segment[], max: number): unknown[] | undefined {
  if (!Array.isArray(v)) return issues.add(path, `expected a list, got ${describe(v)}`);
  if (v.length > max) return issues.add(path, `too many entries: ${v.length} (at most ${max})`);
  return v;
}

export interface StringRules {
  readonly maxChars: number;
  readonly singleLine?: boolean;
  readonly nonEmpty?: boolean;
}

export function string(issues: Issues, v: unknown, path: readonly Segment[], rules: StringRules): string | undefined {
  if (typeof v !== 'string') return issues.add(path, `expected a string, got ${describe(v)}`);
  if (rules.nonEmpty && v.trim() === '') return issues.add(path, 'must not be empty');
  if (v.length > rules.maxChars) return issues.add(path, `too long: ${v.length} characters (at most ${rules.maxChars})`);
  if (rules.singleLine && /[\r\n]/.test(v.trim())) return issues.add(path, 'must be a single line');
  return v;
}

export function integer(issues: Issues, v: unknown, path: readonly Segment[], min: number, max: number): number | undefined {
  if (typeof v !== 'number' || !Number.isInteger(v)) return issues.add(path, `expected an integer, got ${describe(v)}`);
  if (v < min || v > max) return issues.add(path, `must be between ${min} and ${max}, got ${v}`);
  return v;
}

export function oneOf<T extends string | number>(issues: Issues, v: unknown, path: readonly Segment[], allowed: readonly T[]): T | undefined {
  if (allowed.includes(v as T)) return v as T;
  const shown = allowed.map((a) => (typeof a === 'string' ? a : String(a)));
  const last = shown.pop();
  return issues.add(path, `must be ${shown.length ? `${shown.join(', ')} or ${last}` : last}, got ${describe(v)}`);
}

/** `90s`, `1m30s`, `2h`, `500ms` (or the number 0) → milliseconds. */
export function duration(issues: Issues, v: unknown, path: readonly Segment[], maxMs: number): number | undefined {
  const ms = typeof v === 'string' ? parseDuration(v) : v === 0 ? 0 : undefined;
  if (ms === undefined) {
    const shown = typeof v === 'string' ? JSON.stringify(v) : describe(v);
    return issues.add(path, `invalid duration ${shown}: use a number and a unit, e.g. 90s, 1m30s, 2h`);
  }
  if (ms > maxMs) return issues.add(path, `${String(v)} is too late: at most ${maxMs / 3_600_000}h`);
  return ms;
}

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A map of strings to strings (labels, files). */
export function stringMap(issues: Issues, v: unknown, path: readonly Segment[], maxEntries: number, maxChars: number): Record<string, string> | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return issues.add(path, `expected a map, got ${describe(v)}`);
  const entries = Object.entries(v as Json);
  if (entries.length > maxEntries) return issues.add(path, `too many entries: ${entries.length} (at most ${maxEntries})`);
  const out: Record<string, string> = {};
  let ok = true;
  for (const [k, val] of entries) {
    if (RESERVED_KEYS.has(k)) {
      issues.add([...path, k], 'reserved name, not allowed as a key', 'key');
      ok = false;
      continue;
    }
    const s = string(issues, val, [...path, k], { maxChars });
    if (s === undefined) ok = false;
    else out[k] = s;
  }
  return ok ? out : undefined;
}
