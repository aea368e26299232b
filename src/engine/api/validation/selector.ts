/** metav1.LabelSelector validation and the selector ↔ template labels check of every workload. */
import type { FieldError } from '../status';
import type { LabelSelector } from '../types';
import { selectorMatches } from '../../util/labels';
import { deepEqual } from '../../util/clone';
import { child, forbiddenField, index, invalidValue, required, wrongType } from './errors';
import { goLabelSelector, goStringMap } from './go-format';
import { qualifiedNameErrors, validateLabels } from './meta';
import { isRecord } from './shape';

function validateRequirement(r: unknown, at: string): FieldError[] {
  if (!isRecord(r)) return [wrongType(at, r, 'an object')];
  const errs: FieldError[] = [];
  const values = Array.isArray(r.values) ? r.values : [];
  if (r.operator === 'In' || r.operator === 'NotIn') {
    if (values.length === 0) errs.push(required(child(at, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
  } else if (r.operator === 'Exists' || r.operator === 'DoesNotExist') {
    if (values.length > 0) errs.push(forbiddenField(child(at, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
  } else {
    errs.push(invalidValue(child(at, 'operator'), r.operator, 'not a valid selector operator'));
  }
  const key = typeof r.key === 'string' ? r.key : '';
  for (const m of qualifiedNameErrors(key)) errs.push(invalidValue(child(at, 'key'), key, m));
  return errs;
}

/** A well-formed selector or undefined (after reporting why) — only well-formed ones are matched. */
export function validateLabelSelector(sel: unknown, path: string, errs: FieldError[]): LabelSelector | undefined {
  if (!isRecord(sel)) {
    errs.push(wrongType(path, sel, 'an object'));
    return undefined;
  }
  const before = errs.length;
  errs.push(...validateLabels(sel.matchLabels, child(path, 'matchLabels')));
  const exprs = sel.matchExpressions;
  if (exprs !== undefined && exprs !== null) {
    if (!Array.isArray(exprs)) errs.push(wrongType(child(path, 'matchExpressions'), exprs, 'a list'));
    else exprs.forEach((r: unknown, i) => errs.push(...validateRequirement(r, index(child(path, 'matchExpressions'), i))));
  }
  return errs.length === before ? (sel as LabelSelector) : undefined;
}

function isEmptySelector(sel: LabelSelector): boolean {
  return Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0;
}

/**
 * `spec.selector` of a ReplicaSet-like workload (Deployment, ReplicaSet, DaemonSet, StatefulSet):
 * required, non-empty, and matching the template's labels. A missing selector matches nothing,
 * so the template labels are reported too, as the API server does.
 */
export function validateWorkloadSelector(spec: Record<string, unknown>, path: string, kindLower: string, templateLabels: unknown): FieldError[] {
  const errs: FieldError[] = [];
  const selPath = child(path, 'selector');
  const labelsPath = `${child(path, 'template')}.metadata.labels`;
  const raw = spec.selector;
  if (raw === undefined || raw === null) {
    errs.push(required(selPath));
    errs.push(invalidValue(labelsPath, templateLabels, '`selector` does not match template `labels`', goStringMap(templateLabels)));
    return errs;
  }
  const sel = validateLabelSelector(raw, selPath, errs);
  if (!sel) return errs;
  if (isEmptySelector(sel)) {
    errs.push(invalidValue(selPath, sel, `empty selector is invalid for ${kindLower}`, goLabelSelector(sel)));
    return errs;
  }
  const labels = isRecord(templateLabels) ? (templateLabels as Record<string, string>) : undefined;
  if (!selectorMatches(sel, labels)) {
    errs.push(invalidValue(labelsPath, templateLabels, '`selector` does not match template `labels`', goStringMap(templateLabels)));
  }
  return errs;
}

/** `spec.selector: Invalid value: v1.LabelSelector{…}: field is immutable` */
export function immutableSelector(now: unknown, before: unknown, path: string): FieldError[] {
  if (deepEqual(now, before)) return [];
  return [invalidValue(path, now, 'field is immutable', goLabelSelector(isRecord(now) ? (now as LabelSelector) : undefined))];
}
