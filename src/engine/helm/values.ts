import { parseSetInto } from './strvals';
import { cloneValue, isMap, mapDelete, mapGet, mapHas, mapSet, type GoMap, type GoValue } from './template/value';
import { parseYaml } from './yaml/parse';

/**
 * Values precedence as Helm applies it: chart defaults ← each `-f` file in order ← each
 * `--set`. User values are merged first (pkg/cli/values), then coalesced onto the chart's
 * defaults (pkg/chartutil/coalesce.go), where a user `null` deletes the default key.
 */

export interface ValueFile {
  /** As the user named it (`-f my-values.yaml`), for error messages. */
  readonly name: string;
  readonly text: string;
}

export interface UserValuesInput {
  readonly files?: readonly ValueFile[];
  readonly sets?: readonly string[];
  /** `--set-string`: merged after `--set`, values kept as strings. */
  readonly setStrings?: readonly string[];
}

export type ValuesResult = { ok: true; values: GoMap } | { ok: false; error: string };

/** pkg/cli/values mergeMaps: b's keys win; maps merge recursively. Returns a new map. */
export function mergeMaps(a: GoMap, b: GoMap): GoMap {
  const out: GoMap = {};
  for (const k of Object.keys(a)) mapSet(out, k, a[k] ?? null);
  for (const k of Object.keys(b)) {
    const bv = b[k] ?? null;
    const av = mapGet(out, k);
    if (isMap(bv) && isMap(av)) mapSet(out, k, mergeMaps(av, bv));
    else mapSet(out, k, bv);
  }
  return out;
}

/** The user-supplied values (`helm get values` shows these): `-f` files merged, then `--set`. */
export function mergeUserValues(input: UserValuesInput): ValuesResult {
  let base: GoMap = {};
  for (const f of input.files ?? []) {
    const r = parseYaml(f.text);
    if (!r.ok) return { ok: false, error: `failed to parse ${f.name}: error converting YAML to JSON: ${r.error}` };
    if (r.value !== null && !isMap(r.value)) return { ok: false, error: `failed to parse ${f.name}: error unmarshaling JSON: json: cannot unmarshal ${Array.isArray(r.value) ? 'array' : 'string'} into Go value of type map[string]interface {}` };
    base = mergeMaps(base, r.value ?? {});
  }
  for (const s of input.sets ?? []) {
    const r = parseSetInto(s, base);
    if (!r.ok) return { ok: false, error: `failed parsing --set data: ${r.error}` };
  }
  for (const s of input.setStrings ?? []) {
    const r = parseSetInto(s, base, true);
    if (!r.ok) return { ok: false, error: `failed parsing --set-string data: ${r.error}` };
  }
  return { ok: true, values: base };
}

/** coalesceTablesFullKey: copies defaults under user values; a user nil removes the key. */
function coalesceTables(dst: GoMap, src: GoMap, warnings: string[], prefix: string): void {
  for (const key of Object.keys(src)) {
    const sv = src[key] ?? null;
    const full = prefix ? `${prefix}.${key}` : key;
    if (!mapHas(dst, key)) {
      mapSet(dst, key, cloneValue(sv));
      continue;
    }
    const dv = dst[key] ?? null;
    if (dv === null) mapDelete(dst, key);
    else if (isMap(sv)) {
      if (isMap(dv)) coalesceTables(dv, sv, warnings, full);
      else warnings.push(`warning: cannot overwrite table with non table for ${full} (${describe(sv)})`);
    } else if (isMap(dv) && sv !== null) {
      warnings.push(`warning: destination for ${full} is a table. Ignoring non-table value (${describe(sv)})`);
    }
  }
}

function describe(v: GoValue): string {
  return isMap(v) ? 'map[…]' : String(v);
}

/**
 * The values templates see: user values laid over the chart defaults (neither input is
 * modified). Returns Helm's coalesce warnings alongside, which Helm prints to stderr.
 */
export function coalesceValues(chartDefaults: GoMap, userValues: GoMap): { values: GoMap; warnings: string[] } {
  const values = cloneValue(userValues);
  const out: GoMap = isMap(values) ? values : {};
  const warnings: string[] = [];
  coalesceTables(out, chartDefaults, warnings, '');
  return { values: out, warnings };
}
