import type { ApiServer } from '../api/apiserver';
import type { Pod } from '../api/types';
import { objectKey, type Informer } from '../client/informer';
import { Component } from '../client/component';
import { EventRecorder } from '../client/event-recorder';
import type { Machine } from '../cluster/node-config';
import type { ResourceUsage } from '../commands/host';
import type { SimEnv } from '../sim/env';
import type { ScheduledEvent } from '../sim/event-queue';
import { fnv32a } from '../util/clone';
import { Backoff } from './backoff';
import { processKey } from './container-keys';
import { ImagePuller } from './image-puller';
import { cidrRange, IpAllocator } from './ip-allocator';
import type { KubeletRuntime } from './kubelet-runtime';
import { NodeAgent } from './node-agent';
import { allocatableMemoryBytes } from './node-status';
import { logsFor } from './pod-logs';
import { admitPod, containerRequests, podRequests, type Rejection, type Requests } from './pod-resources';
import { isTerminalPhase, PodWorker } from './pod-worker';
import { addUsage, containerUsage, systemUsage } from './resource-usage';
import { namespacedKey } from '../util/keys';

/** What survives on a machine's disk between kubelet runs: host-local's last reserved pod IP. */
const lastReservedIp = new WeakMap<Machine, number>();

const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

/**
 * The kubelet of one node: registers the Node, heartbeats (Lease + status), runs the pods
 * bound to it (watched through an indexed `spec.nodeName` watch), and the static pods from
 * its manifests (published as mirror pods). A killed node's kubelet simply stops; the
 * Cluster starts a new one on restore, which picks up from what the API holds.
 */
export class Kubelet extends Component implements KubeletRuntime {
  readonly nodeName: string;
  readonly runtimeId: string;
  readonly recorder: EventRecorder;
  readonly puller: ImagePuller;
  readonly ips: IpAllocator;
  readonly containerBackoff = new Backoff();
  readonly imageBackoff = new Backoff();
  private readonly workers = new Map<string, PodWorker>();
  private readonly agent: NodeAgent;
  private pods: Informer<Pod> | undefined;
  private readonly systemSeed: number;

  constructor(
    env: SimEnv,
    api: ApiServer,
    readonly machine: Machine,
    readonly staticPods: readonly Pod[] = [],
  ) {
    super(env, api, `kubelet/${machine.config.name}`);
    this.nodeName = machine.config.name;
    this.runtimeId = `runtime/${this.nodeName}`;
    this.recorder = new EventRecorder(env, api, 'kubelet');
    this.puller = new ImagePuller(machine, (d, l, f, bg) => void this.schedule(d, l, f, bg), () => env.now(), env.config.imagePullMsPerMiB);
    this.ips = new IpAllocator(cidrRange(machine.config.podCIDR), lastReservedIp.get(machine));
    this.agent = new NodeAgent(this, env.rng.uuid());
    this.systemSeed = fnv32a(`system/${this.nodeName}`);
  }

  // ------------------------------------------------------------------ KubeletRuntime

  schedule(delayMs: number, label: string, fn: () => void, background = false): ScheduledEvent | undefined {
    if (delayMs <= 0 && !background) {
      fn();
      return undefined;
    }
    return this.after(delayMs, label, fn, background);
  }

  defer(label: string, fn: () => void): ScheduledEvent {
    return this.after(0, label, fn);
  }

  unschedule(ev: ScheduledEvent | undefined): void {
    this.cancel(ev);
  }

  // ------------------------------------------------------------------ lifecycle

  protected onStart(): void {
    this.agent.start();
    this.createMirrorPods();
    this.pods = this.informer<Pod>('pods', { nodeName: this.nodeName });
    this.pods.on({
      add: (pod, opId, key) => this.podAdded(pod, opId, key),
      update: (_old, pod, opId, key) => this.podUpdated(pod, opId, key),
      delete: (pod) => this.podDeleted(pod),
    });
  }

  protected override onStop(): void {
    const last = this.ips.lastReservedIp;
    if (last !== undefined) lastReservedIp.set(this.machine, last);
  }

  private createMirrorPods(): void {
    for (const pod of this.staticPods) this.createMirror(pod);
  }

  private createMirror(pod: Pod): void {
    const uid = this.agent.nodeUid;
    const hash = fnv32a(JSON.stringify(pod.spec)).toString(16);
    const annotations = { ...pod.metadata.annotations, 'kubernetes.io/config.hash': hash, [MIRROR_ANNOTATION]: hash, 'kubernetes.io/config.source': 'file' };
    const owner = uid ? [{ apiVersion: 'v1', kind: 'Node', name: this.nodeName, uid, controller: true }] : undefined;
    const mirror: Pod = { ...pod, metadata: { ...pod.metadata, annotations, ...(owner ? { ownerReferences: owner } : {}) } };
    this.api.create(this.ctx(), 'pods', pod.metadata.namespace, mirror);
  }

  private admission(pod: Pod, requests: Requests): Rejection | undefined {
    if (isTerminalPhase(pod) || pod.metadata.deletionTimestamp || pod.metadata.annotations?.[MIRROR_ANNOTATION]) return undefined;
    const c = this.machine.config;
    const used = { cpuMillis: 0, memoryBytes: 0, pods: 0 };
    for (const w of this.workers.values()) {
      if (!w.active) continue;
      used.cpuMillis += w.requests.cpuMillis;
      used.memoryBytes += w.requests.memoryBytes;
      used.pods++;
    }
    return admitPod(pod, requests, c.name, c.labels, { cpuMillis: c.cpuMillis, memoryBytes: allocatableMemoryBytes(c), pods: c.pods }, used);
  }

  /** `key`: objectKey(pod), as the informer hands it over. */
  private podAdded(pod: Pod, opId: number | undefined, key: string): void {
    const existing = this.workers.get(key);
    if (existing && existing.uid === pod.metadata.uid) {
      existing.update(pod, opId);
      return;
    }
    existing?.deleted();
    const requests = podRequests(pod);
    const worker = new PodWorker(this, pod, opId, this.admission(pod, requests), requests);
    this.workers.set(key, worker);
    worker.start();
  }

  private podUpdated(pod: Pod, opId: number | undefined, key: string): void {
    const w = this.workers.get(key);
    if (w && w.uid === pod.metadata.uid) w.update(pod, opId);
    else this.podAdded(pod, opId, key);
  }

  private podDeleted(pod: Pod): void {
    const key = objectKey(pod);
    const w = this.workers.get(key);
    if (!w || w.uid !== pod.metadata.uid) return;
    w.deleted();
    this.workers.delete(key);
    const stat = this.staticPods.find((s) => objectKey(s) === key);
    if (stat) this.createMirror(stat);
  }

  // ------------------------------------------------------------------ observability

  /** Node usage for `kubectl top node`: running containers plus the node's own processes. */
  usage(): ResourceUsage | undefined {
    const now = this.env.now();
    let total = systemUsage(this.systemSeed, now);
    for (const w of this.workers.values()) {
      for (const r of [...w.inits, ...w.apps]) if (r.isRunning) total = addUsage(total, containerUsage(r.usageSeed, containerRequests(r.spec), now));
    }
    return total;
  }

  podUsage(namespace: string, pod: string): { container: string; usage: ResourceUsage }[] | undefined {
    const w = this.workers.get(namespacedKey(namespace, pod));
    if (!w) return undefined;
    const now = this.env.now();
    const out = [...w.inits, ...w.apps].filter((r) => r.isRunning).map((r) => ({ container: r.name, usage: containerUsage(r.usageSeed, containerRequests(r.spec), now) }));
    return out.length > 0 ? out : undefined;
  }

  /**
   * The sandbox has stopped or freed a container's process on this machine
   * (Machine.stoppedProcesses): a stopped one is killed now, a freed one started at once.
   * False when this node runs no such container.
   */
  processChanged(namespace: string, pod: string, container: string): boolean {
    const w = this.workers.get(namespacedKey(namespace, pod));
    const r = w && [...w.inits, ...w.apps].find((x) => x.name === container);
    if (!r) return false;
    if (this.machine.stoppedProcesses.has(processKey(namespace, pod, container))) r.killProcess();
    else r.startProcess();
    return true;
  }

  containerLogs(namespace: string, pod: string, container: string | undefined, previous: boolean): string[] | { error: string } {
    const known = this.pods?.get(namespace, pod);
    return logsFor(this.workers.get(`${namespace}/${pod}`), pod, container ?? known?.spec.containers[0]?.name, previous, this.env.now());
  }
}
