import type { KubeObject, Pod } from '../../api/types';
import type { Informer } from '../../client/informer';
import type { CacheIndexer } from '../../client/shared-informer';

/**
 * spec.nodeName → pod keys, kept with the informer's cache (shared by the controllers reading
 * it). A key's entry is found from the cached object the informer hands back (`old` on
 * upsert, the object on remove): no second map of key → node.
 */
class NodeNameIndex implements CacheIndexer {
  readonly byNode = new Map<string, Set<string>>();

  upsert(key: string, obj: KubeObject, old?: KubeObject): void {
    const node = (obj as Pod).spec?.nodeName;
    const before = old ? (old as Pod).spec?.nodeName : undefined;
    // The same node (every status write) changes nothing.
    if (before === node) return;
    if (before) this.unindex(key, before);
    if (!node) return;
    let set = this.byNode.get(node);
    if (!set) this.byNode.set(node, (set = new Set()));
    set.add(key);
  }

  remove(key: string, obj: KubeObject): void {
    const node = (obj as Pod).spec?.nodeName;
    if (node) this.unindex(key, node);
  }

  private unindex(key: string, node: string): void {
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

  /** Nodes with at least one pod bound (in no particular order). */
  nodes(): IterableIterator<string> {
    return this.index.byNode.keys();
  }

  hasPods(node: string): boolean {
    return this.index.byNode.has(node);
  }

  get(key: string): Pod | undefined {
    return this.informer?.getByKey(key);
  }
}
