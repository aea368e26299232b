import type { ApiServer } from '../api/apiserver';
import type { Component } from '../client/component';
import type { SimEnv } from '../sim/env';
import { DaemonSetController } from './daemonset/daemonset-controller';
import { DeploymentController } from './deployment/deployment-controller';
import { EndpointsController } from './endpoints/endpoints-controller';
import { EndpointSliceController } from './endpointslice/endpointslice-controller';
import { GarbageCollector } from './garbage-collector/garbage-collector';
import { JobController } from './job/job-controller';
import { NamespaceController } from './namespace/namespace-controller';
import { PodGcController } from './podgc/podgc-controller';
import { ReplicaSetController } from './replicaset/replicaset-controller';
import { StatefulSetController } from './statefulset/statefulset-controller';

/** The workload loops of kube-controller-manager, each its own Component with its own informers. */
export function createWorkloadControllers(env: SimEnv, api: ApiServer): Component[] {
  return [
    new DeploymentController(env, api),
    new ReplicaSetController(env, api),
    new DaemonSetController(env, api),
    new StatefulSetController(env, api),
    new JobController(env, api),
    new EndpointSliceController(env, api),
    new EndpointsController(env, api),
    new GarbageCollector(env, api),
    new NamespaceController(env, api),
    new PodGcController(env, api),
  ];
}
