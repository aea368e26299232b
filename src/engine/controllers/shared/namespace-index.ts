import type { KubeObject } from '../../api/types';
import type { Informer } from '../../client/informer';
import { objectKey } from '../../client/informer';

/** An informer's objects grouped by namespace (controllers matching selectors against a pod). */
export class NamespaceIndex<T extends KubeObject> {
  private readonly byNs = new Map<string, Map<string, T>>();

  attach(informer: Informer<T>): this {
    informer.on({
      add: (obj) => this.upsert(obj),
      update: (_old, obj) => this.upsert(obj),
      delete: (obj) => this.remove(obj),
    });
    return this;
  }

  upsert(obj: T): void {
    const ns = obj.metadata.namespace ?? '';
    let m = this.byNs.get(ns);
    if (!m) this.byNs.set(ns, (m = new Map()));
    m.set(objectKey(obj), obj);
  }

  remove(obj: T): void {
    const ns = obj.metadata.namespace ?? '';
    const m = this.byNs.get(ns);
    m?.delete(objectKey(obj));
    if (m?.size === 0) this.byNs.delete(ns);
  }

  in(namespace: string | undefined): T[] {
    const m = this.byNs.get(namespace ?? '');
    return m ? [...m.values()] : [];
  }
}
