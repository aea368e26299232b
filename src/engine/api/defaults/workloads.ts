/** SetDefaults for apps/v1 and batch/v1 kinds (k8s:pkg/apis/apps/v1/defaults.go, batch/v1/defaults.go). */
import type { KubeObject } from '../types';
import { ensureRecord, isRecord, recordAt, setDefault, type Json } from '../validation/shape';
import { defaultPodTemplate } from './pod';

function specOf(obj: KubeObject): Json | undefined {
  if (obj.spec === undefined || obj.spec === null) obj.spec = {};
  return recordAt(obj, 'spec');
}

/** `strategy` / `updateStrategy`: type defaults to RollingUpdate, whose parameters get `rolling` defaults. */
function defaultStrategy(spec: Json, field: string, rolling: Json): void {
  const strategy = ensureRecord(spec, field);
  if (!strategy) return;
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy.type !== 'RollingUpdate') return;
  const ru = ensureRecord(strategy, 'rollingUpdate');
  if (ru) for (const [k, v] of Object.entries(rolling)) setDefault(ru, k, v);
}

export function defaultDeployment(obj: KubeObject): void {
  const spec = specOf(obj);
  if (!spec) return;
  setDefault(spec, 'replicas', 1);
  defaultStrategy(spec, 'strategy', { maxUnavailable: '25%', maxSurge: '25%' });
  setDefault(spec, 'revisionHistoryLimit', 10);
  setDefault(spec, 'progressDeadlineSeconds', 600);
  defaultPodTemplate(spec);
}

export function defaultReplicaSet(obj: KubeObject): void {
  const spec = specOf(obj);
  if (!spec) return;
  setDefault(spec, 'replicas', 1);
  defaultPodTemplate(spec);
}

export function defaultDaemonSet(obj: KubeObject): void {
  const spec = specOf(obj);
  if (!spec) return;
  defaultStrategy(spec, 'updateStrategy', { maxUnavailable: 1, maxSurge: 0 });
  setDefault(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplate(spec);
}

export function defaultStatefulSet(obj: KubeObject): void {
  const spec = specOf(obj);
  if (!spec) return;
  setDefault(spec, 'replicas', 1);
  setDefault(spec, 'podManagementPolicy', 'OrderedReady');
  defaultStrategy(spec, 'updateStrategy', { partition: 0 });
  setDefault(spec, 'revisionHistoryLimit', 10);
  const retention = ensureRecord(spec, 'persistentVolumeClaimRetentionPolicy');
  if (retention) {
    setDefault(retention, 'whenDeleted', 'Retain');
    setDefault(retention, 'whenScaled', 'Retain');
  }
  defaultPodTemplate(spec);
}

export function defaultJob(obj: KubeObject): void {
  const spec = specOf(obj);
  if (!spec) return;
  if (spec.completions == null && spec.parallelism == null) spec.completions = 1;
  setDefault(spec, 'parallelism', 1);
  setDefault(spec, 'backoffLimit', 6);
  setDefault(spec, 'completionMode', 'NonIndexed');
  setDefault(spec, 'suspend', false);
  if (spec.podFailurePolicy == null) setDefault(spec, 'podReplacementPolicy', 'TerminatingOrFailed');
  defaultPodTemplate(spec);
  const labels = recordAt(recordAt(spec, 'template'), 'metadata')?.labels;
  const own = obj.metadata.labels;
  if (isRecord(labels) && (!own || Object.keys(own).length === 0)) obj.metadata.labels = { ...(labels as Record<string, string>) };
}

export function defaultCronJob(obj: KubeObject): void {
  const spec = specOf(obj);
  if (!spec) return;
  setDefault(spec, 'concurrencyPolicy', 'Allow');
  setDefault(spec, 'suspend', false);
  setDefault(spec, 'successfulJobsHistoryLimit', 3);
  setDefault(spec, 'failedJobsHistoryLimit', 1);
  const jobSpec = recordAt(ensureRecord(spec, 'jobTemplate'), 'spec');
  if (jobSpec) defaultPodTemplate(jobSpec);
}
