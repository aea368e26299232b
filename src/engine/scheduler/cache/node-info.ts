import type { Node, Taint } from '../../api/types';
import { bytes, cpuMillis, parseQuantity } from '../../util/quantity';
import { NodeColumns, NodeFlag } from './node-columns';
import { normalizedImageName, type HostPort, type PodInfo } from './pod-info';

const WILDCARD_IP = '0.0.0.0';

/** Host ports in use on a node: protocol/port → set of host IPs (upstream HostPortInfo). */
export class HostPortIndex {
  private readonly byPort = new Map<string, Map<string, number>>();

  add(p: HostPort): void {
    const k = `${p.protocol}/${p.port}`;
    let ips = this.byPort.get(k);
    if (!ips) this.byPort.set(k, (ips = new Map()));
    ips.set(p.ip, (ips.get(p.ip) ?? 0) + 1);
  }

  remove(p: HostPort): void {
    const k = `${p.protocol}/${p.port}`;
    const ips = this.byPort.get(k);
    const n = ips?.get(p.ip);
    if (!ips || n === undefined) return;
    if (n > 1) ips.set(p.ip, n - 1);
    else ips.delete(p.ip);
    if (ips.size === 0) this.byPort.delete(k);
  }

  /** A wildcard IP on either side conflicts with every address on the same protocol/port. */
  conflicts(p: HostPort): boolean {
    const ips = this.byPort.get(`${p.protocol}/${p.port}`);
    if (!ips) return false;
    if (p.ip === WILDCARD_IP) return true;
    return ips.has(WILDCARD_IP) || ips.has(p.ip);
  }

  get size(): number {
    return this.byPort.size;
  }

  clone(): HostPortIndex {
    const c = new HostPortIndex();
    for (const [k, ips] of this.byPort) c.byPort.set(k, new Map(ips));
    return c;
  }
}

/**
 * The scheduler's view of one node: the Node object plus everything bound or assumed on
 * it, kept up to date incrementally by the cache (upstream framework.NodeInfo).
 */
export class NodeInfo {
  node: Node | undefined;
  labels: Readonly<Record<string, string>> = {};
  readonly pods = new Map<string, PodInfo>();
  podsWithAffinity = 0;
  readonly podsWithRequiredAntiAffinity = new Set<PodInfo>();
  readonly usedPorts = new HostPortIndex();
  /** normalized image name → size in bytes, from node.status.images. */
  imageSizes = new Map<string, number>();
  /** NoSchedule and NoExecute taints: what TaintToleration's Filter checks. */
  filterTaints: readonly Taint[] = [];
  preferNoScheduleTaints: readonly Taint[] = [];
  /** Bumped on every change; lets callers cache per-node work. */
  generation = 0;

  constructor(
    readonly name: string,
    /** Small stable integer identifying the node in the cache's indexes (selector counts). */
    readonly slot: number,
    /** Where this node's hot numbers live (the cache's shared columns, or a private copy). */
    private readonly cols: NodeColumns = new NodeColumns(1),
    private readonly col = 0,
  ) {
    cols.claim(col);
  }

  // The hot numbers, read by Filter / Score on every node of every cycle.
  get allocatableMilliCPU(): number {
    return this.cols.allocatableMilliCPU[this.col]!;
  }
  get allocatableMemory(): number {
    return this.cols.allocatableMemory[this.col]!;
  }
  get allocatablePods(): number {
    return this.cols.allocatablePods[this.col]!;
  }
  get requestedMilliCPU(): number {
    return this.cols.requestedMilliCPU[this.col]!;
  }
  get requestedMemory(): number {
    return this.cols.requestedMemory[this.col]!;
  }
  /** Requests with the 100m / 200Mi scoring defaults for containers that set none. */
  get nonZeroMilliCPU(): number {
    return this.cols.nonZeroMilliCPU[this.col]!;
  }
  get nonZeroMemory(): number {
    return this.cols.nonZeroMemory[this.col]!;
  }
  get podCount(): number {
    return this.cols.podCount[this.col]!;
  }
  get filterTaintCount(): number {
    return this.cols.filterTaintCount[this.col]!;
  }
  get preferNoScheduleTaintCount(): number {
    return this.cols.preferNoScheduleTaintCount[this.col]!;
  }
  get usedPortCount(): number {
    return this.cols.usedPortCount[this.col]!;
  }
  get unschedulable(): boolean {
    return (this.cols.flags[this.col]! & NodeFlag.Unschedulable) !== 0;
  }

  setNode(node: Node): void {
    const c = this.cols;
    const i = this.col;
    this.node = node;
    this.labels = node.metadata.labels ?? {};
    const alloc = node.status?.allocatable ?? node.status?.capacity ?? {};
    c.allocatableMilliCPU[i] = cpuMillis(alloc.cpu);
    c.allocatableMemory[i] = bytes(alloc.memory);
    c.allocatablePods[i] = Math.floor(parseQuantity(alloc.pods) ?? 0);
    const taints = node.spec.taints ?? [];
    this.filterTaints = taints.filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
    this.preferNoScheduleTaints = taints.filter((t) => t.effect === 'PreferNoSchedule');
    c.filterTaintCount[i] = this.filterTaints.length;
    c.preferNoScheduleTaintCount[i] = this.preferNoScheduleTaints.length;
    c.flags[i] = node.spec.unschedulable === true ? NodeFlag.Unschedulable : 0;
    const images = new Map<string, number>();
    for (const img of node.status?.images ?? []) {
      for (const n of img.names) images.set(normalizedImageName(n), img.sizeBytes);
    }
    this.imageSizes = images;
    this.generation++;
  }

  private account(pi: PodInfo, sign: number): void {
    const c = this.cols;
    const i = this.col;
    c.podCount[i] = this.pods.size;
    c.requestedMilliCPU[i]! += sign * pi.requests.milliCPU;
    c.requestedMemory[i]! += sign * pi.requests.memory;
    c.nonZeroMilliCPU[i]! += sign * pi.nonZeroRequests.milliCPU;
    c.nonZeroMemory[i]! += sign * pi.nonZeroRequests.memory;
    for (const p of pi.hostPorts) {
      if (sign > 0) this.usedPorts.add(p);
      else this.usedPorts.remove(p);
    }
    c.usedPortCount[i] = this.usedPorts.size;
    this.generation++;
  }

  addPod(pi: PodInfo): void {
    this.pods.set(pi.key, pi);
    this.account(pi, 1);
    if (pi.hasAffinity) this.podsWithAffinity++;
    if (pi.requiredAntiAffinityTerms.length > 0) this.podsWithRequiredAntiAffinity.add(pi);
  }

  /** Removes the pod stored under pi.key (the stored copy's numbers are what get subtracted). */
  removePod(key: string): PodInfo | undefined {
    const pi = this.pods.get(key);
    if (!pi) return undefined;
    this.pods.delete(key);
    this.account(pi, -1);
    if (pi.hasAffinity) this.podsWithAffinity--;
    this.podsWithRequiredAntiAffinity.delete(pi);
    return pi;
  }

  /** A private copy for what-if evaluation (preemption dry runs, nominated pods). */
  clone(): NodeInfo {
    const c = new NodeInfo(this.name, this.slot);
    c.node = this.node;
    c.labels = this.labels;
    c.filterTaints = this.filterTaints;
    c.preferNoScheduleTaints = this.preferNoScheduleTaints;
    c.imageSizes = this.imageSizes;
    c.cols.allocatableMilliCPU[0] = this.allocatableMilliCPU;
    c.cols.allocatableMemory[0] = this.allocatableMemory;
    c.cols.allocatablePods[0] = this.allocatablePods;
    c.cols.filterTaintCount[0] = this.filterTaintCount;
    c.cols.preferNoScheduleTaintCount[0] = this.preferNoScheduleTaintCount;
    c.cols.flags[0] = this.cols.flags[this.col]!;
    for (const pi of this.pods.values()) c.addPod(pi);
    c.generation = this.generation;
    return c;
  }
}
