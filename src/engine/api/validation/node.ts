/** Node, Namespace and PriorityClass: the cluster-scoped kinds with rules beyond their name. */
import type { FieldError } from '../status';
import type { KubeObject } from '../types';
import { forbiddenField, invalidValue, required } from './errors';
import { isInteger, isRecord } from './shape';
import { validateTaints } from './taints';
import { specToCheck } from './workloads';

export function validateNode(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const spec = specToCheck(obj, old, errs);
  if (!spec) return errs;
  errs.push(...validateTaints(spec.taints, 'spec.taints'));
  return errs;
}

const HIGHEST_USER_PRIORITY = 1_000_000_000;
const SYSTEM_CLASSES = new Set(['system-cluster-critical', 'system-node-critical']);

export function validatePriorityClass(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = [];
  specToCheck(obj, old, errs);
  const value = obj.value;
  if (!isInteger(value)) errs.push(value === undefined ? required('value') : invalidValue('value', value, 'must be an integer'));
  else if (value > HIGHEST_USER_PRIORITY && !SYSTEM_CLASSES.has(obj.metadata.name)) {
    errs.push(forbiddenField('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_PRIORITY}`));
  }
  if (old && isRecord(old) && old.value !== value) errs.push(forbiddenField('value', 'may not be changed in an update.'));
  return errs;
}
