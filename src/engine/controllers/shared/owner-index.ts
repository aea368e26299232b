import type { KubeObject } from '../../api/types';
import type { Informer } from '../../client/informer';
import type { CacheIndexer } from '../../client/shared-informer';
import { controllerRefOf } from './owner-refs';

/**
 * Objects of one informer indexed by their controller's uid, plus the orphans of each
 * namespace, so a controller finds "its" pods without scanning every pod in the cluster.
 * The index lives with the informer's cache: controllers sharing a cache share it (upstream's
 * controllerUIDIndex on the shared pod informer).
 */
export class OwnerIndex<T extends KubeObject> {
  private store = new OwnerIndexStore();

  /** Reads the informer's owner index (created on first use, kept up to date with the cache). */
  attach(informer: Informer<T>): this {
    this.store = informer.indexer(OWNER_INDEX, () => new OwnerIndexStore());
    return this;
  }

  /** Objects whose controller reference points at `uid`. */
  owned(uid: string | undefined): T[] {
    return this.store.owned(uid) as T[];
  }

  ownedCount(uid: string | undefined): number {
    return this.store.ownedCount(uid);
  }

  /** Objects of `namespace` with no controller reference (candidates for adoption). */
  orphansIn(namespace: string | undefined): T[] {
    return this.store.orphansIn(namespace) as T[];
  }
}

const OWNER_INDEX = 'controller-uid';

/**
 * The index itself. A key's bucket is found from the cached object the informer hands back
 * (`old` on upsert, the object on remove; every index has seen it): no map of key → owner.
 */
class OwnerIndexStore implements CacheIndexer {
  private readonly byOwner = new Map<string, Map<string, KubeObject>>();
  private readonly orphans = new Map<string, Map<string, KubeObject>>();

  upsert(key: string, obj: KubeObject, old?: KubeObject): void {
    const owner = controllerRefOf(obj)?.uid;
    if (old !== undefined) {
      // The same owner references (every status write): the same bucket, without looking at `old`'s.
      const before = old.metadata.ownerReferences === obj.metadata.ownerReferences ? owner : controllerRefOf(old)?.uid;
      if (before === owner) {
        this.bucket(owner, obj.metadata.namespace)?.set(key, obj);
        return;
      }
      this.removeFrom(key, before, old.metadata.namespace);
    }
    const map = owner ? this.byOwner : this.orphans;
    const bucket = owner ?? obj.metadata.namespace ?? '';
    let m = map.get(bucket);
    if (!m) map.set(bucket, (m = new Map()));
    m.set(key, obj);
  }

  remove(key: string, obj: KubeObject): void {
    this.removeFrom(key, controllerRefOf(obj)?.uid, obj.metadata.namespace);
  }

  private bucket(owner: string | undefined, namespace: string | undefined): Map<string, KubeObject> | undefined {
    return owner ? this.byOwner.get(owner) : this.orphans.get(namespace ?? '');
  }

  private removeFrom(key: string, owner: string | undefined, namespace: string | undefined): void {
    const map = owner ? this.byOwner : this.orphans;
    const bucket = owner ?? namespace ?? '';
    const m = map.get(bucket);
    m?.delete(key);
    if (m?.size === 0) map.delete(bucket);
  }

  owned(uid: string | undefined): KubeObject[] {
    const m = uid ? this.byOwner.get(uid) : undefined;
    return m ? [...m.values()] : [];
  }

  ownedCount(uid: string | undefined): number {
    return uid ? (this.byOwner.get(uid)?.size ?? 0) : 0;
  }

  orphansIn(namespace: string | undefined): KubeObject[] {
    const m = this.orphans.get(namespace ?? '');
    return m ? [...m.values()] : [];
  }
}
