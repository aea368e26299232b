/**
 * The registry strategies' PrepareForCreate: what the API server sets on every new object of
 * a kind regardless of input (a fresh status, the namespace finalizer, a Job's selector). It
 * runs after mutating admission and before validation, as in kube-apiserver.
 */
import type { AdmissionPlugin } from '../hooks';
import type { KubeObject } from '../types';
import { arrayAt, isRecord, recordAt } from '../validation/shape';
import { qosClass } from './qos';

function preparePod(pod: KubeObject): void {
  const spec = recordAt(pod, 'spec');
  const status: Record<string, unknown> = { phase: 'Pending', qosClass: qosClass(spec) };
  const gates = arrayAt(spec, 'schedulingGates') ?? [];
  if (gates.length > 0) {
    status.conditions = [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates', lastProbeTime: null }];
  }
  pod.status = status;
}

function prepareNamespace(ns: KubeObject): void {
  ns.status = { phase: 'Active' };
  if (ns.spec === undefined || ns.spec === null) ns.spec = {};
  const spec = recordAt(ns, 'spec');
  if (!spec) return;
  const finalizers = Array.isArray(spec.finalizers) ? spec.finalizers : [];
  if (!finalizers.includes('kubernetes')) spec.finalizers = [...finalizers, 'kubernetes'];
}

const JOB_NAME_LABELS = ['job-name', 'batch.kubernetes.io/job-name'];
const CONTROLLER_UID_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid'];

/** Unless `manualSelector`, a Job selects its pods by its own uid, and the template carries that label. */
function prepareJob(job: KubeObject): void {
  delete job.status;
  const spec = recordAt(job, 'spec');
  if (!spec || spec.manualSelector === true) return;
  const template = recordAt(spec, 'template');
  if (!template) return;
  if (template.metadata === undefined || template.metadata === null) template.metadata = {};
  const meta = recordAt(template, 'metadata');
  if (!meta) return;
  const labels: Record<string, unknown> = isRecord(meta.labels) ? { ...meta.labels } : {};
  const uid = job.metadata.uid ?? '';
  for (const l of JOB_NAME_LABELS) if (!(l in labels)) labels[l] = job.metadata.name;
  for (const l of CONTROLLER_UID_LABELS) if (!(l in labels)) labels[l] = uid;
  meta.labels = labels;
  const selector = isRecord(spec.selector) ? { ...spec.selector } : {};
  const matchLabels = isRecord(selector.matchLabels) ? { ...selector.matchLabels } : {};
  if (!('batch.kubernetes.io/controller-uid' in matchLabels)) matchLabels['batch.kubernetes.io/controller-uid'] = uid;
  spec.selector = { ...selector, matchLabels };
  // The API server re-applies defaulting when it reads the Job back, so its labels follow the template's.
  const own = job.metadata.labels;
  if (!own || Object.keys(own).length === 0) job.metadata.labels = { ...(labels as Record<string, string>) };
}

const FRESH_STATUS = new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Service', 'CronJob']);

export function prepareForCreate(): AdmissionPlugin {
  return {
    name: 'PrepareForCreate',
    admit(a) {
      const obj = a.object;
      if (a.operation !== 'CREATE' || a.subresource || !obj) return undefined;
      const kind = a.resource.kind;
      if (kind === 'Pod') preparePod(obj);
      else if (kind === 'Namespace') prepareNamespace(obj);
      else if (kind === 'Job') prepareJob(obj);
      else if (FRESH_STATUS.has(kind)) delete obj.status;
      return undefined;
    },
  };
}
