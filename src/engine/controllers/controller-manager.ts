import type { ApiServer } from '../api/apiserver';
import type { Component } from '../client/component';
import type { SimEnv } from '../sim/env';
import { createNodeLifecycleControllers } from './node-lifecycle';
import { createWorkloadControllers } from './workload-controllers';

/**
 * kube-controller-manager: one process running every controller loop. Each controller is
 * its own Component with its own informers; they share nothing but the API server.
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
    this.controllers = [...createWorkloadControllers(this.env, this.api), ...createNodeLifecycleControllers(this.env, this.api)];
    for (const c of this.controllers) c.start();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    for (const c of this.controllers) c.stop();
    this.controllers = [];
  }
}
