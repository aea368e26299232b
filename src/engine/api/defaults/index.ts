/** The defaulter of every kind that has defaults. */
import type { Defaulter } from '../hooks';
import { defaultNamespace, defaultNode, defaultPersistentVolumeClaim, defaultSecret, defaultService } from './core';
import { defaultPod } from './pod';
import { defaultCronJob, defaultDaemonSet, defaultDeployment, defaultJob, defaultReplicaSet, defaultStatefulSet } from './workloads';

export function buildDefaulters(): Map<string, Defaulter> {
  return new Map<string, Defaulter>([
    ['Pod', defaultPod],
    ['Deployment', defaultDeployment],
    ['ReplicaSet', defaultReplicaSet],
    ['DaemonSet', defaultDaemonSet],
    ['StatefulSet', defaultStatefulSet],
    ['Job', defaultJob],
    ['CronJob', defaultCronJob],
    ['Service', defaultService],
    ['Namespace', defaultNamespace],
    ['Node', defaultNode],
    ['Secret', defaultSecret],
    ['PersistentVolumeClaim', defaultPersistentVolumeClaim],
  ]);
}
