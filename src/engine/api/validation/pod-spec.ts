/** PodSpec validation shared by Pods and every workload's pod template. */
import type { FieldError } from '../status';
import { dns1123LabelErrors, dns1123SubdomainErrors } from '../validation-names';
import { validateContainers } from './containers';
import { child, duplicate, index, invalidValue, required, unsupported, wrongType } from './errors';
import { validateLabels } from './meta';
import { isInteger, isRecord } from './shape';
import { validateTolerations } from './taints';

export const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'] as const;
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'] as const;

function validateVolumes(volumes: unknown, path: string): FieldError[] {
  if (volumes === undefined || volumes === null) return [];
  if (!Array.isArray(volumes)) return [wrongType(path, volumes, 'a list')];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  volumes.forEach((v: unknown, i) => {
    const at = child(index(path, i), 'name');
    if (!isRecord(v)) return void errs.push(wrongType(index(path, i), v, 'an object'));
    if (typeof v.name !== 'string' || v.name === '') return void errs.push(required(at));
    for (const m of dns1123LabelErrors(v.name)) errs.push(invalidValue(at, v.name, m));
    if (names.has(v.name)) errs.push(duplicate(at, v.name));
    names.add(v.name);
  });
  return errs;
}

function validateEnumField(spec: Record<string, unknown>, field: string, path: string, allowed: readonly string[]): FieldError[] {
  const v = spec[field];
  if (v === undefined || v === null) return [];
  return allowed.includes(v as string) ? [] : [unsupported(child(path, field), v, allowed)];
}

/** Everything inside `spec` of a Pod (or `spec.template.spec` of a workload) at `path`. */
export function validatePodSpec(spec: unknown, path: string): FieldError[] {
  if (spec === undefined || spec === null) return [required(child(path, 'containers'))];
  if (!isRecord(spec)) return [wrongType(path, spec, 'an object')];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  // Absent fields have nothing to check: their paths are not built (every pod create comes here).
  if (spec.volumes != null) errs.push(...validateVolumes(spec.volumes, child(path, 'volumes')));
  errs.push(...validateContainers(spec.containers, child(path, 'containers'), false, names));
  if (spec.initContainers != null) errs.push(...validateContainers(spec.initContainers, child(path, 'initContainers'), true, names));
  errs.push(...validateEnumField(spec, 'restartPolicy', path, RESTART_POLICIES));
  errs.push(...validateEnumField(spec, 'dnsPolicy', path, DNS_POLICIES));
  errs.push(...validateEnumField(spec, 'preemptionPolicy', path, ['Never', 'PreemptLowerPriority']));
  const deadline = spec.activeDeadlineSeconds;
  if (deadline !== undefined && deadline !== null && (!isInteger(deadline) || deadline < 1)) {
    errs.push(invalidValue(child(path, 'activeDeadlineSeconds'), deadline, 'must be between 1 and 2147483647, inclusive'));
  }
  if (spec.terminationGracePeriodSeconds !== undefined && !isInteger(spec.terminationGracePeriodSeconds)) {
    errs.push(wrongType(child(path, 'terminationGracePeriodSeconds'), spec.terminationGracePeriodSeconds, 'an integer'));
  }
  if (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== '') {
    for (const m of dns1123SubdomainErrors(spec.serviceAccountName)) errs.push(invalidValue(child(path, 'serviceAccountName'), spec.serviceAccountName, m));
  }
  if (spec.nodeSelector != null) errs.push(...validateLabels(spec.nodeSelector, child(path, 'nodeSelector')));
  if (spec.tolerations != null) errs.push(...validateTolerations(spec.tolerations, child(path, 'tolerations')));
  return errs;
}
