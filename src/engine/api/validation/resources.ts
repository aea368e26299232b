/** Container resource requests and limits: quantity syntax, sign, requests ≤ limits. */
import type { FieldError } from '../status';
import { parseQuantity } from '../../util/quantity';
import { child, invalidValue, key, NON_NEGATIVE, wrongType } from './errors';
import { isRecord } from './shape';

export const QUANTITY_REGEX_MSG = 'must match the regex ^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';

/** The quantity at `path[name]`; the field path is only built for an error (every pod create comes here). */
function quantityValue(v: unknown, path: string, name: string, errs: FieldError[]): number | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') {
    errs.push(invalidValue(key(path, name), v, QUANTITY_REGEX_MSG));
    return undefined;
  }
  const n = parseQuantity(v);
  if (n === undefined) {
    errs.push(invalidValue(key(path, name), String(v), QUANTITY_REGEX_MSG));
    return undefined;
  }
  if (n < 0) {
    errs.push(invalidValue(key(path, name), String(v), NON_NEGATIVE));
    return undefined;
  }
  return n;
}

/** Object.keys(o).sort(), without the sort when they come in order already (`cpu`, `memory`). */
function sortedKeys(o: Record<string, unknown>): string[] {
  const keys = Object.keys(o);
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) return keys.sort();
  }
  return keys;
}

function resourceList(list: unknown, path: string, errs: FieldError[]): Map<string, { text: string; value: number }> {
  const out = new Map<string, { text: string; value: number }>();
  if (list === undefined || list === null) return out;
  if (!isRecord(list)) {
    errs.push(wrongType(path, list, 'a map of resource names to quantities'));
    return out;
  }
  for (const name of sortedKeys(list)) {
    const v = list[name];
    const value = quantityValue(v, path, name, errs);
    if (value !== undefined) out.set(name, { text: String(v), value });
  }
  return out;
}

/**
 * The usual container (requests, no limits, every request a non-negative quantity), checked
 * without building field paths or lists: it has no errors.
 */
function plainRequests(resources: Record<string, unknown>): boolean {
  if (resources.limits !== undefined && resources.limits !== null) return false;
  const requests = resources.requests;
  if (requests === undefined || requests === null) return true;
  if (!isRecord(requests)) return false;
  for (const name in requests) {
    const v = requests[name];
    if (typeof v !== 'string' && typeof v !== 'number') return false;
    const n = parseQuantity(v);
    if (n === undefined || n < 0) return false;
  }
  return true;
}

/** `resources.requests[cpu]: Invalid value: "abc": must match the regex …`, `requests: … must be less than or equal to cpu limit of 1`. */
export function validateResources(resources: unknown, path: string): FieldError[] {
  if (resources === undefined || resources === null) return [];
  if (!isRecord(resources)) return [wrongType(path, resources, 'an object')];
  if (plainRequests(resources)) return [];
  const errs: FieldError[] = [];
  const reqPath = child(path, 'requests');
  const limits = resourceList(resources.limits, child(path, 'limits'), errs);
  const requests = resourceList(resources.requests, reqPath, errs);
  for (const [name, req] of requests) {
    const lim = limits.get(name);
    if (lim && req.value > lim.value) errs.push(invalidValue(reqPath, req.text, `must be less than or equal to ${name} limit of ${lim.text}`));
  }
  return errs;
}
