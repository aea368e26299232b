// STUB: replaced by the controller implementations.
import type { ApiServer } from '../api/apiserver';
import type { SimEnv } from '../sim/env';

export class ControllerManager {
  running = false;
  constructor(
    readonly env: SimEnv,
    readonly api: ApiServer,
  ) {}
  start(): void {
    this.running = true;
  }
  stop(): void {
    this.running = false;
  }
}
