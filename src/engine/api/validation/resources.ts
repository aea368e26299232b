/** Container resource requests and limits: quantity syntax, sign, requests ≤ limits. */
import type { FieldError } from '../status';
import { parseQuantity } from '../../util/quantity';
import { child, invalidValue, key, NON_NEGATIVE, wrongType } from './errors';
import { isRecord } from './shape';

export const QUANTITY_REGEX_MSG = 'must match the regex ^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';

function quantityValue(v: unknown, path: string, errs: FieldError[]): number | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') {
    errs.push(invalidValue(path, v, QUANTITY_REGEX_MSG));
    return undefined;
  }
  const n = parseQuantity(v);
  if (n === undefined) {
    errs.push(invalidValue(path, String(v), QUANTITY_REGEX_MSG));
    return undefined;
  }
  if (n < 0) {
    errs.push(invalidValue(path, String(v), NON_NEGATIVE));
    return undefined;
  }
  return n;
}

function resourceList(list: unknown, path: string, errs: FieldError[]): Map<string, { text: string; value: number }> {
  const out = new Map<string, { text: string; value: number }>();
  if (list === undefined || list === null) return out;
  if (!isRecord(list)) {
    errs.push(wrongType(path, list, 'a map of resource names to quantities'));
    return out;
  }
  for (const name of Object.keys(list).sort()) {
    const v = list[name];
    const value = quantityValue(v, key(path, name), errs);
    if (value !== undefined) out.set(name, { text: String(v), value });
  }
  return out;
}

/** `resources.requests[cpu]: Invalid value: "abc": must match the regex …`, `requests: … must be less than or equal to cpu limit of 1`. */
export function validateResources(resources: unknown, path: string): FieldError[] {
  if (resources === undefined || resources === null) return [];
  if (!isRecord(resources)) return [wrongType(path, resources, 'an object')];
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
