import type { Namespace, Pod, ReplicaSet, Service, StatefulSet } from '../api/types';
import type { Informer } from '../client/informer';
import type { Listers } from './framework/interfaces';

/** Services grouped by namespace, so "which Services select this pod" reads one namespace. */
export class ServiceIndex {
  private readonly byNamespace = new Map<string, Map<string, Service>>();

  put(svc: Service): void {
    const ns = svc.metadata.namespace ?? 'default';
    let m = this.byNamespace.get(ns);
    if (!m) this.byNamespace.set(ns, (m = new Map()));
    m.set(svc.metadata.name, svc);
  }

  remove(svc: Service): void {
    const ns = svc.metadata.namespace ?? 'default';
    const m = this.byNamespace.get(ns);
    m?.delete(svc.metadata.name);
    if (m?.size === 0) this.byNamespace.delete(ns);
  }

  /** upstream GetPodServices: Services without a selector select nothing. */
  selecting(pod: Pod): Service[] {
    const out: Service[] = [];
    const labels = pod.metadata.labels ?? {};
    for (const svc of this.byNamespace.get(pod.metadata.namespace ?? 'default')?.values() ?? []) {
      const sel = svc.spec.selector;
      if (!sel) continue;
      let match = true;
      for (const k in sel) if (labels[k] !== sel[k]) match = false;
      if (match) out.push(svc);
    }
    return out;
  }
}

export function informerListers(
  services: ServiceIndex,
  replicaSets: Informer<ReplicaSet>,
  statefulSets: Informer<StatefulSet>,
  namespaces: Informer<Namespace>,
): Listers {
  return {
    servicesSelecting: (pod) => services.selecting(pod),
    replicaSet: (ns, name) => replicaSets.get(ns, name),
    statefulSet: (ns, name) => statefulSets.get(ns, name),
    namespaceLabels: (ns) => namespaces.get(undefined, ns)?.metadata.labels,
  };
}
