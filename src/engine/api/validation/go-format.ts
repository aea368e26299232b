/**
 * The API server prints a bad value with Go's `%#v` when it is not a plain scalar, so
 * errors read `map[string]string{"app":"x"}`. These render the shapes validation reports.
 */
import type { LabelSelector, LabelSelectorRequirement } from '../types';
import { isRecord } from './shape';

function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** `map[string]string{"a":"1", "b":"2"}` (keys sorted, as Go prints maps), nil when absent. */
export function goStringMap(m: unknown): string {
  if (!isRecord(m)) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(String(m[k]))}`).join(', ')}}`;
}

/** `[]string{"10.96.0.5"}` */
export function goStringSlice(items: readonly string[]): string {
  return `[]string{${items.map(goQuote).join(', ')}}`;
}

function goRequirement(r: LabelSelectorRequirement): string {
  const values = r.values ? goStringSlice(r.values) : '[]string(nil)';
  return `v1.LabelSelectorRequirement{Key:${goQuote(r.key)}, Operator:${goQuote(r.operator)}, Values:${values}}`;
}

/** `v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}` */
export function goLabelSelector(sel: LabelSelector | undefined): string {
  const exprs = sel?.matchExpressions;
  const exprText = Array.isArray(exprs) ? `[]v1.LabelSelectorRequirement{${exprs.map(goRequirement).join(', ')}}` : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${goStringMap(sel?.matchLabels)}, MatchExpressions:${exprText}}`;
}
