/** batch/v1: Job and CronJob. */
import type { FieldError } from '../status';
import type { KubeObject, LabelSelector } from '../types';
import { selectorMatches } from '../../util/labels';
import { invalidValue, nonNegativeInt, required, unsupported } from './errors';
import { goLabelSelector, goStringMap } from './go-format';
import { deepEqual } from '../../util/clone';
import { immutableSelector, validateLabelSelector } from './selector';
import { isRecord, recordAt } from './shape';
import { templateLabels, validateTemplate, type TemplateRules } from './template';
import { specToCheck } from './workloads';

const JOB_RULES: TemplateRules = { restartPolicies: ['OnFailure', 'Never'], forbidDeadline: false, kindName: 'Job' };

function jobSpecErrors(spec: Record<string, unknown>, path: string, withSelector: boolean): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished']) {
    errs.push(...nonNegativeInt(`${path}.${f}`, spec[f]));
  }
  if (withSelector) {
    if (spec.selector === undefined || spec.selector === null) errs.push(required(`${path}.selector`));
    const sel = spec.selector === undefined || spec.selector === null ? undefined : validateLabelSelector(spec.selector, `${path}.selector`, errs);
    const labels = templateLabels(spec);
    if (!selectorMatches(sel as LabelSelector | undefined, isRecord(labels) ? (labels as Record<string, string>) : undefined)) {
      errs.push(invalidValue(`${path}.template.metadata.labels`, labels, '`selector` does not match template `labels`', goStringMap(labels)));
    }
  }
  errs.push(...validateTemplate(spec.template, `${path}.template`, JOB_RULES));
  const mode = spec.completionMode;
  if (mode !== undefined && mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(unsupported(`${path}.completionMode`, mode, ['NonIndexed', 'Indexed']));
  return errs;
}

/** Without `manualSelector`, the selector must be exactly the one the API server generated. */
function generatedSelectorErrors(obj: KubeObject, spec: Record<string, unknown>): FieldError[] {
  if (spec.manualSelector === true || !isRecord(spec.selector)) return [];
  const expected = { matchLabels: { 'batch.kubernetes.io/controller-uid': obj.metadata.uid ?? '' } };
  if (deepEqual(spec.selector, expected)) return [];
  return [invalidValue('spec.selector', spec.selector, '`selector` not auto-generated', goLabelSelector(spec.selector as LabelSelector))];
}

export function validateJob(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const spec = specToCheck(obj, old, errs);
  if (!spec) return errs;
  errs.push(...jobSpecErrors(spec, 'spec', true));
  if (!old) errs.push(...generatedSelectorErrors(obj, spec));
  const before = recordAt(old, 'spec');
  if (before) {
    errs.push(...immutableSelector(spec.selector, before.selector, 'spec.selector'));
    if (spec.completions !== before.completions) errs.push(invalidValue('spec.completions', spec.completions ?? null, 'field is immutable'));
  }
  return errs;
}

const CONCURRENCY = ['Allow', 'Forbid', 'Replace'];

export function validateCronJob(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const spec = specToCheck(obj, old, errs);
  if (!spec) return errs;
  if (typeof spec.schedule !== 'string' || spec.schedule.trim() === '') errs.push(required('spec.schedule'));
  const policy = spec.concurrencyPolicy;
  if (policy !== undefined && !CONCURRENCY.includes(policy as string)) errs.push(unsupported('spec.concurrencyPolicy', policy, CONCURRENCY));
  for (const f of ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit', 'startingDeadlineSeconds']) errs.push(...nonNegativeInt(`spec.${f}`, spec[f]));
  const jobSpec = recordAt(recordAt(spec, 'jobTemplate'), 'spec');
  errs.push(...jobSpecErrors(jobSpec ?? {}, 'spec.jobTemplate.spec', false));
  return errs;
}
