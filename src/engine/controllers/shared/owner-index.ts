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

class OwnerIndexStore implements CacheIndexer {
  private readonly byOwner = new Map<string, Map<string, KubeObject>>();
  private readonly orphans = new Map<string, Map<string, KubeObject>>();
  private readonly ownerOfKey = new Map<string, string | undefined>();

  upsert(key: string, obj: KubeObject, old?: KubeObject): void {
    const owner = controllerRefOf(obj)?.uid;
    // The entry stands for `old`'s owner: the same owner references (every status write) keep
    // the bucket. Otherwise one lookup when owned; has() only tells a known orphan from a new key.
    const kept = old !== undefined && old.metadata.ownerReferences === obj.metadata.ownerReferences;
    if (kept || (this.ownerOfKey.get(key) === owner && (owner !== undefined || this.ownerOfKey.has(key)))) {
      // Same bucket (the common case: a status update): replace in place.
      (owner ? this.byOwner.get(owner) : this.orphans.get(obj.metadata.namespace ?? ''))?.set(key, obj);
      return;
    }
    this.removeKey(key, obj.metadata.namespace);
    this.ownerOfKey.set(key, owner);
    const map = owner ? this.byOwner : this.orphans;
    const bucket = owner ?? obj.metadata.namespace ?? '';
    let m = map.get(bucket);
    if (!m) map.set(bucket, (m = new Map()));
    m.set(key, obj);
  }

  remove(key: string, obj: KubeObject): void {
    this.removeKey(key, obj.metadata.namespace);
  }

  private removeKey(key: string, namespace: string | undefined): void {
    if (!this.ownerOfKey.has(key)) return;
    const owner = this.ownerOfKey.get(key);
    const map = owner ? this.byOwner : this.orphans;
    const bucket = owner ?? namespace ?? '';
    const m = map.get(bucket);
    m?.delete(key);
    if (m?.size === 0) map.delete(bucket);
    this.ownerOfKey.delete(key);
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
