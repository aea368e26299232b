import type { Pod } from '../../api/types';
import type { Informer } from '../../client/informer';
import { objectKey } from '../../client/informer';

/**
 * Pods by namespace and by `key=value` label, so a Service's selector finds its pods by
 * walking only the smallest matching label set rather than every pod of the namespace.
 */
export class PodLabelIndex {
  private readonly byLabel = new Map<string, Map<string, Set<string>>>();
  private readonly pods = new Map<string, Pod>();

  attach(informer: Informer<Pod>): this {
    informer.on({
      add: (p) => this.upsert(p),
      update: (old, p) => {
        if (sameLabels(old.metadata.labels, p.metadata.labels)) {
          this.pods.set(objectKey(p), p);
          return;
        }
        this.remove(old);
        this.upsert(p);
      },
      delete: (p) => this.remove(p),
    });
    return this;
  }

  private upsert(pod: Pod): void {
    const key = objectKey(pod);
    this.pods.set(key, pod);
    const ns = pod.metadata.namespace ?? '';
    let m = this.byLabel.get(ns);
    if (!m) this.byLabel.set(ns, (m = new Map()));
    for (const [k, v] of Object.entries(pod.metadata.labels ?? {})) {
      const lk = `${k}=${v}`;
      let s = m.get(lk);
      if (!s) m.set(lk, (s = new Set()));
      s.add(key);
    }
  }

  private remove(pod: Pod): void {
    const key = objectKey(pod);
    this.pods.delete(key);
    const m = this.byLabel.get(pod.metadata.namespace ?? '');
    if (!m) return;
    for (const [k, v] of Object.entries(pod.metadata.labels ?? {})) {
      const lk = `${k}=${v}`;
      const s = m.get(lk);
      s?.delete(key);
      if (s?.size === 0) m.delete(lk);
    }
  }

  /** Pods of `namespace` matching every `key=value` of a Service selector (empty selector: none). */
  select(namespace: string | undefined, selector: Readonly<Record<string, string>>): Pod[] {
    const entries = Object.entries(selector);
    const m = this.byLabel.get(namespace ?? '');
    if (entries.length === 0 || !m) return [];
    let smallest: Set<string> | undefined;
    for (const [k, v] of entries) {
      const s = m.get(`${k}=${v}`);
      if (!s) return [];
      if (!smallest || s.size < smallest.size) smallest = s;
    }
    const out: Pod[] = [];
    for (const key of smallest!) {
      const pod = this.pods.get(key);
      if (pod && entries.every(([k, v]) => pod.metadata.labels?.[k] === v)) out.push(pod);
    }
    return out;
  }
}

function sameLabels(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean {
  if (a === b) return true;
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  return ka.every((k) => a![k] === b?.[k]);
}
