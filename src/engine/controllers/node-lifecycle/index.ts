import type { ApiServer } from '../../api/apiserver';
import type { Component } from '../../client/component';
import type { SimEnv } from '../../sim/env';
import { NodeLifecycleController } from './node-lifecycle-controller';
import { TaintEvictionController } from './taint-eviction-controller';

export { NodeLifecycleController } from './node-lifecycle-controller';
export { TaintEvictionController } from './taint-eviction-controller';

/** kcm/node-lifecycle-controller and kcm/taint-eviction-controller. */
export function createNodeLifecycleControllers(env: SimEnv, api: ApiServer): Component[] {
  return [new NodeLifecycleController(env, api), new TaintEvictionController(env, api)];
}
