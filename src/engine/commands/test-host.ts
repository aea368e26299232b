import { ApiServer } from '../api/apiserver';
import type { KubeObject } from '../api/types';
import { InteractionLog } from '../log/interaction-log';
import { DEFAULT_ENGINE_CONFIG, type SimEnv } from '../sim/env';
import { EventQueue } from '../sim/event-queue';
import { Rng } from '../sim/rng';
import type { CommandHost, NodeOptions, Observability, ResourceUsage, SandboxActions } from './host';
import type { CommandProcess } from './process';
import { runCommand } from './run-command';

/**
 * A command host over a bare API server (no defaulting, admission or components), for
 * tests whose expected output must depend on nothing but the objects they write.
 */
export class BareHost implements CommandHost {
  readonly queue = new EventQueue();
  readonly env: SimEnv;
  readonly api: ApiServer;
  readonly files = new Map<string, string>();
  readonly calls: string[] = [];
  nodeUsage = new Map<string, ResourceUsage>();
  podUsage = new Map<string, { container: string; usage: ResourceUsage }[]>();
  logs = new Map<string, string[]>();

  constructor() {
    const log = new InteractionLog(() => this.queue.nowMs);
    this.env = { queue: this.queue, rng: new Rng(1), log, config: { ...DEFAULT_ENGINE_CONFIG, freezeObjects: true }, now: () => this.queue.nowMs };
    this.api = new ApiServer(this.env, { defaulters: new Map(), validators: new Map(), admission: [] });
  }

  readonly sandbox: SandboxActions = {
    killNode: (n) => this.record(`kill ${n}`),
    restoreNode: (n) => this.record(`restore ${n}`),
    addNode: (n: string, o: NodeOptions) => this.record(`add ${n} ${JSON.stringify(o)}`),
    removeNode: (n) => this.record(`remove ${n}`),
    nodeNames: () => [],
  };

  readonly observability: Observability = {
    nodeUsage: (n) => this.nodeUsage.get(n),
    podUsage: (ns, p) => this.podUsage.get(`${ns}/${p}`),
    containerLogs: (ns, p, c) => this.logs.get(`${ns}/${p}/${c ?? ''}`) ?? { error: `container "${c ?? ''}" in pod "${p}" is waiting to start: ContainerCreating` },
  };

  decisionFor(): undefined {
    return undefined;
  }

  private record(call: string): undefined {
    this.calls.push(call);
    return undefined;
  }

  /** Creates objects straight through the API (status included), at the current time. */
  seed(resource: string, ...objs: KubeObject[]): void {
    for (const o of objs) {
      const r = this.api.create({ component: 'test' }, resource, o.metadata.namespace, o);
      if (!r.ok) throw new Error(r.status.message);
    }
  }

  advance(ms: number): void {
    this.queue.runUntil(this.queue.nowMs + ms);
  }

  run(line: string): CommandProcess {
    return runCommand(this, line, 1);
  }
}
