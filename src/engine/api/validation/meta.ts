/** Label, annotation and qualified-name syntax (k8s.io/apimachinery/pkg/util/validation). */
import type { FieldError } from '../status';
import type { KubeObject } from '../types';
import { child, invalidValue, tooLong, wrongType } from './errors';
import { isRecord } from './shape';
import { dns1123SubdomainErrors } from '../validation-names';
import { deepEqual } from '../../util/clone';

const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QUALIFIED_NAME = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const LABEL_VALUE = new RegExp(`^(${QUALIFIED_NAME_FMT})?$`);
const QUALIFIED_NAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const TOTAL_ANNOTATION_BYTES = 256 * 1024;

/** Whether `value` is a qualified name, without building the reasons (every label and toleration key of every create comes here). */
function isQualifiedName(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash < 0) return value !== '' && value.length <= 63 && QUALIFIED_NAME.test(value);
  if (slash === 0 || value.indexOf('/', slash + 1) >= 0) return false;
  const name = value.slice(slash + 1);
  return name !== '' && name.length <= 63 && QUALIFIED_NAME.test(name) && dns1123SubdomainErrors(value.slice(0, slash)).length === 0;
}

function isLabelValue(value: string): boolean {
  return value.length <= 63 && LABEL_VALUE.test(value);
}

/** Reasons `value` is not a qualified name (`example.com/MyName`, `app`). */
export function qualifiedNameErrors(value: string): string[] {
  if (isQualifiedName(value)) return [];
  const parts = value.split('/');
  if (parts.length > 2) {
    return [`a qualified name ${QUALIFIED_NAME_MSG} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  const errs: string[] = [];
  const name = parts.length === 2 ? parts[1]! : parts[0]!;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (prefix === '') errs.push('prefix part must be non-empty');
    else for (const m of dns1123SubdomainErrors(prefix)) errs.push(`prefix part ${m}`);
  }
  if (name === '') errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (!QUALIFIED_NAME.test(name)) errs.push(`name part ${QUALIFIED_NAME_MSG}`);
  return errs;
}

export function labelValueErrors(value: string): string[] {
  if (isLabelValue(value)) return [];
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!LABEL_VALUE.test(value)) errs.push(LABEL_VALUE_MSG);
  return errs;
}

/** A label map (metadata.labels, spec.selector, nodeSelector): every key and value checked at `path`. */
export function validateLabels(labels: unknown, path: string): FieldError[] {
  if (labels === undefined || labels === null) return [];
  if (!isRecord(labels)) return [wrongType(path, labels, 'a map of string keys to string values')];
  const errs: FieldError[] = [];
  for (const k of Object.keys(labels)) {
    const v = labels[k];
    // The common case, a valid label, builds nothing.
    if (typeof v === 'string' && isQualifiedName(k) && isLabelValue(v)) continue;
    for (const m of qualifiedNameErrors(k)) errs.push(invalidValue(path, k, m));
    if (typeof v !== 'string') errs.push(wrongType(path, v, 'a string'));
    else for (const m of labelValueErrors(v)) errs.push(invalidValue(path, v, m));
  }
  return errs;
}

export function validateAnnotations(annotations: unknown, path: string): FieldError[] {
  if (annotations === undefined || annotations === null) return [];
  if (!isRecord(annotations)) return [wrongType(path, annotations, 'a map of string keys to string values')];
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations)) {
    for (const m of qualifiedNameErrors(k.toLowerCase())) errs.push(invalidValue(path, k, m));
    if (typeof v !== 'string') errs.push(wrongType(path, v, 'a string'));
    else total += k.length + v.length;
  }
  if (total > TOTAL_ANNOTATION_BYTES) errs.push(tooLong(path, `must have at most ${TOTAL_ANNOTATION_BYTES} bytes`));
  return errs;
}

/** metadata.labels and metadata.annotations of any object; skipped when unchanged by an update. */
export function validateObjectMeta(obj: KubeObject, old: KubeObject | undefined, path = 'metadata'): FieldError[] {
  const m = obj.metadata;
  const errs: FieldError[] = [];
  // Absent maps have nothing to check: no field path is built for them (Events carry none).
  if (m.labels != null && (!old || !deepEqual(m.labels, old.metadata.labels))) errs.push(...validateLabels(m.labels, child(path, 'labels')));
  if (m.annotations != null && (!old || !deepEqual(m.annotations, old.metadata.annotations))) errs.push(...validateAnnotations(m.annotations, child(path, 'annotations')));
  return errs;
}
