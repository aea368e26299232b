import type { ApiServer } from '../api/apiserver';
import type { NodeOptions, SandboxActions } from '../commands/host';
import type { ControlPlaneSandbox, DataPlaneSandbox } from '../commands/sandbox/host-actions';
import type { HaControlPlane } from '../ha/control-plane';
import type { Kubelet } from '../kubelet/kubelet';
import { InteractionKind, type InteractionLog } from '../log/interaction-log';
import { bytes, cpuMillis } from '../util/quantity';
import { NETWORK, nodePodCIDR, type ClusterSpec } from './cluster-spec';
import type { ControlPlaneProcesses } from './control-plane-processes';
import { Machine, type NodeConfig } from './node-config';

/** The parts of the Cluster that powering machines on and off touches. */
export interface MachineHost {
  readonly spec: ClusterSpec;
  readonly api: ApiServer;
  readonly log: InteractionLog;
  readonly machines: Map<string, Machine>;
  readonly kubelets: Map<string, Kubelet>;
  readonly ha: HaControlPlane;
  readonly controlPlane: ControlPlaneProcesses;
  preloadImages(m: Machine): void;
  startKubelet(m: Machine): void;
}

/**
 * `sandbox kill|restore|add|remove node`: a machine going down takes its kubelet and, on a
 * control-plane node, its API server, etcd member, scheduler and controller manager with it.
 */
export class MachineSandbox implements SandboxActions {
  /** Index of the next added machine: its IP and pod CIDR never reuse a removed machine's. */
  private nextIndex: number;

  constructor(
    private readonly c: MachineHost,
    extra: { controlPlane: ControlPlaneSandbox; dataPlane: DataPlaneSandbox },
  ) {
    this.nextIndex = c.machines.size;
    this.controlPlane = extra.controlPlane;
    this.dataPlane = extra.dataPlane;
  }

  readonly controlPlane: ControlPlaneSandbox;
  readonly dataPlane: DataPlaneSandbox;

  nodeNames(): string[] {
    return [...this.c.machines.keys()];
  }

  private logSandbox(label: string, node: string): void {
    const op = this.c.log.operations.at(-1);
    this.c.log.append({ kind: InteractionKind.Sandbox, from: 'user/sandbox', to: `node/${node}`, label, opId: op?.id, ref: { kind: 'Node', name: node } });
  }

  private powerOff(m: Machine): void {
    const name = m.config.name;
    m.alive = false;
    this.c.kubelets.get(name)?.stop();
    if (m.config.role === 'control-plane') {
      this.c.controlPlane.hostDown(name);
      this.c.ha.hostDown(name);
    }
  }

  killNode(name: string): string | undefined {
    const m = this.c.machines.get(name);
    if (!m) return `node "${name}" not found`;
    if (!m.alive) return `node "${name}" is already down`;
    this.powerOff(m);
    this.logSandbox(`power off ${name}`, name);
    return undefined;
  }

  restoreNode(name: string): string | undefined {
    const m = this.c.machines.get(name);
    if (!m) return `node "${name}" not found`;
    if (m.alive) return `node "${name}" is already running`;
    this.logSandbox(`power on ${name}`, name);
    this.c.startKubelet(m);
    if (m.config.role === 'control-plane') {
      this.c.ha.hostUp(name);
      this.c.controlPlane.hostUp(name);
    }
    return undefined;
  }

  addNode(name: string, opts: NodeOptions): string | undefined {
    if (this.c.machines.has(name)) return `node "${name}" already exists`;
    const idx = this.nextIndex++;
    const distribution = this.c.spec.distribution;
    const cfg: NodeConfig = {
      name,
      role: 'worker',
      cpuMillis: cpuMillis(opts.cpu ?? '4'),
      memoryBytes: bytes(opts.memory ?? '8Gi'),
      pods: opts.pods ?? 110,
      labels: {
        'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...(opts.labels ?? {}),
      },
      taints: opts.taints ?? [],
      internalIP: `172.18.${Math.floor((idx + 2) / 250)}.${((idx + 2) % 250) + 2}`,
      podCIDR: nodePodCIDR(NETWORK[distribution].podCidrPrefix, idx),
      distribution,
    };
    const m = new Machine(cfg);
    this.c.machines.set(name, m);
    this.c.preloadImages(m);
    this.logSandbox(`join ${name}`, name);
    this.c.startKubelet(m);
    return undefined;
  }

  /** Takes the machine away and deletes its Node object (as `kubectl delete node` after decommissioning). */
  removeNode(name: string): string | undefined {
    const m = this.c.machines.get(name);
    if (!m) return `node "${name}" not found`;
    if (m.alive) this.powerOff(m);
    this.c.kubelets.delete(name);
    this.c.machines.delete(name);
    this.logSandbox(`remove ${name}`, name);
    const op = this.c.log.operations.at(-1);
    this.c.api.delete({ component: 'user/sandbox', opId: op?.id }, 'nodes', undefined, name);
    return undefined;
  }
}
