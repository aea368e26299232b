import type { Pod } from '../../api/types';
import { objectKey, type Informer } from '../../client/informer';

/** A pod informer indexed by spec.nodeName (the controllers' getPodsAssignedToNode). */
export class PodsByNode {
  private informer: Informer<Pod> | undefined;
  private readonly byNode = new Map<string, Set<string>>();
  private readonly nodeOf = new Map<string, string>();

  attach(informer: Informer<Pod>): void {
    this.informer = informer;
    informer.on({
      add: (p) => this.index(p),
      update: (_o, p) => this.index(p),
      delete: (p) => this.unindex(objectKey(p)),
    });
  }

  private index(pod: Pod): void {
    const key = objectKey(pod);
    const node = pod.spec.nodeName;
    const before = this.nodeOf.get(key);
    if (before === node) return;
    if (before !== undefined) this.unindex(key);
    if (!node) return;
    this.nodeOf.set(key, node);
    let set = this.byNode.get(node);
    if (!set) this.byNode.set(node, (set = new Set()));
    set.add(key);
  }

  private unindex(key: string): void {
    const node = this.nodeOf.get(key);
    if (node === undefined) return;
    this.nodeOf.delete(key);
    const set = this.byNode.get(node);
    set?.delete(key);
    if (set?.size === 0) this.byNode.delete(node);
  }

  /** Pods bound to `node`, in key order (deterministic). */
  on(node: string): Pod[] {
    const keys = [...(this.byNode.get(node) ?? [])].sort();
    const out: Pod[] = [];
    for (const k of keys) {
      const p = this.informer?.getByKey(k);
      if (p) out.push(p);
    }
    return out;
  }

  get(key: string): Pod | undefined {
    return this.informer?.getByKey(key);
  }
}
