// STUB: the node lifecycle controller and the taint-eviction controller are registered here.
import type { ApiServer } from '../../api/apiserver';
import type { Component } from '../../client/component';
import type { SimEnv } from '../../sim/env';

export function createNodeLifecycleControllers(_env: SimEnv, _api: ApiServer): Component[] {
  return [];
}
