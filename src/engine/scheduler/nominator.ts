import type { NodeInfo } from './cache/node-info';
import type { PodInfo } from './cache/pod-info';

/**
 * Pods nominated to a node by preemption (status.nominatedNodeName) but not yet bound.
 * While they wait for their victims to go, other pods of lower or equal priority must
 * not take the room they were promised (upstream nominator).
 */
export class Nominator {
  private readonly byNode = new Map<string, Map<string, PodInfo>>();
  private readonly nodeOf = new Map<string, string>();

  set(pod: PodInfo, node: string | undefined): void {
    this.delete(pod.key);
    if (!node) return;
    let m = this.byNode.get(node);
    if (!m) this.byNode.set(node, (m = new Map()));
    m.set(pod.key, pod);
    this.nodeOf.set(pod.key, node);
  }

  delete(key: string): void {
    const node = this.nodeOf.get(key);
    if (node === undefined) return;
    const m = this.byNode.get(node)!;
    m.delete(key);
    if (m.size === 0) this.byNode.delete(node);
    this.nodeOf.delete(key);
  }

  nodeFor(key: string): string | undefined {
    return this.nodeOf.get(key);
  }

  podsOn(node: string): Iterable<PodInfo> {
    return this.byNode.get(node)?.values() ?? [];
  }

  get size(): number {
    return this.nodeOf.size;
  }

  /**
   * The node as it will be once the pods nominated to it with priority ≥ the pod's are
   * bound; undefined when there are none (the common case: no copy made).
   */
  withNominatedPods(node: NodeInfo, pod: PodInfo): NodeInfo | undefined {
    const nominated = this.byNode.get(node.name);
    if (!nominated) return undefined;
    let copy: NodeInfo | undefined;
    for (const p of nominated.values()) {
      if (p.key === pod.key || p.priority < pod.priority || node.pods.has(p.key)) continue;
      copy = copy ?? node.clone();
      copy.addPod(p);
    }
    return copy;
  }
}
