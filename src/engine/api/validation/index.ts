/** The validator of every kind: object metadata for all, plus the kind's own rules. */
import type { Validator } from '../hooks';
import { RESOURCES } from '../resources';
import { validateCronJob, validateJob } from './jobs';
import { validateObjectMeta } from './meta';
import { validateNode, validatePriorityClass } from './node';
import { validatePod } from './pod';
import { validateService } from './service';
import { validatePersistentVolume, validatePersistentVolumeClaim, validatePodDisruptionBudget, validateStorageClass } from './storage';
import { validateDaemonSet, validateDeployment, validateReplicaSet, validateStatefulSet } from './workloads';

const BY_KIND: Readonly<Record<string, Validator>> = {
  Pod: validatePod,
  Deployment: validateDeployment,
  ReplicaSet: validateReplicaSet,
  DaemonSet: validateDaemonSet,
  StatefulSet: validateStatefulSet,
  Job: validateJob,
  CronJob: validateCronJob,
  Service: validateService,
  Node: validateNode,
  PriorityClass: validatePriorityClass,
  PersistentVolumeClaim: validatePersistentVolumeClaim,
  PersistentVolume: validatePersistentVolume,
  StorageClass: validateStorageClass,
  PodDisruptionBudget: validatePodDisruptionBudget,
};

export function buildValidators(): Map<string, Validator> {
  const out = new Map<string, Validator>();
  for (const r of RESOURCES) out.set(r.kind, BY_KIND[r.kind] ?? validateObjectMeta);
  return out;
}
