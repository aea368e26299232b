import type { Node, Taint } from '../../api/types';
import { bytes, cpuMillis, parseQuantity } from '../../util/quantity';
import { F, NodeColumns, NodeFlag, STRIDE } from './node-columns';
import { normalizedImageName, type HostPort, type PodInfo } from './pod-info';

const WILDCARD_IP = '0.0.0.0';
const LABEL_HOSTNAME = 'kubernetes.io/hostname';
const LABEL_ZONE = 'topology.kubernetes.io/zone';

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
  // Declared first so that the fields every Filter call reads share the object's first cache line.
  /** Where this node's hot numbers live (the cache's shared columns, or a private copy). */
  private readonly cols: NodeColumns;
  /** Offset of this node's record in cols.data. */
  private readonly base: number;
  /** Index of this node's record in cols. */
  private readonly col: number;
  readonly name: string;
  /** Small stable integer identifying the node in the cache's indexes (selector counts). */
  readonly slot: number;
  node: Node | undefined;
  labels: Readonly<Record<string, string>> = {};
  /** labels['kubernetes.io/hostname'] and labels['topology.kubernetes.io/zone'], read once per node update (PodTopologySpread reads them per candidate node). */
  hostnameLabel: string | undefined;
  zoneLabel: string | undefined;
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

  constructor(name: string, slot: number, cols: NodeColumns = new NodeColumns(1), col = 0) {
    cols.claim(col);
    this.cols = cols;
    this.base = col * STRIDE;
    this.col = col;
    this.name = name;
    this.slot = slot;
  }

  // The hot numbers, read by Filter / Score on every node of every cycle.
  get allocatableMilliCPU(): number {
    return this.cols.data[this.base + F.AllocatableMilliCPU]!;
  }
  get allocatableMemory(): number {
    return this.cols.data[this.base + F.AllocatableMemory]!;
  }
  get allocatablePods(): number {
    return this.cols.data[this.base + F.AllocatablePods]!;
  }
  get requestedMilliCPU(): number {
    return this.cols.data[this.base + F.RequestedMilliCPU]!;
  }
  get requestedMemory(): number {
    return this.cols.data[this.base + F.RequestedMemory]!;
  }
  /** Requests with the 100m / 200Mi scoring defaults for containers that set none. */
  get nonZeroMilliCPU(): number {
    return this.cols.data[this.base + F.NonZeroMilliCPU]!;
  }
  get nonZeroMemory(): number {
    return this.cols.data[this.base + F.NonZeroMemory]!;
  }
  get podCount(): number {
    return this.cols.data[this.base + F.PodCount]!;
  }
  get filterTaintCount(): number {
    return this.cols.data[this.base + F.FilterTaintCount]!;
  }
  get preferNoScheduleTaintCount(): number {
    return this.cols.data[this.base + F.PreferNoScheduleTaintCount]!;
  }
  get usedPortCount(): number {
    return this.cols.data[this.base + F.UsedPortCount]!;
  }
  /** The columns holding this node's record, and the record's index in them (for column-walking loops). */
  get columns(): NodeColumns {
    return this.cols;
  }
  get record(): number {
    return this.col;
  }

  get unschedulable(): boolean {
    return (this.cols.data[this.base + F.Flags]! & NodeFlag.Unschedulable) !== 0;
  }

  private set(field: number, value: number): void {
    this.cols.data[this.base + field] = value;
    this.cols.touch(this.col);
  }

  private add(field: number, delta: number): void {
    this.cols.data[this.base + field]! += delta;
    this.cols.touch(this.col);
  }

  private setLabels(labels: Readonly<Record<string, string>>): void {
    this.labels = labels;
    this.hostnameLabel = labels[LABEL_HOSTNAME];
    this.zoneLabel = labels[LABEL_ZONE];
  }

  setNode(node: Node): void {
    this.node = node;
    this.setLabels(node.metadata.labels ?? {});
    const alloc = node.status?.allocatable ?? node.status?.capacity ?? {};
    this.set(F.AllocatableMilliCPU, cpuMillis(alloc.cpu));
    this.set(F.AllocatableMemory, bytes(alloc.memory));
    this.set(F.AllocatablePods, Math.floor(parseQuantity(alloc.pods) ?? 0));
    const taints = node.spec.taints ?? [];
    this.filterTaints = taints.filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
    this.preferNoScheduleTaints = taints.filter((t) => t.effect === 'PreferNoSchedule');
    this.set(F.FilterTaintCount, this.filterTaints.length);
    this.set(F.PreferNoScheduleTaintCount, this.preferNoScheduleTaints.length);
    this.set(F.Flags, (node.spec.unschedulable === true ? NodeFlag.Unschedulable : 0) | (this.hostnameLabel !== undefined ? NodeFlag.HasHostname : 0));
    const images = new Map<string, number>();
    for (const img of node.status?.images ?? []) {
      for (const n of img.names) images.set(normalizedImageName(n), img.sizeBytes);
    }
    this.imageSizes = images;
    this.generation++;
  }

  private account(pi: PodInfo, sign: number): void {
    this.set(F.PodCount, this.pods.size);
    this.add(F.RequestedMilliCPU, sign * pi.requests.milliCPU);
    this.add(F.RequestedMemory, sign * pi.requests.memory);
    this.add(F.NonZeroMilliCPU, sign * pi.nonZeroRequests.milliCPU);
    this.add(F.NonZeroMemory, sign * pi.nonZeroRequests.memory);
    for (const p of pi.hostPorts) {
      if (sign > 0) this.usedPorts.add(p);
      else this.usedPorts.remove(p);
    }
    this.set(F.UsedPortCount, this.usedPorts.size);
    this.generation++;
  }

  addPod(pi: PodInfo): void {
    this.pods.set(pi.key, pi);
    this.account(pi, 1);
    if (pi.hasAffinity) this.podsWithAffinity++;
    if (pi.requiredAntiAffinityTerms.length > 0) this.podsWithRequiredAntiAffinity.add(pi);
  }

  /**
   * Swaps in a newer PodInfo for a pod already here whose requests, ports, affinity and
   * labels are unchanged (same numbers, so nothing to re-account). False when absent.
   */
  replacePod(pi: PodInfo): boolean {
    const old = this.pods.get(pi.key);
    if (!old) return false;
    this.pods.set(pi.key, pi);
    if (this.podsWithRequiredAntiAffinity.delete(old)) this.podsWithRequiredAntiAffinity.add(pi);
    this.generation++;
    return true;
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
    c.setLabels(this.labels);
    c.filterTaints = this.filterTaints;
    c.preferNoScheduleTaints = this.preferNoScheduleTaints;
    c.imageSizes = this.imageSizes;
    for (const f of [F.Flags, F.FilterTaintCount, F.PreferNoScheduleTaintCount, F.AllocatablePods, F.AllocatableMilliCPU, F.AllocatableMemory]) {
      c.set(f, this.cols.data[this.base + f]!);
    }
    for (const pi of this.pods.values()) c.addPod(pi);
    c.generation = this.generation;
    return c;
  }
}
