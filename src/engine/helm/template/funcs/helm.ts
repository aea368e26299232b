import { marshalJson } from '../../yaml/json';
import { marshalYaml } from '../../yaml/emit';
import { parseYaml } from '../../yaml/parse';
import { FuncError } from '../errors';
import { isMap, toGoValue, type GoMap, type GoValue } from '../value';
import { def, type GoFunc } from './types';

/** Helm's own template functions (pkg/engine/funcs.go) plus its `include`/`tpl`/`required`/`fail`. */

function str(v: GoValue | undefined): string {
  return typeof v === 'string' ? v : '';
}

function toYaml(v: GoValue): string {
  try {
    return marshalYaml(v).replace(/\n$/, '');
  } catch {
    return ''; // Helm swallows marshal errors inside templates
  }
}

function toJson(v: GoValue, escapeHTML: boolean): string {
  try {
    return marshalJson(v, escapeHTML);
  } catch {
    return '';
  }
}

function errorMap(message: string): GoMap {
  return { Error: message };
}

function fromYaml(s: string): GoValue {
  const r = parseYaml(s);
  if (!r.ok) return errorMap(`error converting YAML to JSON: ${r.error}`);
  if (r.value === null) return {};
  if (!isMap(r.value)) return errorMap(`error unmarshaling JSON: json: cannot unmarshal ${Array.isArray(r.value) ? 'array' : typeof r.value === 'string' ? 'string' : 'number'} into Go value of type map[string]interface {}`);
  return r.value;
}

function fromYamlArray(s: string): GoValue {
  const r = parseYaml(s);
  if (!r.ok) return [`error converting YAML to JSON: ${r.error}`];
  if (r.value === null) return [];
  if (!Array.isArray(r.value)) return [`error unmarshaling JSON: json: cannot unmarshal object into Go value of type []interface {}`];
  return r.value;
}

function fromJson(s: string, array: boolean): GoValue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(s);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return array ? [msg] : errorMap(msg);
  }
  const v = toGoValue(parsed);
  if (array) return Array.isArray(v) ? v : ['json: cannot unmarshal object into Go value of type []interface {}'];
  return isMap(v) ? v : errorMap('json: cannot unmarshal into Go value of type map[string]interface {}');
}

/** `required` and `fail` errors: Helm lifts the message out as `execution error at (…): message`. */
function fail(message: string): never {
  throw new FuncError(message, message);
}

export const HELM_FUNCS: ReadonlyMap<string, GoFunc> = new Map<string, GoFunc>([
  ['toYaml', def(['any'], ([v]) => toYaml(v ?? null))],
  ['mustToYaml', def(['any'], ([v]) => marshalYaml(v ?? null).replace(/\n$/, ''))],
  ['fromYaml', def(['string'], ([s]) => fromYaml(str(s)))],
  ['fromYamlArray', def(['string'], ([s]) => fromYamlArray(str(s)))],
  ['toJson', def(['any'], ([v]) => toJson(v ?? null, true))],
  ['mustToJson', def(['any'], ([v]) => marshalJson(v ?? null, true))],
  ['toRawJson', def(['any'], ([v]) => toJson(v ?? null, false))],
  ['fromJson', def(['string'], ([s]) => fromJson(str(s), false))],
  ['fromJsonArray', def(['string'], ([s]) => fromJson(str(s), true))],
  ['include', def(['string', 'any'], ([name, data], ctx) => ctx.includeTemplate(str(name), data ?? null))],
  ['tpl', def(['string', 'map'], ([text, data], ctx) => ctx.renderString(str(text), data ?? null))],
  ['required', def(['string', 'any'], ([msg, v]) => (v === null || v === undefined || v === '' ? fail(str(msg)) : v))],
  ['fail', def(['string'], ([msg]) => fail(str(msg)))],
  // `helm template` and dry runs have no cluster to ask: lookup returns an empty map.
  ['lookup', def(['string', 'string', 'string', 'string'], () => ({}))],
]);
