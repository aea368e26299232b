import { ApiServer } from '../api/apiserver';
import { defaultApiHooks, lazyApi, lazyLookup } from '../api/default-hooks';
import type { KubeObject } from '../api/types';
import type { CommandHost, NodeOptions, SandboxActions } from '../commands/host';
import type { CommandProcess } from '../commands/process';
import { runCommand } from '../commands/run-command';
import type { ControllerManager } from '../controllers/controller-manager';
import { HaControlPlane, planControlPlane, type HostInfo } from '../ha/control-plane';
import { processKey } from '../kubelet/container-keys';
import { Kubelet } from '../kubelet/kubelet';
import { InteractionLog, type Operation } from '../log/interaction-log';
import { NetworkingStack } from '../network';
import type { SchedulingDecision } from '../scheduler/decisions';
import type { Scheduler } from '../scheduler/scheduler';
import { DEFAULT_ENGINE_CONFIG, type EngineConfig, type SimEnv } from '../sim/env';
import { EventQueue } from '../sim/event-queue';
import { NAME_ALPHABET, Rng } from '../sim/rng';
import { ServiceLB } from '../network/servicelb';
import { LocalPathProvisioner } from '../storage/local-path-provisioner';
import { defaultStorageClass, localPathRoot } from '../storage/storage-class';
import { TRAFFIC_ROLES, TrafficStack, type TrafficConfig } from '../traffic';
import { fnv32a } from '../util/clone';
import { datastoreOf, DEFAULT_CLUSTER, expandEtcdHosts, expandNodes, NETWORK, type ClusterSpec, type Datastore, type Distribution } from './cluster-spec';
import { clusterObservability } from './cluster-observability';
import { ControlPlaneProcesses } from './control-plane-processes';
import { dataPlaneSandbox } from './data-plane-sandbox';
import { haSandbox, withoutEtcd } from './ha-sandbox';
import { MachineSandbox } from './machine-sandbox';
import { Machine, type NodeConfig } from './node-config';
import { k3sPreloadedImages } from './k3s-system-objects';
import { bootstrapNamespaces, bootstrapPriorityClasses, controlPlaneStaticPods, kubernetesService, SYSTEM_IMAGES, systemAddons } from './system-objects';

export interface ClusterOptions {
  spec?: ClusterSpec;
  seed?: number;
  files?: Record<string, string>;
  config?: Partial<EngineConfig>;
  /** The scenario's traffic model, applied once the cluster has booted. */
  traffic?: TrafficConfig;
}

/** Longest simulated time bootstrap may take before the scenario's clock starts. */
const BOOT_LIMIT_MS = 180_000;

/** An independent random stream per subsystem, so one subsystem's draws never shift another's names. */
function stream(name: string, seed: number): Rng {
  return new Rng(fnv32a(`${name}/${seed}`));
}

function hostsOf(machines: Iterable<Machine>, role?: NodeConfig['role']): HostInfo[] {
  return [...machines].filter((m) => role === undefined || m.config.role === role).map((m) => ({ name: m.config.name, ip: m.config.internalIP }));
}

/** The add-on provisioner of the default StorageClass, named as its pod would be. */
function localPathProvisioner(env: SimEnv, api: ApiServer, distribution: Distribution, seed: number): LocalPathProvisioner {
  const rng = stream('local-path', seed);
  const pod = `local-path-provisioner-${rng.string(10, NAME_ALPHABET)}-${rng.string(5, NAME_ALPHABET)}`;
  return new LocalPathProvisioner(env, api, { root: localPathRoot(distribution), identity: `rancher.io/local-path_${pod}_${rng.uuid()}` });
}

/**
 * One simulated cluster: machines, control plane, kubelets, data plane, and the command
 * language. Deterministic: the same spec, seed and commands at the same times give the same log.
 */
export class Cluster implements CommandHost {
  readonly env: SimEnv;
  readonly api: ApiServer;
  readonly log: InteractionLog;
  readonly queue = new EventQueue();
  readonly rng: Rng;
  readonly spec: ClusterSpec;
  readonly files: Map<string, string>;
  /** Machines that are Kubernetes nodes (control plane and workers). */
  readonly machines = new Map<string, Machine>();
  /** External etcd hosts: machines running only an etcd member (not Kubernetes nodes). */
  readonly etcdHosts = new Map<string, Machine>();
  readonly kubelets = new Map<string, Kubelet>();
  /** etcd as a Raft group, the API servers' view of it, and the load balancer in front of them. */
  readonly ha: HaControlPlane;
  /** What the user is told keeps the state (storage is modelled as etcd's Raft group either way). */
  readonly datastore: Datastore;
  /** kube-scheduler and kube-controller-manager on every control-plane node, leader-elected. */
  readonly controlPlane: ControlPlaneProcesses;
  readonly network: NetworkingStack;
  readonly traffic: TrafficStack;
  /** The default StorageClass's provisioner (an add-on, like k3s's local-path-provisioner). */
  readonly provisioner: LocalPathProvisioner;
  /** k3s's ServiceLB (in the server's embedded cloud controller); kubeadm has no LoadBalancer implementation. */
  readonly serviceLB: ServiceLB | undefined;
  readonly sandbox: SandboxActions;
  readonly observability = clusterObservability(this);
  /** Simulated time at which the scenario's clock reads 0 (bootstrap done). */
  startMs = 0;
  private booted = false;

  constructor(private readonly opts: ClusterOptions = {}) {
    this.spec = opts.spec ?? DEFAULT_CLUSTER;
    const seed = opts.seed ?? 1;
    this.rng = new Rng(seed);
    const config = { ...DEFAULT_ENGINE_CONFIG, ...(opts.config ?? {}) };
    this.log = new InteractionLog(() => this.queue.nowMs);
    this.log.keep = config.keepInteractions;
    this.env = { queue: this.queue, rng: this.rng, log: this.log, config, now: () => this.queue.nowMs };
    this.files = new Map(Object.entries(opts.files ?? {}));
    const net = NETWORK[this.spec.distribution];
    this.api = new ApiServer(this.env, defaultApiHooks({ rng: this.rng, lookup: lazyLookup(() => this.api), writer: lazyApi(() => this.api), now: () => this.queue.nowMs, serviceCidr: net.serviceCidr }));
    for (const cfg of expandNodes(this.spec)) this.machines.set(cfg.name, new Machine(cfg));
    for (const cfg of expandEtcdHosts(this.spec)) this.etcdHosts.set(cfg.name, new Machine(cfg));
    const cps = hostsOf(this.machines.values(), 'control-plane');
    this.ha = new HaControlPlane(this.env, planControlPlane(cps, this.spec.controlPlane.etcd, hostsOf(this.etcdHosts.values())), {
      hostAlive: (host) => this.hostAlive(host) === true,
      raft: { rng: stream('etcd', seed) },
    });
    this.ha.start();
    this.ha.attach(this.api);
    const electionEnv: SimEnv = { ...this.env, rng: stream('leader-election', seed) };
    this.controlPlane = new ControlPlaneProcesses(this.env, this.api, cps.map((c) => c.name), this.ha, electionEnv);
    this.network = new NetworkingStack(this.env, this.api, {
      nodeAlive: (node) => this.machines.get(node)?.alive ?? false,
      clusterCidr: `${net.podCidrPrefix}.0.0/16`,
      dnsServiceIP: net.dnsIP,
      roles: TRAFFIC_ROLES,
      seed: fnv32a(`network/${seed}`),
    });
    this.traffic = new TrafficStack(this.env, this.api, this.network, fnv32a(`traffic/${seed}`));
    this.provisioner = localPathProvisioner(this.env, this.api, this.spec.distribution, seed);
    this.serviceLB = this.spec.distribution === 'k3s' ? new ServiceLB(this.env, this.api) : undefined;
    this.datastore = datastoreOf(this.spec);
    const etcdSandbox = haSandbox({
      ha: this.ha,
      log: this.log,
      hostAlive: (h) => this.hostAlive(h),
      setEtcdProcess: (host, running) => this.setEtcdProcess(host, running),
    });
    this.sandbox = new MachineSandbox(this, {
      controlPlane: this.datastore === 'etcd' ? etcdSandbox : withoutEtcd(etcdSandbox, cps[0]?.name ?? 'server'),
      dataPlane: dataPlaneSandbox({ api: this.api, network: this.network, traffic: this.traffic, nodeExists: (n) => this.machines.has(n) }),
    });
  }

  /** The stacked etcd static pod `etcd-<host>` on a control-plane machine: its process stopped or freed. */
  private setEtcdProcess(host: string, running: boolean): void {
    const machine = this.machines.get(host);
    if (!machine) return;
    const key = processKey('kube-system', `etcd-${host}`, 'etcd');
    if (running) machine.stoppedProcesses.delete(key);
    else machine.stoppedProcesses.add(key);
    this.kubelets.get(host)?.processChanged('kube-system', `etcd-${host}`, 'etcd');
  }

  /** Is the machine powered on? undefined when there is no such machine. */
  hostAlive(host: string): boolean | undefined {
    return (this.machines.get(host) ?? this.etcdHosts.get(host))?.alive;
  }

  /** The scheduler that acts now (the Lease holder), or the first control-plane node's. */
  get scheduler(): Scheduler {
    return this.controlPlane.leaderScheduler() ?? this.controlPlane.instances[0]!.scheduler;
  }

  /** The controller manager that acts now (the Lease holder), or the first control-plane node's. */
  get controllerManager(): ControllerManager {
    const leading = this.controlPlane.instances.find((i) => i.controllerManagerElector.leading);
    return (leading ?? this.controlPlane.instances[0]!).controllerManager;
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
    this.controlPlane.start((host) => this.hostAlive(host) === true);
    this.network.start();
    this.traffic.start();
    this.provisioner.start();
    this.serviceLB?.start();
    if (this.opts.traffic) this.traffic.configure(this.opts.traffic);
    const addons = { component: this.spec.distribution === 'k3s' ? 'k3s' : 'kubeadm' };
    for (const a of systemAddons(this.spec.distribution)) this.api.create(addons, a.resource, a.namespace, a.object);
    this.api.create(addons, 'storageclasses', undefined, defaultStorageClass(this.spec.distribution));
    this.queue.runUntilQuiet(BOOT_LIMIT_MS);
    this.startMs = Math.ceil(this.queue.nowMs / 1000) * 1000;
    this.queue.runUntil(this.startMs);
    return this;
  }

  preloadImages(m: Machine): void {
    const base = this.spec.distribution === 'k3s' ? k3sPreloadedImages() : [SYSTEM_IMAGES.pause, SYSTEM_IMAGES.proxy, SYSTEM_IMAGES.coredns];
    for (const image of base) m.images.set(image, 30 * 2 ** 20);
    if (m.config.role === 'control-plane') {
      for (const image of [SYSTEM_IMAGES.apiserver, SYSTEM_IMAGES.controllerManager, SYSTEM_IMAGES.scheduler, SYSTEM_IMAGES.etcd]) m.images.set(image, 60 * 2 ** 20);
    }
  }

  startKubelet(m: Machine): void {
    const staticPods = m.config.role === 'control-plane' ? controlPlaneStaticPods(m.config, this.spec.controlPlane.etcd === 'stacked') : [];
    const kubelet = new Kubelet(this.env, this.api, m, staticPods);
    this.kubelets.set(m.config.name, kubelet);
    m.alive = true;
    // A machine that boots starts every process afresh, as the HA model restarts its etcd member (hostUp).
    m.stoppedProcesses.clear();
    kubelet.start();
  }

  // ------------------------------------------------------------------ commands

  /** Runs one command line (kubectl / helm / sandbox) as a user operation. */
  run(line: string, source: Operation['source'] = 'user'): CommandProcess {
    const op = this.log.beginOperation(line.trim(), source);
    return runCommand(this, line, op.id);
  }

  decisionFor(namespace: string, pod: string): SchedulingDecision | undefined {
    return this.controlPlane.decisionFor(namespace, pod);
  }

  killNode(name: string): string | undefined {
    return this.sandbox.killNode(name);
  }

  restoreNode(name: string): string | undefined {
    return this.sandbox.restoreNode(name);
  }

  addNode(name: string, opts: NodeOptions): string | undefined {
    return this.sandbox.addNode(name, opts);
  }

  removeNode(name: string): string | undefined {
    return this.sandbox.removeNode(name);
  }

  // ------------------------------------------------------------------ inspection

  /** Every stored object of a resource, unlogged (for projections and tests). */
  objects<T extends KubeObject = KubeObject>(resource: string): T[] {
    return this.api.snapshot<T>(resource);
  }
}
