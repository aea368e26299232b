// STUB: the workload controllers (deployment, replicaset, daemonset, statefulset, job,
// endpointslice, garbage collector, namespace, pod GC) are registered here.
import type { ApiServer } from '../api/apiserver';
import type { Component } from '../client/component';
import type { SimEnv } from '../sim/env';

export function createWorkloadControllers(_env: SimEnv, _api: ApiServer): Component[] {
  return [];
}
