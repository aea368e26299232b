import type { Namespace, Pod, ReplicaSet, Service, StatefulSet } from '../api/types';
import type { Informer } from '../client/informer';
import type { PodDisruptionBudget } from '../disruption/types';
import type { Listers } from './framework/interfaces';

/** Services grouped by namespace, so "which Services select this pod" reads one namespace. */
export class ServiceIndex {
  private readonly byNamespace = new Map<string, Map<string, Service>>();
  /** The last answer, by namespace and labels object (pods of one template share theirs); dropped on any Service change. */
  private last: { namespace: string; labels: Readonly<Record<string, string>> | undefined; services: Service[] } | undefined;

  put(svc: Service): void {
    this.last = undefined;
    const ns = svc.metadata.namespace ?? 'default';
    let m = this.byNamespace.get(ns);
    if (!m) this.byNamespace.set(ns, (m = new Map()));
    m.set(svc.metadata.name, svc);
  }

  remove(svc: Service): void {
    this.last = undefined;
    const ns = svc.metadata.namespace ?? 'default';
    const m = this.byNamespace.get(ns);
    m?.delete(svc.metadata.name);
    if (m?.size === 0) this.byNamespace.delete(ns);
  }

  /** upstream GetPodServices: Services without a selector select nothing. */
  selecting(pod: Pod): readonly Service[] {
    const namespace = pod.metadata.namespace ?? 'default';
    const last = this.last;
    if (last !== undefined && last.labels === pod.metadata.labels && last.namespace === namespace) return last.services;
    const out: Service[] = [];
    const labels = pod.metadata.labels ?? {};
    for (const svc of this.byNamespace.get(namespace)?.values() ?? []) {
      const sel = svc.spec.selector;
      if (!sel) continue;
      let match = true;
      for (const k in sel) if (labels[k] !== sel[k]) match = false;
      if (match) out.push(svc);
    }
    this.last = { namespace, labels: pod.metadata.labels, services: out };
    return out;
  }
}

export interface ListerInformers {
  readonly services: ServiceIndex;
  readonly replicaSets: Informer<ReplicaSet>;
  readonly statefulSets: Informer<StatefulSet>;
  readonly namespaces: Informer<Namespace>;
  readonly pdbs: Informer<PodDisruptionBudget>;
}

export function informerListers(i: ListerInformers): Listers {
  return {
    servicesSelecting: (pod) => i.services.selecting(pod),
    replicaSet: (ns, name) => i.replicaSets.get(ns, name),
    statefulSet: (ns, name) => i.statefulSets.get(ns, name),
    namespaceLabels: (ns) => i.namespaces.get(undefined, ns)?.metadata.labels,
    // Budgets are few and only preemption asks; a scan in informer order is fine.
    podDisruptionBudgets: (ns) => [...i.pdbs.list()].filter((p) => (p.metadata.namespace ?? 'default') === ns),
  };
}
