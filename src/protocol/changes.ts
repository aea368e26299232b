import type { Change } from './messages';
import { COLLECTIONS, type Collection, type RecordMap, type RecordSets } from './records';

/**
 * Record diffs: the worker turns "what I sent last" vs "what is true now" into put / patch /
 * remove changes; the page applies them. Both sides use these, so they agree by construction.
 */

export type RecordStore = { [C in Collection]: Map<string, RecordMap[C]> };

export function emptyStore(): RecordStore {
  return { nodes: new Map(), pods: new Map(), workloads: new Map(), components: new Map(), flows: new Map(), events: new Map(), commands: new Map(), traffic: new Map(), trafficTotals: new Map() };
}

export function storeFromSets(sets: RecordSets): RecordStore {
  const store = emptyStore();
  for (const c of COLLECTIONS) fill(store, c, sets[c]);
  return store;
}

function fill<C extends Collection>(store: RecordStore, c: C, recs: readonly RecordMap[C][]): void {
  const map = store[c];
  for (const r of recs) map.set(r.key, r);
}

export function setsFromStore(store: RecordStore): RecordSets {
  return {
    nodes: [...store.nodes.values()],
    pods: [...store.pods.values()],
    workloads: [...store.workloads.values()],
    components: [...store.components.values()],
    flows: [...store.flows.values()],
    events: [...store.events.values()],
    commands: [...store.commands.values()],
    traffic: [...store.traffic.values()],
    trafficTotals: [...store.trafficTotals.values()],
  };
}

/** Structural equality for record field values (primitives, arrays, small plain objects). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

/** Fields of `next` that differ from `prev` (a field missing from `next` maps to undefined). */
export function changedFields<T extends object>(prev: T, next: T): Partial<T> | undefined {
  const p = prev as Record<string, unknown>;
  const n = next as Record<string, unknown>;
  let out: Record<string, unknown> | undefined;
  for (const k of Object.keys(n)) {
    if (!sameValue(p[k], n[k])) (out ??= {})[k] = n[k];
  }
  for (const k of Object.keys(p)) {
    if (!(k in n)) (out ??= {})[k] = undefined;
  }
  // The keys come from T's own fields, so the partial is a Partial<T>.
  return out as Partial<T> | undefined;
}

/** The change that turns `prev` into `next` for one key, or undefined when nothing changed. */
export function diffRecord<C extends Collection>(c: C, prev: RecordMap[C] | undefined, next: RecordMap[C] | undefined): Change | undefined {
  if (!next) return prev ? makeChange({ op: 'remove', c, key: prev.key }) : undefined;
  if (!prev) return makeChange({ op: 'put', c, rec: next });
  const set = changedFields(prev, next);
  if (!set) return undefined;
  return makeChange({ op: 'patch', c, key: next.key, set });
}

type GenericChange<C extends Collection> =
  | { op: 'put'; c: C; rec: RecordMap[C] }
  | { op: 'patch'; c: C; key: string; set: Partial<RecordMap[C]> }
  | { op: 'remove'; c: C; key: string };

/** TypeScript cannot correlate a generic C with the distributed Change union; this is the one place that widens. */
function makeChange<C extends Collection>(ch: GenericChange<C>): Change {
  return ch as Change;
}

/**
 * Applies one change in place. Records are replaced (never mutated) so that a selector
 * holding the old object sees a new identity. Returns false when a patch names a record
 * the store does not hold (the caller is out of sync and should resync).
 */
export function applyChange(store: RecordStore, ch: Change): boolean {
  const map = store[ch.c] as Map<string, RecordMap[Collection]>;
  switch (ch.op) {
    case 'put':
      map.set(ch.rec.key, ch.rec);
      return true;
    case 'remove':
      map.delete(ch.key);
      return true;
    case 'patch': {
      const prev = map.get(ch.key);
      if (!prev) return false;
      map.set(ch.key, patched(prev, ch.set));
      return true;
    }
  }
}

function patched<T extends object>(prev: T, set: Partial<T>): T {
  // One spread of both is the fastest copy V8 offers; removed fields (undefined) are deleted after.
  const next: Record<string, unknown> = { ...(prev as Record<string, unknown>), ...(set as Record<string, unknown>) };
  for (const k in set) if (set[k] === undefined) delete next[k];
  // Same keys as T, with values from a Partial<T>.
  return next as T;
}

/**
 * Applies a patch to `target` itself. For stores that own their records and cannot afford a
 * copy per change (the page's pod mirror); everything else uses applyChange's replacement.
 */
export function assignPatch<T extends object>(target: T, set: Partial<T>): void {
  Object.assign(target, set);
  // A removed optional field travels as undefined; the record must not keep the key.
  for (const k in set) if (set[k] === undefined) delete (target as Record<string, unknown>)[k];
}

/** Diffs two whole stores (used for resync checks and tests). */
export function diffStores(prev: RecordStore, next: RecordStore): Change[] {
  const out: Change[] = [];
  for (const c of COLLECTIONS) diffCollection(c, prev[c], next[c], out);
  return out;
}

function diffCollection<C extends Collection>(c: C, prev: Map<string, RecordMap[C]>, next: Map<string, RecordMap[C]>, out: Change[]): void {
  for (const [k, rec] of next) {
    const ch = diffRecord(c, prev.get(k), rec);
    if (ch) out.push(ch);
  }
  for (const [k, rec] of prev) if (!next.has(k)) out.push(makeChange({ op: 'remove', c, key: rec.key }));
}

export function storesEqual(a: RecordStore, b: RecordStore): boolean {
  return diffStores(a, b).length === 0;
}
