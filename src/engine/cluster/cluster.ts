import { ApiServer } from '../api/apiserver';
import { defaultApiHooks, lazyLookup } from '../api/default-hooks';
import type { KubeObject, Pod } from '../api/types';
import type { CommandHost, NodeOptions, Observability, ResourceUsage, SandboxActions } from '../commands/host';
import type { CommandProcess } from '../commands/process';
import { runCommand } from '../commands/run-command';
import { ControllerManager } from '../controllers/controller-manager';
import { Kubelet } from '../kubelet/kubelet';
import { InteractionKind, InteractionLog, type Operation } from '../log/interaction-log';
import type { SchedulingDecision } from '../scheduler/decisions';
import { Scheduler } from '../scheduler/scheduler';
import { DEFAULT_ENGINE_CONFIG, type EngineConfig, type SimEnv } from '../sim/env';
import { EventQueue } from '../sim/event-queue';
import { Rng } from '../sim/rng';
import { bytes, cpuMillis } from '../util/quantity';
import { DEFAULT_CLUSTER, expandNodes, NETWORK, type ClusterSpec } from './cluster-spec';
import { Machine, type NodeConfig } from './node-config';
import {
  bootstrapNamespaces, bootstrapPriorityClasses, controlPlaneStaticPods, coreDnsDeployment,
  kubeDnsService, kubeProxyDaemonSet, kubernetesService, SYSTEM_IMAGES,
} from './system-objects';

export interface ClusterOptions {
  spec?: ClusterSpec;
  seed?: number;
  files?: Record<string, string>;
  config?: Partial<EngineConfig>;
}

/** Longest simulated time bootstrap may take before the scenario's clock starts. */
const BOOT_LIMIT_MS = 180_000;

/**
 * One simulated cluster: machines, control plane, kubelets, and the command language.
 * Deterministic: the same spec, seed and commands at the same times give the same log.
 */
export class Cluster implements CommandHost {
  readonly env: SimEnv;
  readonly api: ApiServer;
  readonly log: InteractionLog;
  readonly queue = new EventQueue();
  readonly rng: Rng;
  readonly spec: ClusterSpec;
  readonly files: Map<string, string>;
  readonly machines = new Map<string, Machine>();
  readonly kubelets = new Map<string, Kubelet>();
  readonly scheduler: Scheduler;
  readonly controllerManager: ControllerManager;
  /** Simulated time at which the scenario's clock reads 0 (bootstrap done). */
  startMs = 0;
  private booted = false;

  constructor(opts: ClusterOptions = {}) {
    this.spec = opts.spec ?? DEFAULT_CLUSTER;
    this.rng = new Rng(opts.seed ?? 1);
    const config = { ...DEFAULT_ENGINE_CONFIG, ...(opts.config ?? {}) };
    this.log = new InteractionLog(() => this.queue.nowMs);
    this.log.keep = config.keepInteractions;
    this.env = { queue: this.queue, rng: this.rng, log: this.log, config, now: () => this.queue.nowMs };
    this.files = new Map(Object.entries(opts.files ?? {}));
    const lookup = lazyLookup(() => this.api);
    this.api = new ApiServer(this.env, defaultApiHooks({ rng: this.rng, lookup, serviceCidr: NETWORK[this.spec.distribution].serviceCidr }));
    this.scheduler = new Scheduler(this.env, this.api);
    this.controllerManager = new ControllerManager(this.env, this.api);
    for (const cfg of expandNodes(this.spec)) this.machines.set(cfg.name, new Machine(cfg));
  }

  // ------------------------------------------------------------------ time

  get now(): number {
    return this.queue.nowMs;
  }

  /** Simulated time on the scenario's clock (0 = bootstrap finished). */
  get simTimeMs(): number {
    return this.queue.nowMs - this.startMs;
  }

  advance(ms: number): void {
    this.queue.runUntil(this.queue.nowMs + ms);
  }

  runUntil(absMs: number): void {
    this.queue.runUntil(absMs);
  }

  runUntilQuiet(maxMs = 600_000): boolean {
    return this.queue.runUntilQuiet(maxMs);
  }

  // ------------------------------------------------------------------ bootstrap

  /** Brings the cluster up (API objects, kubelets, control plane, add-ons) and waits for it to settle. */
  boot(): this {
    if (this.booted) return this;
    this.booted = true;
    const ctx = { component: 'apiserver' };
    for (const ns of bootstrapNamespaces()) this.api.create(ctx, 'namespaces', undefined, ns);
    for (const pc of bootstrapPriorityClasses()) this.api.create(ctx, 'priorityclasses', undefined, pc);
    this.api.create(ctx, 'services', 'default', kubernetesService(this.spec.distribution));
    for (const m of this.machines.values()) this.preloadImages(m);
    for (const m of this.machines.values()) this.startKubelet(m);
    this.scheduler.start();
    this.controllerManager.start();
    const addons = { component: 'kubeadm' };
    this.api.create(addons, 'daemonsets', 'kube-system', kubeProxyDaemonSet());
    this.api.create(addons, 'deployments', 'kube-system', coreDnsDeployment());
    this.api.create(addons, 'services', 'kube-system', kubeDnsService(this.spec.distribution));
    this.queue.runUntilQuiet(BOOT_LIMIT_MS);
    this.startMs = Math.ceil(this.queue.nowMs / 1000) * 1000;
    this.queue.runUntil(this.startMs);
    return this;
  }

  private preloadImages(m: Machine): void {
    for (const image of [SYSTEM_IMAGES.pause, SYSTEM_IMAGES.proxy, SYSTEM_IMAGES.coredns]) m.images.set(image, 30 * 2 ** 20);
    if (m.config.role === 'control-plane') {
      for (const image of [SYSTEM_IMAGES.apiserver, SYSTEM_IMAGES.controllerManager, SYSTEM_IMAGES.scheduler, SYSTEM_IMAGES.etcd]) m.images.set(image, 60 * 2 ** 20);
    }
  }

  private startKubelet(m: Machine): void {
    const staticPods = m.config.role === 'control-plane' ? controlPlaneStaticPods(m.config, this.spec.controlPlane.etcd === 'stacked') : [];
    const kubelet = new Kubelet(this.env, this.api, m, staticPods);
    this.kubelets.set(m.config.name, kubelet);
    m.alive = true;
    kubelet.start();
  }

  // ------------------------------------------------------------------ commands

  /** Runs one command line (kubectl / helm / sandbox) as a user operation. */
  run(line: string, source: Operation['source'] = 'user'): CommandProcess {
    const op = this.log.beginOperation(line.trim(), source);
    return runCommand(this, line, op.id);
  }

  decisionFor(namespace: string, pod: string): SchedulingDecision | undefined {
    return this.scheduler.decisionFor(namespace, pod);
  }

  readonly sandbox: SandboxActions = {
    killNode: (name) => this.killNode(name),
    restoreNode: (name) => this.restoreNode(name),
    addNode: (name, opts) => this.addNode(name, opts),
    removeNode: (name) => this.removeNode(name),
    nodeNames: () => [...this.machines.keys()],
  };

  readonly observability: Observability = {
    nodeUsage: (node): ResourceUsage | undefined => (this.machines.get(node)?.alive ? this.kubelets.get(node)?.usage() : undefined),
    podUsage: (ns, pod) => {
      const p = this.api.peek<Pod>('pods', ns, pod);
      const node = p?.spec.nodeName;
      return node && this.machines.get(node)?.alive ? this.kubelets.get(node)?.podUsage(ns, pod) : undefined;
    },
    containerLogs: (ns, pod, container, previous) => {
      const p = this.api.peek<Pod>('pods', ns, pod);
      if (!p) return { error: `pods "${pod}" not found` };
      const node = p.spec.nodeName;
      const kubelet = node ? this.kubelets.get(node) : undefined;
      if (!node || !kubelet) return { error: `container "${container ?? p.spec.containers[0]?.name ?? ''}" in pod "${pod}" is waiting to start: ContainerCreating` };
      if (!this.machines.get(node)?.alive) {
        const ip = this.machines.get(node)?.config.internalIP ?? '';
        return { error: `Get "https://${ip}:10250/containerLogs/${ns}/${pod}/${container ?? p.spec.containers[0]?.name ?? ''}": dial tcp ${ip}:10250: connect: no route to host` };
      }
      return kubelet.containerLogs(ns, pod, container, previous);
    },
  };

  private logSandbox(label: string, node: string): void {
    const op = this.log.operations.at(-1);
    this.log.append({ kind: InteractionKind.Sandbox, from: 'user/sandbox', to: `node/${node}`, label, opId: op?.id, ref: { kind: 'Node', name: node } });
  }

  killNode(name: string): string | undefined {
    const m = this.machines.get(name);
    if (!m) return `node "${name}" not found`;
    if (!m.alive) return `node "${name}" is already down`;
    m.alive = false;
    this.kubelets.get(name)?.stop();
    this.logSandbox(`power off ${name}`, name);
    return undefined;
  }

  restoreNode(name: string): string | undefined {
    const m = this.machines.get(name);
    if (!m) return `node "${name}" not found`;
    if (m.alive) return `node "${name}" is already running`;
    this.logSandbox(`power on ${name}`, name);
    this.startKubelet(m);
    return undefined;
  }

  addNode(name: string, opts: NodeOptions): string | undefined {
    if (this.machines.has(name)) return `node "${name}" already exists`;
    const idx = this.machines.size;
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
      podCIDR: `${NETWORK[this.spec.distribution].podCidrPrefix}.${idx}.0/24`,
      distribution: this.spec.distribution,
    };
    const m = new Machine(cfg);
    this.machines.set(name, m);
    this.preloadImages(m);
    this.logSandbox(`join ${name}`, name);
    this.startKubelet(m);
    return undefined;
  }

  /** Takes the machine away and deletes its Node object (as `kubectl delete node` after decommissioning). */
  removeNode(name: string): string | undefined {
    const m = this.machines.get(name);
    if (!m) return `node "${name}" not found`;
    this.kubelets.get(name)?.stop();
    this.kubelets.delete(name);
    this.machines.delete(name);
    this.logSandbox(`remove ${name}`, name);
    const op = this.log.operations.at(-1);
    this.api.delete({ component: 'user/sandbox', opId: op?.id }, 'nodes', undefined, name);
    return undefined;
  }

  // ------------------------------------------------------------------ inspection

  /** Every stored object of a resource, unlogged (for projections and tests). */
  objects<T extends KubeObject = KubeObject>(resource: string): T[] {
    return this.api.snapshot<T>(resource);
  }
}
