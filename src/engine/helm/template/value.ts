import { compareStrings } from '../../util/strings';

/**
 * Values as Go templates see them. Helm hands templates `interface{}` data decoded from
 * YAML/JSON, so the model is small: nil, string, float64 (every number from a values file),
 * int (template literals, `--set` integers, results of `len`/`add`/`int`), bool, slices,
 * string-keyed maps, plus a few structs (`.Chart`, `.Capabilities`, `.Files`).
 *
 * float64 is a JS number and int is a JS bigint, so `1` and `1.0` stay distinct the way Go
 * keeps them distinct (`eq 1 1.0` is an error there, `1e+06` prints for a float million).
 */

export type GoValue = null | string | number | bigint | boolean | GoList | GoMap | GoStruct;
export type GoList = GoValue[];
export interface GoMap {
  [key: string]: GoValue;
}

/** A method on a struct (`.Files.Get`, `.Capabilities.APIVersions.Has`). Throws `Error` to fail. */
export type GoMethod = (args: readonly GoValue[]) => GoValue;

export class GoStruct {
  constructor(
    /** Go type name used in error messages (`*chart.Metadata`). */
    readonly typeName: string,
    readonly fields: ReadonlyMap<string, GoValue>,
    readonly methods: ReadonlyMap<string, GoMethod> = new Map(),
    /** What `fmt` prints when the type implements Stringer. */
    readonly text?: string,
  ) {}
}

/** encoding/json name of a struct field as Helm's types tag them (`APIVersion` → `apiVersion`). */
export function jsonFieldName(field: string): string {
  const m = /^([A-Z]+)(?=[A-Z][a-z]|$)/.exec(field);
  if (m && m[1]!.length > 1) return m[1]!.toLowerCase() + field.slice(m[1]!.length);
  return field.charAt(0).toLowerCase() + field.slice(1);
}

export function isMap(v: GoValue | undefined): v is GoMap {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof GoStruct);
}

export function isList(v: GoValue | undefined): v is GoList {
  return Array.isArray(v);
}

/** Own-property lookup: `constructor` or `__proto__` in values are plain keys, never prototype members. */
export function mapGet(m: GoMap, key: string): GoValue | undefined {
  return Object.prototype.hasOwnProperty.call(m, key) ? m[key] : undefined;
}

export function mapHas(m: GoMap, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, key);
}

export function mapSet(m: GoMap, key: string, value: GoValue): void {
  if (key === '__proto__') Object.defineProperty(m, key, { value, enumerable: true, writable: true, configurable: true });
  else m[key] = value;
}

export function mapDelete(m: GoMap, key: string): void {
  if (mapHas(m, key)) delete m[key];
}

/** Keys in Go's sorted order (fmt and `range` sort string keys bytewise). */
export function sortedKeys(m: GoMap): string[] {
  return Object.keys(m).sort(compareStrings);
}


/** text/template's truth: empty string, 0, nil, false, empty slice/map are false; structs are true. */
export function truth(v: GoValue): boolean {
  if (v === null) return false;
  switch (typeof v) {
    case 'string':
      return v.length > 0;
    case 'number':
      return v !== 0;
    case 'bigint':
      return v !== 0n;
    case 'boolean':
      return v;
    default:
      if (Array.isArray(v)) return v.length > 0;
      if (v instanceof GoStruct) return true;
      return Object.keys(v).length > 0;
  }
}

/** `%T`-style type name, as text/template and sprig print it in errors. */
export function goTypeName(v: GoValue): string {
  if (v === null) return '<nil>';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'bigint':
      return 'int';
    case 'boolean':
      return 'bool';
    default:
      if (Array.isArray(v)) return '[]interface {}';
      if (v instanceof GoStruct) return v.typeName;
      return 'map[string]interface {}';
  }
}

/** reflect.Kind name (sprig's kindOf / kindIs). */
export function goKindName(v: GoValue): string {
  if (v === null) return 'invalid';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'bigint':
      return 'int';
    case 'boolean':
      return 'bool';
    default:
      if (Array.isArray(v)) return 'slice';
      if (v instanceof GoStruct) return 'ptr';
      return 'map';
  }
}

/** Deep copy of a value tree (structs are immutable and shared). */
export function cloneValue(v: GoValue): GoValue {
  if (v === null || typeof v !== 'object' || v instanceof GoStruct) return v;
  if (Array.isArray(v)) return v.map(cloneValue);
  const out: GoMap = {};
  for (const k of Object.keys(v)) mapSet(out, k, cloneValue(v[k] ?? null));
  return out;
}

export interface ToGoOptions {
  /** Decode integral numbers as int (bigint) instead of float64. */
  readonly intsAsInt?: boolean;
  readonly maxDepth?: number;
}

/**
 * Converts parsed, untrusted data (YAML/JSON output, release records) into template values.
 * Unknown object kinds become strings; nesting deeper than `maxDepth` is an error.
 */
export function toGoValue(x: unknown, options: ToGoOptions = {}, depth = 0): GoValue {
  const maxDepth = options.maxDepth ?? 200;
  if (depth > maxDepth) throw new Error(`value nested deeper than ${maxDepth} levels`);
  if (x === null || x === undefined) return null;
  switch (typeof x) {
    case 'string':
    case 'boolean':
    case 'bigint':
      return x;
    case 'number':
      return options.intsAsInt && Number.isSafeInteger(x) ? BigInt(x) : x;
    case 'object':
      break;
    default:
      return String(x);
  }
  if (x instanceof GoStruct) return x;
  if (Array.isArray(x)) return x.map((e) => toGoValue(e, options, depth + 1));
  if (x instanceof Date) return Number.isNaN(x.getTime()) ? '' : x.toISOString().replace('.000Z', 'Z');
  if (x instanceof Map) {
    const out: GoMap = {};
    for (const [k, v] of x) mapSet(out, String(k), toGoValue(v, options, depth + 1));
    return out;
  }
  if (x instanceof Set) return [...x].map((e) => toGoValue(e, options, depth + 1));
  if (x instanceof Uint8Array) return String.fromCharCode(...x.subarray(0, 1 << 16));
  const out: GoMap = {};
  for (const [k, v] of Object.entries(x)) mapSet(out, k, toGoValue(v, options, depth + 1));
  return out;
}

/** Plain JSON-shaped data for storage and the API (ints become numbers). */
export function fromGoValue(v: GoValue): unknown {
  if (v === null || typeof v !== 'object') return typeof v === 'bigint' ? Number(v) : v;
  if (Array.isArray(v)) return v.map(fromGoValue);
  if (v instanceof GoStruct) return Object.fromEntries([...v.fields].map(([k, f]) => [k, fromGoValue(f)]));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const f = fromGoValue(v[k] ?? null);
    if (k === '__proto__') Object.defineProperty(out, k, { value: f, enumerable: true, writable: true, configurable: true });
    else out[k] = f;
  }
  return out;
}
