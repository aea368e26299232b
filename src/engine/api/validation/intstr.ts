/** IntOrString fields (maxSurge, maxUnavailable): non-negative ints or `N%` strings. */
import type { FieldError } from '../status';
import { invalidValue, NON_NEGATIVE, wrongType } from './errors';

const PERCENT_MSG = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** Go's `%#v` of an intstr.IntOrString, which the API server prints for these fields. */
export function goIntOrString(v: number | string): string {
  return typeof v === 'number' ? `intstr.IntOrString{Type:0, IntVal:${v}, StrVal:""}` : `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}`;
}

export function validateIntOrPercent(v: unknown, path: string): FieldError[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? [] : [invalidValue(path, v, NON_NEGATIVE)];
  if (typeof v !== 'string') return [wrongType(path, v, 'an integer or a percentage')];
  return /^[0-9]+%$/.test(v) ? [] : [invalidValue(path, v, PERCENT_MSG, goIntOrString(v))];
}

/** The integer or percentage number; 0 for anything malformed (already reported). */
export function intOrPercentValue(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^[0-9]+%$/.test(v)) return Number(v.slice(0, -1));
  return 0;
}

export function notMoreThan100Percent(v: unknown, path: string): FieldError[] {
  if (typeof v !== 'string' || !/^[0-9]+%$/.test(v) || intOrPercentValue(v) <= 100) return [];
  return [invalidValue(path, v, 'must not be greater than 100%', goIntOrString(v))];
}

/** maxUnavailable / maxSurge pair of a rolling update at `path`. */
export function validateRollingUpdate(ru: Record<string, unknown>, path: string): FieldError[] {
  const errs = [...validateIntOrPercent(ru.maxUnavailable, `${path}.maxUnavailable`), ...validateIntOrPercent(ru.maxSurge, `${path}.maxSurge`)];
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
    const mu = typeof ru.maxUnavailable === 'string' ? ru.maxUnavailable : 0;
    errs.push(invalidValue(`${path}.maxUnavailable`, mu, 'may not be 0 when `maxSurge` is 0', goIntOrString(mu)));
  }
  errs.push(...notMoreThan100Percent(ru.maxUnavailable, `${path}.maxUnavailable`));
  return errs;
}
