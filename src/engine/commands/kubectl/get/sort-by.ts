import type { KubeObject } from '../../../api/types';
import { parseTimestamp } from '../../../sim/time';
import { fail } from '../../invocation';
import { evalPath, parsePath } from './jsonpath';

function compare(a: unknown, b: unknown): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const sa = typeof a === 'string' ? a : JSON.stringify(a);
  const sb = typeof b === 'string' ? b : JSON.stringify(b);
  const ta = parseTimestamp(sa);
  const tb = parseTimestamp(sb);
  if (ta !== undefined && tb !== undefined && /^\d{4}-\d{2}-\d{2}T/.test(sa) && /^\d{4}-\d{2}-\d{2}T/.test(sb)) return ta - tb;
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * `--sort-by=.lastTimestamp` / `{.metadata.name}`: a stable sort on the value at a path
 * (numbers numerically, RFC 3339 timestamps in time order, the rest as strings).
 */
export function sortByPath(items: readonly KubeObject[], expr: string): KubeObject[] {
  const path = parsePath(expr.startsWith('{') ? expr : `{${expr}}`);
  const keyed = items.map((obj, i) => ({ obj, i, key: evalPath(path, obj)[0] }));
  if (items.length > 0 && keyed.every((k) => k.key === undefined)) {
    fail(`error: couldn't find any field with path "${expr.startsWith('{') ? expr : `{${expr}}`}" in the list of objects`);
  }
  keyed.sort((x, y) => compare(x.key, y.key) || x.i - y.i);
  return keyed.map((k) => k.obj);
}
