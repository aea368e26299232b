import type { PodRecord } from '../../protocol/records';

/** The list key of pods no node has been chosen for yet. */
export const UNSCHEDULED = '';

/** Where a pod sits: enough to find it in its node's sorted list. */
export type PodPlace = Pick<PodRecord, 'key' | 'node' | 'namespace' | 'name'>;

/**
 * A string whose plain (code unit) order is the natural order of namespace / name: each run
 * of digits becomes '0', a length character and the digits without leading zeros, so 9 sorts
 * before 10 and both after '-' and before letters, as in naturalCompare. The name itself
 * closes the key as a tie-break ('x07' / 'x7'). Binary searches then compare natively.
 */
export function sortKeyOf(p: Pick<PodRecord, 'namespace' | 'name'>): string {
  return `${p.namespace}\u0000${encodeDigits(p.name)}\u0000${p.name}`;
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/**
 * Each run of digits → '0', a length character, the digits without leading zeros. A plain
 * scan, not a regular expression with a callback: pods that come and go pay this per change
 * (M2), and the scan is several times faster.
 */
function encodeDigits(name: string): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < name.length; ) {
    if (!isDigit(name.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < name.length && isDigit(name.charCodeAt(end))) end++;
    let from = i;
    while (from < end - 1 && name.charCodeAt(from) === 0x30) from++;
    out += `${name.slice(copied, i)}0${String.fromCharCode(0x30 + Math.min(end - from, 0x4e))}${name.slice(from, end)}`;
    copied = end;
    i = end;
  }
  return copied === 0 ? name : out + name.slice(copied);
}

export function placeOf(p: PodRecord): PodPlace {
  return { key: p.key, node: p.node, namespace: p.namespace, name: p.name };
}

function nodeOf(p: PodPlace): string {
  return p.node ?? UNSCHEDULED;
}

/** First index whose sort key is not below `key`. */
function lowerBound(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Pods per node, sorted by name, live: lists are edited in place (a pod that came or went is
 * spliced in or out by binary search; a pod changed in place needs nothing) and every edit
 * bumps the node's version. Readers re-render on the version, not on the array's identity:
 * copying a list per change would, at 50,000 pods, mostly feed the garbage collector.
 */
export class PodLists {
  /** node name (UNSCHEDULED for pending pods) → pods by name. Nodes without pods have no entry. */
  readonly lists = new Map<string, PodRecord[]>();
  /** Sort keys, parallel to `lists`. */
  private readonly sortKeys = new Map<string, string[]>();
  private readonly versions = new Map<string, number>();
  /** Versions come from one counter, so a node's version never repeats (even across resets). */
  private counter = 0;

  reset(pods: Iterable<PodRecord>): void {
    this.lists.clear();
    this.sortKeys.clear();
    const byNode = new Map<string, { key: string; pod: PodRecord }[]>();
    for (const p of pods) {
      let list = byNode.get(nodeOf(p));
      if (!list) byNode.set(nodeOf(p), (list = []));
      list.push({ key: sortKeyOf(p), pod: p });
    }
    for (const [node, list] of byNode) {
      list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      this.lists.set(node, list.map((e) => e.pod));
      this.sortKeys.set(node, list.map((e) => e.key));
    }
    // Every list is new: every reader must look again.
    for (const node of new Set([...this.versions.keys(), ...this.lists.keys()])) this.bump(node);
  }

  /** The node's edit count: changes whenever its list or a pod in it changed. */
  version(node: string): number {
    return this.versions.get(node) ?? 0;
  }

  /** `p` changed in place, still on the same node under the same name. */
  touch(p: PodRecord): void {
    this.bump(nodeOf(p));
  }

  /** A pod left `prev` (if any) and arrived as `next` (if any). */
  move(prev: PodPlace | undefined, next: PodRecord | undefined): void {
    if (prev) this.remove(prev);
    if (next) this.insert(next);
  }

  private insert(p: PodRecord): void {
    const node = nodeOf(p);
    let pods = this.lists.get(node);
    let keys = this.sortKeys.get(node);
    if (!pods || !keys) {
      this.lists.set(node, (pods = []));
      this.sortKeys.set(node, (keys = []));
    }
    const key = sortKeyOf(p);
    const i = lowerBound(keys, key);
    pods.splice(i, 0, p);
    keys.splice(i, 0, key);
    this.bump(node);
  }

  private remove(p: PodPlace): void {
    const node = nodeOf(p);
    const pods = this.lists.get(node);
    const keys = this.sortKeys.get(node);
    if (!pods || !keys) return;
    let i = lowerBound(keys, sortKeyOf(p));
    if (pods[i]?.key !== p.key) i = pods.findIndex((q) => q.key === p.key);
    if (i < 0) return;
    pods.splice(i, 1);
    keys.splice(i, 1);
    if (pods.length === 0) {
      this.lists.delete(node);
      this.sortKeys.delete(node);
    }
    this.bump(node);
  }

  private bump(node: string): void {
    this.versions.set(node, ++this.counter);
  }
}
