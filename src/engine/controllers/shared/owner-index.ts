import type { KubeObject } from '../../api/types';
import type { Informer } from '../../client/informer';
import { objectKey } from '../../client/informer';
import { controllerRefOf } from './owner-refs';

/**
 * Objects of one informer indexed by their controller's uid, plus the orphans of each
 * namespace, so a controller finds "its" pods without scanning every pod in the cluster.
 */
export class OwnerIndex<T extends KubeObject> {
  private readonly byOwner = new Map<string, Map<string, T>>();
  private readonly orphans = new Map<string, Map<string, T>>();
  private readonly ownerOfKey = new Map<string, string | undefined>();

  /** Registers the index on an informer; call before adding the controller's own handlers. */
  attach(informer: Informer<T>): this {
    informer.on({
      add: (obj) => this.upsert(obj),
      update: (_old, obj) => this.upsert(obj),
      delete: (obj) => this.remove(obj),
    });
    return this;
  }

  upsert(obj: T): void {
    const key = objectKey(obj);
    const owner = controllerRefOf(obj)?.uid;
    if (this.ownerOfKey.has(key) && this.ownerOfKey.get(key) === owner) {
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

  remove(obj: T): void {
    this.removeKey(objectKey(obj), obj.metadata.namespace);
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

  /** Objects whose controller reference points at `uid`. */
  owned(uid: string | undefined): T[] {
    const m = uid ? this.byOwner.get(uid) : undefined;
    return m ? [...m.values()] : [];
  }

  ownedCount(uid: string | undefined): number {
    return uid ? (this.byOwner.get(uid)?.size ?? 0) : 0;
  }

  /** Objects of `namespace` with no controller reference (candidates for adoption). */
  orphansIn(namespace: string | undefined): T[] {
    const m = this.orphans.get(namespace ?? '');
    return m ? [...m.values()] : [];
  }
}
