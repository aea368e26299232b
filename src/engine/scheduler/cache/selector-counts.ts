import type { LabelSelector } from '../../api/types';
import { selectorMatches } from '../../util/labels';
import { stableStringify } from '../../util/clone';
import type { NodeInfo } from './node-info';
import type { PodInfo } from './pod-info';

/** Per node, how many non-terminating pods of a namespace match one label selector. */
export interface SelectorCounts {
  count(node: NodeInfo): number;
  /** The counts by node slot (read once by loops over hundreds of nodes; replaced when slots grow). */
  readonly counts: Int32Array;
}

interface Entry extends SelectorCounts {
  readonly namespace: string;
  readonly selector: LabelSelector;
  counts: Int32Array;
  lastUsed: number;
}

/** How many selectors are indexed at once; the least recently used is dropped beyond it. */
const MAX_ENTRIES = 64;

/**
 * Incrementally kept counts of pods matching the selectors PodTopologySpread asks about
 * (a Deployment's ReplicaSet selector, a Service selector). The first question about a
 * selector scans every pod once; afterwards each pod add/remove updates the counts, so a
 * scheduling cycle reads a number per node instead of walking all pods.
 */
export class SelectorCountIndex {
  private readonly entries = new Map<string, Entry>();
  /** The same selector object asked about again (a ReplicaSet's, pod after pod): no re-serializing. */
  private readonly byObject = new WeakMap<LabelSelector, { readonly key: string; readonly entry: Entry }>();
  private capacity = 64;
  private tick = 0;

  constructor(private readonly allNodes: () => Iterable<NodeInfo>) {}

  get(namespace: string, selector: LabelSelector): SelectorCounts {
    const known = this.byObject.get(selector);
    if (known && known.entry.namespace === namespace && this.entries.get(known.key) === known.entry) {
      known.entry.lastUsed = ++this.tick;
      return known.entry;
    }
    const key = `${namespace}|${stableStringify(selector)}`;
    let e = this.entries.get(key);
    if (!e) {
      e = this.build(namespace, selector);
      e.lastUsed = ++this.tick;
      if (this.entries.size >= MAX_ENTRIES) this.evict();
      this.entries.set(key, e);
    }
    e.lastUsed = ++this.tick;
    this.byObject.set(selector, { key, entry: e });
    return e;
  }

  /** Makes room for node slots up to `slot` (typed arrays grow by doubling). */
  ensureSlot(slot: number): void {
    if (slot < this.capacity) return;
    while (this.capacity <= slot) this.capacity *= 2;
    for (const e of this.entries.values()) {
      const grown = new Int32Array(this.capacity);
      grown.set(e.counts);
      e.counts = grown;
    }
  }

  clearSlot(slot: number): void {
    for (const e of this.entries.values()) if (slot < e.counts.length) e.counts[slot] = 0;
  }

  onPodAdded(node: NodeInfo, pi: PodInfo): void {
    this.apply(node, pi, 1);
  }

  onPodRemoved(node: NodeInfo, pi: PodInfo): void {
    this.apply(node, pi, -1);
  }

  private apply(node: NodeInfo, pi: PodInfo, delta: number): void {
    if (pi.terminating || this.entries.size === 0) return;
    for (const e of this.entries.values()) {
      if (e.namespace === pi.namespace && selectorMatches(e.selector, pi.labels)) e.counts[node.slot]! += delta;
    }
  }

  private build(namespace: string, selector: LabelSelector): Entry {
    const counts = new Int32Array(this.capacity);
    for (const n of this.allNodes()) {
      let c = 0;
      for (const pi of n.pods.values()) if (!pi.terminating && pi.namespace === namespace && selectorMatches(selector, pi.labels)) c++;
      counts[n.slot] = c;
    }
    const entry: Entry = {
      namespace,
      selector,
      counts,
      lastUsed: 0,
      count: (node) => entry.counts[node.slot] ?? 0,
    };
    return entry;
  }

  private evict(): void {
    let oldestKey: string | undefined;
    let oldest = Infinity;
    for (const [k, e] of this.entries) {
      if (e.lastUsed < oldest) {
        oldest = e.lastUsed;
        oldestKey = k;
      }
    }
    if (oldestKey !== undefined) this.entries.delete(oldestKey);
  }
}
