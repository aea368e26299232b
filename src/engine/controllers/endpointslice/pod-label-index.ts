import type { Pod } from '../../api/types';
import type { Informer } from '../../client/informer';

/** Pod keys by label key, then label value. */
type LabelSets = Map<string, Map<string, Set<string>>>;

/**
 * Pods by namespace and by label (key, then value), so a Service's selector finds its pods
 * by walking only the smallest matching label set rather than every pod of the namespace.
 * Nested maps: no `key=value` string is built per pod.
 */
export class PodLabelIndex {
  private readonly byLabel = new Map<string, LabelSets>();
  /** The pods themselves are read from the informer's cache (updated before its handlers run). */
  private informer: Informer<Pod> | undefined;

  attach(informer: Informer<Pod>): this {
    this.informer = informer;
    informer.on({
      add: (p, _opId, key) => this.upsert(key, p),
      update: (old, p, _opId, key) => {
        if (sameLabels(old.metadata.labels, p.metadata.labels)) return;
        this.remove(key, old);
        this.upsert(key, p);
      },
      delete: (p, _opId, key) => this.remove(key, p),
    });
    return this;
  }

  /** `key`: the informer's cache key, objectKey of the pod. */
  private upsert(key: string, pod: Pod): void {
    const labels = pod.metadata.labels;
    if (!labels) return;
    const ns = pod.metadata.namespace ?? '';
    let m = this.byLabel.get(ns);
    if (!m) this.byLabel.set(ns, (m = new Map()));
    for (const k in labels) {
      const v = labels[k]!;
      let values = m.get(k);
      if (!values) m.set(k, (values = new Map()));
      let s = values.get(v);
      if (!s) values.set(v, (s = new Set()));
      s.add(key);
    }
  }

  private remove(key: string, pod: Pod): void {
    const m = this.byLabel.get(pod.metadata.namespace ?? '');
    const labels = pod.metadata.labels;
    if (!m || !labels) return;
    for (const k in labels) {
      const v = labels[k]!;
      const values = m.get(k);
      const s = values?.get(v);
      if (!values || !s) continue;
      s.delete(key);
      if (s.size > 0) continue;
      values.delete(v);
      if (values.size === 0) m.delete(k);
    }
  }

  /** Pods of `namespace` matching every `key=value` of a Service selector (empty selector: none). */
  select(namespace: string | undefined, selector: Readonly<Record<string, string>>): Pod[] {
    const entries = Object.entries(selector);
    const m = this.byLabel.get(namespace ?? '');
    if (entries.length === 0 || !m) return [];
    let smallest: Set<string> | undefined;
    for (const [k, v] of entries) {
      const s = m.get(k)?.get(v);
      if (!s) return [];
      if (!smallest || s.size < smallest.size) smallest = s;
    }
    const out: Pod[] = [];
    for (const key of smallest!) {
      const pod = this.informer?.getByKey(key);
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
