import type { Node, Pod } from '../../api/types';
import { NodeColumns } from './node-columns';
import { NodeInfo } from './node-info';
import { NodeTree } from './node-tree';
import { newPodInfo, podKey, type PodInfo } from './pod-info';
import { SelectorCountIndex } from './selector-counts';

interface PodState {
  info: PodInfo;
  node: string;
  /** Reserved by a scheduling cycle, not yet seen bound through the watch. */
  assumed: boolean;
}

/** Pods in a terminal phase hold no resources (upstream's scheduler informer filters them out). */
export function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/**
 * The scheduler cache: one NodeInfo per node with every bound and assumed pod, updated
 * incrementally from informer events and from the scheduler's own Reserve step. A
 * scheduling cycle runs synchronously between events, so the cache itself is the
 * cycle's consistent snapshot; nothing is rebuilt per pod.
 */
export class SchedulerCache {
  private readonly infos = new Map<string, NodeInfo>();
  private readonly tree = new NodeTree();
  private readonly podStates = new Map<string, PodState>();
  private readonly freeSlots: number[] = [];
  private nextSlot = 0;
  private readonly imageNodes = new Map<string, number>();
  private readonly affinityNodes = new Set<NodeInfo>();
  private readonly antiAffinityNodes = new Set<NodeInfo>();
  /** Live nodes with at least one PreferNoSchedule taint (TaintToleration's Score is 0 everywhere without). */
  private preferNoScheduleNodes = 0;
  /** Label key → how many live nodes carry it (lets PodTopologySpread skip keys no node has). */
  private readonly labelKeyNodes = new Map<string, number>();
  private readonly columns = new NodeColumns();
  private orderedNames: readonly string[] | undefined;
  private ordered: NodeInfo[] = [];
  readonly selectorCounts = new SelectorCountIndex(() => this.infos.values());

  // ------------------------------------------------------------------ nodes

  addOrUpdateNode(node: Node): NodeInfo {
    const name = node.metadata.name;
    let ni = this.infos.get(name);
    if (!ni) {
      const slot = this.allocSlot();
      ni = new NodeInfo(name, slot, this.columns, slot);
      this.infos.set(name, ni);
    }
    this.countImages(ni, -1);
    const before = ni.node ? ni.labels : undefined;
    if (ni.node && ni.preferNoScheduleTaintCount > 0) this.preferNoScheduleNodes--;
    ni.setNode(node);
    if (ni.preferNoScheduleTaintCount > 0) this.preferNoScheduleNodes++;
    if (before !== ni.labels) {
      if (before) this.countLabelKeys(before, -1);
      this.countLabelKeys(ni.labels, 1);
    }
    this.countImages(ni, 1);
    this.tree.add(node);
    this.refreshAffinity(ni);
    return ni;
  }

  removeNode(name: string): void {
    const ni = this.infos.get(name);
    if (!ni) return;
    this.countImages(ni, -1);
    if (ni.node) this.countLabelKeys(ni.labels, -1);
    if (ni.node && ni.preferNoScheduleTaintCount > 0) this.preferNoScheduleNodes--;
    ni.node = undefined;
    ni.imageSizes = new Map();
    this.tree.remove(name);
    this.refreshAffinity(ni);
    // Pods still bound to a deleted node stay accounted for until they go (a "ghost" node).
    if (ni.pods.size === 0) this.dropNodeInfo(ni);
  }

  get(name: string): NodeInfo | undefined {
    const ni = this.infos.get(name);
    return ni?.node ? ni : undefined;
  }

  /** Nodes in scheduling order (interleaved by zone); the array is reused until nodes come or go. */
  nodeList(): readonly NodeInfo[] {
    const names = this.tree.list();
    if (names !== this.orderedNames) {
      this.ordered = names.map((n) => this.infos.get(n)!);
      this.orderedNames = names;
    }
    return this.ordered;
  }

  get nodeCount(): number {
    return this.tree.size;
  }

  nodesWithAffinityPods(): Iterable<NodeInfo> {
    return this.affinityNodes;
  }

  nodesWithRequiredAntiAffinityPods(): Iterable<NodeInfo> {
    return this.antiAffinityNodes;
  }

  /** Whether any live node runs a pod with (anti-)affinity: lets InterPodAffinity return early. */
  get hasAffinityPods(): boolean {
    return this.affinityNodes.size > 0;
  }

  get hasRequiredAntiAffinityPods(): boolean {
    return this.antiAffinityNodes.size > 0;
  }

  /** How many live nodes have a PreferNoSchedule taint. */
  get nodesWithPreferNoScheduleTaints(): number {
    return this.preferNoScheduleNodes;
  }

  /** Whether these are the columns of this cache's nodes. */
  ownsColumns(cols: NodeColumns): boolean {
    return cols === this.columns;
  }

  /** On how many live nodes a label key is set (any value). */
  nodesWithLabelKey(key: string): number {
    return this.labelKeyNodes.get(key) ?? 0;
  }

  /** On how many nodes an image (normalized name) is present (ImageLocality's spread). */
  imageNumNodes(image: string): number {
    return this.imageNodes.get(image) ?? 0;
  }

  // ------------------------------------------------------------------ pods

  /** An assigned pod seen through the watch: confirms an assumed pod or adds a new one. */
  addOrUpdatePod(pod: Pod, key = podKey(pod)): void {
    const nodeName = pod.spec.nodeName;
    if (!nodeName || isTerminal(pod)) {
      this.removePod(key);
      return;
    }
    const prev = this.podStates.get(key);
    // Confirming our own assumption: the bind changed nodeName and status only, so the
    // derived numbers still hold.
    const reuse = prev !== undefined && (prev.assumed ? prev.node === nodeName && prev.info.uid === pod.metadata.uid : derivedUnchanged(prev.info, pod));
    const info = reuse ? { ...prev.info, pod } : newPodInfo(pod);
    // Same node, same derived numbers (the kubelet's status writes): no count changes, so
    // swap the stored PodInfo in place instead of subtracting and re-adding everything.
    if (reuse && prev.node === nodeName && this.infos.get(nodeName)?.replacePod(info)) {
      prev.info = info;
      prev.assumed = false;
      return;
    }
    if (prev) {
      // The entry's state is private to the cache: updated in place (no new object, no second map write).
      this.detach(prev);
      prev.info = info;
      prev.node = nodeName;
      prev.assumed = false;
      this.attach(prev);
      return;
    }
    const state: PodState = { info, node: nodeName, assumed: false };
    this.podStates.set(key, state);
    this.attach(state);
  }

  removePod(key: string): void {
    const prev = this.podStates.get(key);
    if (!prev) return;
    this.detach(prev);
    this.podStates.delete(key);
  }

  /** Reserve: account the pod on the chosen node before the bind is observed. */
  assumePod(pi: PodInfo, nodeName: string): void {
    const prev = this.podStates.get(pi.key);
    if (prev) this.detach(prev);
    const state: PodState = { info: pi, node: nodeName, assumed: true };
    this.podStates.set(pi.key, state);
    this.attach(state);
  }

  /** Unreserve after a failed bind. Confirmed pods are left alone. */
  forgetPod(key: string): void {
    const prev = this.podStates.get(key);
    if (prev?.assumed) this.removePod(key);
  }

  isAssumed(key: string): boolean {
    return this.podStates.get(key)?.assumed === true;
  }

  nodeOfPod(key: string): string | undefined {
    return this.podStates.get(key)?.node;
  }

  get podCount(): number {
    return this.podStates.size;
  }

  // ------------------------------------------------------------------ internals

  private attach(s: PodState): void {
    let ni = this.infos.get(s.node);
    if (!ni) {
      // Bound to a node we have not seen (yet): keep it on a ghost NodeInfo.
      const slot = this.allocSlot();
      ni = new NodeInfo(s.node, slot, this.columns, slot);
      this.infos.set(s.node, ni);
    }
    ni.addPod(s.info);
    this.selectorCounts.onPodAdded(ni, s.info);
    this.refreshAffinity(ni);
  }

  private detach(s: PodState): void {
    const ni = this.infos.get(s.node);
    if (!ni) return;
    const removed = ni.removePod(s.info.key);
    if (removed) this.selectorCounts.onPodRemoved(ni, removed);
    this.refreshAffinity(ni);
    if (!ni.node && ni.pods.size === 0) this.dropNodeInfo(ni);
  }

  private refreshAffinity(ni: NodeInfo): void {
    const live = ni.node !== undefined;
    if (live && ni.podsWithAffinity > 0) this.affinityNodes.add(ni);
    else this.affinityNodes.delete(ni);
    if (live && ni.podsWithRequiredAntiAffinity.size > 0) this.antiAffinityNodes.add(ni);
    else this.antiAffinityNodes.delete(ni);
  }

  private countLabelKeys(labels: Readonly<Record<string, string>>, delta: number): void {
    for (const key in labels) {
      const n = (this.labelKeyNodes.get(key) ?? 0) + delta;
      if (n > 0) this.labelKeyNodes.set(key, n);
      else this.labelKeyNodes.delete(key);
    }
  }

  private countImages(ni: NodeInfo, delta: number): void {
    for (const image of ni.imageSizes.keys()) {
      const n = (this.imageNodes.get(image) ?? 0) + delta;
      if (n > 0) this.imageNodes.set(image, n);
      else this.imageNodes.delete(image);
    }
  }

  private allocSlot(): number {
    const slot = this.freeSlots.pop() ?? this.nextSlot++;
    this.selectorCounts.ensureSlot(slot);
    return slot;
  }

  private dropNodeInfo(ni: NodeInfo): void {
    this.infos.delete(ni.name);
    this.affinityNodes.delete(ni);
    this.antiAffinityNodes.delete(ni);
    this.selectorCounts.clearSlot(ni.slot);
    this.freeSlots.push(ni.slot);
  }
}

/**
 * A status-only write (the kubelet's) shares spec and labels with the pod before it: what
 * PodInfo derives from them (requests, affinity terms, ports, images) still holds.
 */
function derivedUnchanged(prev: PodInfo, pod: Pod): boolean {
  const old = prev.pod;
  return old.spec === pod.spec && old.metadata.labels === pod.metadata.labels && old.metadata.uid === pod.metadata.uid
    && old.metadata.deletionTimestamp === pod.metadata.deletionTimestamp;
}
