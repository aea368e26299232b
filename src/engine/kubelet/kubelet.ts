// STUB: replaced by the kubelet implementation.
import type { ApiServer } from '../api/apiserver';
import type { Node, Pod } from '../api/types';
import { Component } from '../client/component';
import type { Machine } from '../cluster/node-config';
import type { ResourceUsage } from '../commands/host';
import type { SimEnv } from '../sim/env';
import { formatBytes } from '../util/quantity';

export class Kubelet extends Component {
  constructor(
    env: SimEnv,
    api: ApiServer,
    readonly machine: Machine,
    readonly staticPods: readonly Pod[] = [],
  ) {
    super(env, api, `kubelet/${machine.config.name}`);
  }

  protected onStart(): void {
    const c = this.machine.config;
    const node: Node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: c.name, labels: { ...c.labels } },
      spec: { taints: [...c.taints], podCIDR: c.podCIDR },
      status: {
        capacity: { cpu: String(c.cpuMillis / 1000), memory: formatBytes(c.memoryBytes), pods: String(c.pods) },
        allocatable: { cpu: String(c.cpuMillis / 1000), memory: formatBytes(c.memoryBytes), pods: String(c.pods) },
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      },
    };
    this.api.create(this.ctx(), 'nodes', undefined, node);
  }

  usage(): ResourceUsage | undefined {
    return undefined;
  }

  podUsage(_namespace: string, _pod: string): { container: string; usage: ResourceUsage }[] | undefined {
    return undefined;
  }

  containerLogs(_namespace: string, _pod: string, _container: string | undefined, _previous: boolean): string[] | { error: string } {
    return { error: 'not implemented' };
  }
}
