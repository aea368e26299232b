import type { ApiServer } from '../api/apiserver';
import type { Component } from '../client/component';
import { SharedInformerFactory } from '../client/shared-informer';
import { DisruptionController } from '../disruption/disruption-controller';
import type { SimEnv } from '../sim/env';
import { createStorageControllers } from '../storage/controllers';
import { createNodeLifecycleControllers } from './node-lifecycle';
import { createWorkloadControllers } from './workload-controllers';

/** Interaction-log id of kube-controller-manager's shared informers (their list and watch requests). */
export const KCM_INFORMERS_ID = 'kcm/shared-informers';

/**
 * kube-controller-manager: one process running every controller loop. Each controller is
 * its own Component with its own work queue; they share the process's informers (one list
 * and watch per resource, as the real SharedInformerFactory) and nothing else.
 * Controllers and informers are created afresh on every start, as a restarted process would be.
 */
export class ControllerManager {
  private controllers: Component[] = [];
  running = false;

  constructor(
    readonly env: SimEnv,
    readonly api: ApiServer,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.controllers = [
      ...createWorkloadControllers(this.env, this.api),
      ...createNodeLifecycleControllers(this.env, this.api),
      ...createStorageControllers(this.env, this.api),
      new DisruptionController(this.env, this.api),
    ];
    const informers = new SharedInformerFactory(this.api, KCM_INFORMERS_ID);
    for (const c of this.controllers) c.shareInformers(informers);
    for (const c of this.controllers) c.start();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    for (const c of this.controllers) c.stop();
    this.controllers = [];
  }

  /** Interaction-log ids of the running controllers (an HA control plane routes them to their node's API server). */
  componentIds(): string[] {
    return [KCM_INFORMERS_ID, ...this.controllers.map((c) => c.id)];
  }
}
