import type { KubeObject } from '../../api/types';
import type { Informer } from '../../client/informer';
import { objectKey } from '../../client/informer';

/** An informer's objects grouped by namespace (controllers matching selectors against a pod). */
export class NamespaceIndex<T extends KubeObject> {
  private readonly byNs = new Map<string, Map<string, T>>();

  attach(informer: Informer<T>): this {
    informer.on({
      add: (obj, _opId, key) => this.upsert(obj, key),
      update: (_old, obj, _opId, key) => this.upsert(obj, key),
      delete: (obj, _opId, key) => this.remove(obj, key),
    });
    return this;
  }

  /** `key`: objectKey(obj), when the informer handed it over. */
  upsert(obj: T, key = objectKey(obj)): void {
    const ns = obj.metadata.namespace ?? '';
    let m = this.byNs.get(ns);
    if (!m) this.byNs.set(ns, (m = new Map()));
    m.set(key, obj);
  }

  remove(obj: T, key = objectKey(obj)): void {
    const ns = obj.metadata.namespace ?? '';
    const m = this.byNs.get(ns);
    m?.delete(key);
    if (m?.size === 0) this.byNs.delete(ns);
  }

  in(namespace: string | undefined): T[] {
    const m = this.byNs.get(namespace ?? '');
    return m ? [...m.values()] : [];
  }
}
