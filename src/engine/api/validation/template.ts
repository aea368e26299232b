/** The pod template every workload carries: metadata, spec, and the restart policies the kind allows. */
import type { FieldError } from '../status';
import { child, invalidValue, unsupported, wrongType } from './errors';
import { validateAnnotations, validateLabels } from './meta';
import { validatePodSpec } from './pod-spec';
import { isRecord, recordAt } from './shape';

export interface TemplateRules {
  readonly restartPolicies: readonly string[];
  /** ReplicaSet-like controllers reject activeDeadlineSeconds in their template. */
  readonly forbidDeadline: boolean;
  readonly kindName: string;
}

/** Template labels as the selector check sees them (undefined when absent or malformed). */
export function templateLabels(spec: Record<string, unknown>): unknown {
  return recordAt(recordAt(spec, 'template'), 'metadata')?.labels;
}

export function validateTemplate(template: unknown, path: string, rules: TemplateRules): FieldError[] {
  if (template !== undefined && template !== null && !isRecord(template)) return [wrongType(path, template, 'an object')];
  const t = isRecord(template) ? template : {};
  const meta = recordAt(t, 'metadata');
  const errs: FieldError[] = [
    ...validateLabels(meta?.labels, `${path}.metadata.labels`),
    ...validateAnnotations(meta?.annotations, `${path}.metadata.annotations`),
    ...validatePodSpec(t.spec, child(path, 'spec')),
  ];
  const spec = recordAt(t, 'spec');
  const policy = spec?.restartPolicy ?? '';
  if (!rules.restartPolicies.includes(policy as string)) {
    errs.push(unsupported(`${path}.spec.restartPolicy`, policy, rules.restartPolicies));
  }
  if (rules.forbidDeadline && spec?.activeDeadlineSeconds !== undefined) {
    errs.push(invalidValue(`${path}.spec.activeDeadlineSeconds`, spec.activeDeadlineSeconds, `activeDeadlineSeconds in ${rules.kindName} is not Supported`));
  }
  return errs;
}
