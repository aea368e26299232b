/** Pod create and update validation, including which spec fields an update may touch. */
import type { FieldError } from '../status';
import type { KubeObject } from '../types';
import { deepClone, deepEqual } from '../../util/clone';
import { forbiddenField, invalidValue } from './errors';
import { validateObjectMeta } from './meta';
import { validatePodSpec } from './pod-spec';
import { arrayAt, isInteger, isRecord, type Json } from './shape';

export const POD_UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function keepImages(munged: Json, old: Json, field: string): void {
  const now = arrayAt(munged, field);
  const before = arrayAt(old, field);
  if (!now || !before || now.length !== before.length) return;
  now.forEach((c, i) => {
    const prev = before[i];
    if (isRecord(c) && isRecord(prev)) c.image = prev.image;
  });
}

function deadlineErrors(now: unknown, before: unknown): FieldError[] {
  const path = 'spec.activeDeadlineSeconds';
  if (now === undefined || now === null) {
    return isInteger(before) ? [invalidValue(path, null, 'must not update from a positive integer to nil value')] : [];
  }
  if (isInteger(before) && isInteger(now) && before < now) return [invalidValue(path, now, 'must be less than or equal to previous value')];
  return [];
}

/** Old tolerations must all still be there: only additions are allowed. */
function onlyAdded(now: unknown, before: unknown): boolean {
  const added = Array.isArray(now) ? now : [];
  const kept = Array.isArray(before) ? before : [];
  return kept.every((t) => added.some((n) => deepEqual(n, t)));
}

export function podUpdateErrors(spec: unknown, oldSpec: unknown): FieldError[] {
  if (!isRecord(spec) || !isRecord(oldSpec)) return [];
  const errs = deadlineErrors(spec.activeDeadlineSeconds, oldSpec.activeDeadlineSeconds);
  const munged = deepClone(spec);
  keepImages(munged, oldSpec, 'containers');
  keepImages(munged, oldSpec, 'initContainers');
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  if (onlyAdded(spec.tolerations, oldSpec.tolerations)) munged.tolerations = oldSpec.tolerations;
  const oldGrace = oldSpec.terminationGracePeriodSeconds;
  if (isInteger(oldGrace) && oldGrace < 0 && spec.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldGrace;
  if (!deepEqual(munged, oldSpec)) errs.push(forbiddenField('spec', POD_UPDATE_FORBIDDEN));
  return errs;
}

export function validatePod(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs = validateObjectMeta(obj, old);
  if (old && deepEqual(obj.spec, old.spec)) return errs;
  errs.push(...validatePodSpec(obj.spec, 'spec'));
  if (old) errs.push(...podUpdateErrors(obj.spec, old.spec));
  return errs;
}
