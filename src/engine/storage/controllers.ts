import type { ApiServer } from '../api/apiserver';
import type { Component } from '../client/component';
import type { SimEnv } from '../sim/env';
import { PersistentVolumeController } from './pv-controller';
import { StatefulSetClaimsController } from './statefulset-claims';

/** The storage loops of kube-controller-manager. */
export function createStorageControllers(env: SimEnv, api: ApiServer): Component[] {
  return [new PersistentVolumeController(env, api), new StatefulSetClaimsController(env, api)];
}
