/** apps/v1 workloads: Deployment, ReplicaSet, DaemonSet, StatefulSet. */
import type { FieldError } from '../status';
import type { KubeObject } from '../types';
import { deepEqual } from '../../util/clone';
import { child, forbiddenField, invalidValue, nonNegativeInt, unsupported, wrongType } from './errors';
import { validateRollingUpdate } from './intstr';
import { validateObjectMeta } from './meta';
import { immutableSelector, validateWorkloadSelector } from './selector';
import { isInteger, isRecord, recordAt, type Json } from './shape';
import { templateLabels, validateTemplate, type TemplateRules } from './template';

const ALWAYS = ['Always'];

function rules(kindName: string): TemplateRules {
  return { restartPolicies: ALWAYS, forbidDeadline: true, kindName };
}

/** Shared prologue: metadata, a spec object, and "nothing to check" for status-only writes. */
export function specToCheck(obj: KubeObject, old: KubeObject | undefined, errs: FieldError[]): Json | undefined {
  errs.push(...validateObjectMeta(obj, old));
  if (old && deepEqual(obj.spec, old.spec)) return undefined;
  if (obj.spec !== undefined && !isRecord(obj.spec)) {
    errs.push(wrongType('spec', obj.spec, 'an object'));
    return undefined;
  }
  return isRecord(obj.spec) ? obj.spec : {};
}

function selectorAndTemplate(spec: Json, kindLower: string, kindName: string): FieldError[] {
  return [
    ...validateWorkloadSelector(spec, 'spec', kindLower, templateLabels(spec)),
    ...validateTemplate(spec.template, 'spec.template', rules(kindName)),
  ];
}

function typedStrategy(strategy: unknown, path: string, allowed: readonly string[], checkRolling: boolean): FieldError[] {
  const rollingField = 'rollingUpdate';
  if (strategy === undefined || strategy === null) return [];
  if (!isRecord(strategy)) return [wrongType(path, strategy, 'an object')];
  const type = strategy.type;
  if (!allowed.includes(type as string)) return [unsupported(child(path, 'type'), type, allowed)];
  const ru = strategy[rollingField];
  if (type !== 'RollingUpdate') {
    return ru === undefined || ru === null ? [] : [forbiddenField(child(path, rollingField), `may not be specified when strategy \`type\` is '${String(type)}'`)];
  }
  return isRecord(ru) && checkRolling ? validateRollingUpdate(ru, child(path, rollingField)) : [];
}

export function validateDeployment(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const spec = specToCheck(obj, old, errs);
  if (!spec) return errs;
  errs.push(...nonNegativeInt('spec.replicas', spec.replicas));
  errs.push(...selectorAndTemplate(spec, 'deployment', 'ReplicaSet'));
  errs.push(...typedStrategy(spec.strategy, 'spec.strategy', ['Recreate', 'RollingUpdate'], true));
  errs.push(...nonNegativeInt('spec.minReadySeconds', spec.minReadySeconds));
  errs.push(...nonNegativeInt('spec.revisionHistoryLimit', spec.revisionHistoryLimit));
  const deadline = spec.progressDeadlineSeconds;
  errs.push(...nonNegativeInt('spec.progressDeadlineSeconds', deadline));
  const minReady = isInteger(spec.minReadySeconds) ? spec.minReadySeconds : 0;
  if (isInteger(deadline) && deadline >= 0 && deadline <= minReady) errs.push(invalidValue('spec.progressDeadlineSeconds', deadline, 'must be greater than minReadySeconds'));
  if (old) errs.push(...immutableSelector(spec.selector, recordAt(old, 'spec')?.selector, 'spec.selector'));
  return errs;
}

export function validateReplicaSet(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const spec = specToCheck(obj, old, errs);
  if (!spec) return errs;
  errs.push(...nonNegativeInt('spec.replicas', spec.replicas));
  errs.push(...selectorAndTemplate(spec, 'replicaset', 'ReplicaSet'));
  errs.push(...nonNegativeInt('spec.minReadySeconds', spec.minReadySeconds));
  if (old) errs.push(...immutableSelector(spec.selector, recordAt(old, 'spec')?.selector, 'spec.selector'));
  return errs;
}

export function validateDaemonSet(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const spec = specToCheck(obj, old, errs);
  if (!spec) return errs;
  errs.push(...selectorAndTemplate(spec, 'daemonset', 'DaemonSet'));
  errs.push(...typedStrategy(spec.updateStrategy, 'spec.updateStrategy', ['OnDelete', 'RollingUpdate'], true));
  errs.push(...nonNegativeInt('spec.minReadySeconds', spec.minReadySeconds));
  errs.push(...nonNegativeInt('spec.revisionHistoryLimit', spec.revisionHistoryLimit));
  if (old) errs.push(...immutableSelector(spec.selector, recordAt(old, 'spec')?.selector, 'spec.selector'));
  return errs;
}

const STS_UPDATABLE = ['replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];
const STS_FORBIDDEN =
  "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

function withoutUpdatable(spec: unknown): Json {
  const out: Json = isRecord(spec) ? { ...spec } : {};
  for (const f of STS_UPDATABLE) delete out[f];
  return out;
}

export function validateStatefulSet(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const spec = specToCheck(obj, old, errs);
  if (!spec) return errs;
  errs.push(...nonNegativeInt('spec.replicas', spec.replicas));
  errs.push(...selectorAndTemplate(spec, 'statefulset', 'StatefulSet'));
  const policy = spec.podManagementPolicy;
  if (policy !== undefined && policy !== 'OrderedReady' && policy !== 'Parallel') errs.push(unsupported('spec.podManagementPolicy', policy, ['OrderedReady', 'Parallel']));
  errs.push(...typedStrategy(spec.updateStrategy, 'spec.updateStrategy', ['OnDelete', 'RollingUpdate'], false));
  errs.push(...nonNegativeInt('spec.updateStrategy.rollingUpdate.partition', recordAt(recordAt(spec, 'updateStrategy'), 'rollingUpdate')?.partition));
  errs.push(...nonNegativeInt('spec.revisionHistoryLimit', spec.revisionHistoryLimit));
  if (old && !deepEqual(withoutUpdatable(spec), withoutUpdatable(old.spec))) errs.push(forbiddenField('spec', STS_FORBIDDEN));
  return errs;
}
