import type { KubeObject, Pod } from '../../api/types';
import type { Informer } from '../../client/informer';
import type { CacheIndexer } from '../../client/shared-informer';

/** spec.nodeName → pod keys, kept with the informer's cache (shared by the controllers reading it). */
class NodeNameIndex implements CacheIndexer {
  readonly byNode = new Map<string, Set<string>>();
  private readonly nodeOf = new Map<string, string>();

  upsert(key: string, obj: KubeObject, old?: KubeObject): void {
    const node = (obj as Pod).spec?.nodeName;
    // The entry stands for `old`'s node: the same node (every status write) changes nothing.
    if (old && (old as Pod).spec?.nodeName === node) return;
    const before = this.nodeOf.get(key);
    if (before === node) return;
    if (before !== undefined) this.unindex(key);
    if (!node) return;
    this.nodeOf.set(key, node);
    let set = this.byNode.get(node);
    if (!set) this.byNode.set(node, (set = new Set()));
    set.add(key);
  }

  remove(key: string): void {
    this.unindex(key);
  }

  private unindex(key: string): void {
    const node = this.nodeOf.get(key);
    if (node === undefined) return;
    this.nodeOf.delete(key);
    const set = this.byNode.get(node);
    set?.delete(key);
    if (set?.size === 0) this.byNode.delete(node);
  }
}

/** A pod informer indexed by spec.nodeName (the controllers' getPodsAssignedToNode). */
export class PodsByNode {
  private informer: Informer<Pod> | undefined;
  private index = new NodeNameIndex();

  attach(informer: Informer<Pod>): void {
    this.informer = informer;
    this.index = informer.indexer('spec.nodeName', () => new NodeNameIndex());
  }

  /** Pods bound to `node`, in key order (deterministic). */
  on(node: string): Pod[] {
    const keys = [...(this.index.byNode.get(node) ?? [])].sort();
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
