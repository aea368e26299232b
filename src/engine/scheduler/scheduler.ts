// STUB: replaced by the scheduler implementation.
import type { ApiServer } from '../api/apiserver';
import type { Pod } from '../api/types';
import { Component } from '../client/component';
import type { SimEnv } from '../sim/env';
import type { SchedulingDecision } from './decisions';

export class Scheduler extends Component {
  constructor(env: SimEnv, api: ApiServer, id = 'scheduler') {
    super(env, api, id);
  }

  protected onStart(): void {
    const pods = this.informer<Pod>('pods');
    const nodes = this.informer('nodes');
    pods.on({
      add: (pod, opId) => {
        if (pod.spec.nodeName) return;
        const node = [...nodes.list()][0];
        if (node) this.api.bind(this.ctx(opId), pod.metadata.namespace!, pod.metadata.name, node.metadata.name);
      },
    });
  }

  decisionFor(_namespace: string, _pod: string): SchedulingDecision | undefined {
    return undefined;
  }
}
