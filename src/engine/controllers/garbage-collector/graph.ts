import type { KubeObject, OwnerReference } from '../../api/types';

export const FOREGROUND_FINALIZER = 'foregroundDeletion';
export const ORPHAN_FINALIZER = 'orphan';

export interface GraphNode {
  uid: string;
  /** Plural resource, namespace and name of the object (unknown for virtual nodes). */
  resource?: string;
  namespace?: string;
  name: string;
  kind: string;
  /** False for an owner only known from someone's ownerReferences (upstream's virtual node). */
  observed: boolean;
  /** The object's own ownerReferences list (immutable, shared with the stored object: not copied). */
  owners: readonly OwnerReference[];
  dependents: Set<string>;
  beingDeleted: boolean;
  deletingDependents: boolean;
  orphaning: boolean;
}

/** What changed for an object, so the collector knows what to look at. */
export interface GraphChange {
  /** Owners this object newly references that the graph has never observed. */
  unknownOwners: boolean;
  /** Owners whose dependent set shrank while they wait for their dependents to go. */
  ownersToRecheck: string[];
  startedDeletingDependents: boolean;
  startedOrphaning: boolean;
}

/**
 * The dependents of every node that has none: shared, so that each of 10,000 pods does not
 * carry an empty Set. Only ever added to through `mutableDependents` (delete on it is a no-op).
 */
const NO_DEPENDENTS = new Set<string>();

const NO_FINALIZERS: readonly string[] = [];
const NO_OWNERS: readonly OwnerReference[] = [];

function mutableDependents(owner: GraphNode): Set<string> {
  if (owner.dependents === NO_DEPENDENTS) owner.dependents = new Set();
  return owner.dependents;
}

/** A node with no owners, dependents or deletion state yet; one object shape for all. */
function newNode(uid: string, name: string, kind: string, observed: boolean, resource: string | undefined, namespace: string | undefined): GraphNode {
  return { uid, resource, namespace, name, kind, observed, owners: NO_OWNERS, dependents: NO_DEPENDENTS, beingDeleted: false, deletingDependents: false, orphaning: false };
}

/** The same references (a new version of an object shares its ownerReferences entries). */
function sameRefs(a: readonly OwnerReference[], b: readonly OwnerReference[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The garbage collector's dependency graph (GraphBuilder's uidToNode): every object with its
 * owners and dependents, by uid, maintained from informer events.
 */
export class OwnerGraph {
  private readonly nodes = new Map<string, GraphNode>();

  get(uid: string): GraphNode | undefined {
    return this.nodes.get(uid);
  }

  upsert(resource: string, obj: KubeObject): GraphChange {
    const uid = obj.metadata.uid ?? '';
    let node = this.nodes.get(uid);
    const wasDeletingDependents = node?.deletingDependents ?? false;
    const wasOrphaning = node?.orphaning ?? false;
    if (!node) {
      // Every field in the literal (resource and namespace too): fields added later would go to a second, out-of-object store.
      node = newNode(uid, obj.metadata.name, obj.kind, true, resource, obj.metadata.namespace);
      this.nodes.set(uid, node);
    }
    // Field by field: an Object.assign source literal per event is garbage at once.
    node.resource = resource;
    node.namespace = obj.metadata.namespace;
    node.name = obj.metadata.name;
    node.kind = obj.kind;
    node.observed = true;
    const finalizers = obj.metadata.finalizers ?? NO_FINALIZERS;
    node.beingDeleted = obj.metadata.deletionTimestamp !== undefined;
    node.deletingDependents = node.beingDeleted && finalizers.includes(FOREGROUND_FINALIZER);
    node.orphaning = node.beingDeleted && finalizers.includes(ORPHAN_FINALIZER);
    const change = this.setOwners(node, obj.metadata.ownerReferences ?? NO_OWNERS);
    change.startedDeletingDependents = node.deletingDependents && !wasDeletingDependents;
    change.startedOrphaning = node.orphaning && !wasOrphaning;
    return change;
  }

  /** The object is gone: it becomes virtual while dependents still point at it. Returns its owners waiting on it. */
  remove(obj: KubeObject): { dependents: string[]; ownersToRecheck: string[] } {
    const node = this.nodes.get(obj.metadata.uid ?? '');
    if (!node) return { dependents: [], ownersToRecheck: [] };
    const { ownersToRecheck } = this.setOwners(node, NO_OWNERS);
    node.observed = false;
    node.beingDeleted = false;
    node.deletingDependents = false;
    node.orphaning = false;
    const dependents = [...node.dependents];
    if (dependents.length === 0) this.nodes.delete(node.uid);
    return { dependents, ownersToRecheck };
  }

  private setOwners(node: GraphNode, refs: readonly OwnerReference[]): GraphChange {
    const change: GraphChange = { unknownOwners: false, ownersToRecheck: [], startedDeletingDependents: false, startedOrphaning: false };
    // Most updates (status writes) keep the owners as they were: nothing to relink.
    if (sameRefs(node.owners, refs)) {
      for (const ref of refs) if (!this.nodes.get(ref.uid)?.observed) change.unknownOwners = true;
      return change;
    }
    // A new node (every object's first sighting) has no old owners to unlink: no set built.
    const next = node.owners.length > 0 ? new Set(refs.map((r) => r.uid)) : undefined;
    for (const old of node.owners) {
      if (next!.has(old.uid)) continue;
      const owner = this.nodes.get(old.uid);
      if (!owner) continue;
      owner.dependents.delete(node.uid);
      if (owner.deletingDependents) change.ownersToRecheck.push(owner.uid);
      if (!owner.observed && owner.dependents.size === 0) this.nodes.delete(owner.uid);
    }
    for (const ref of refs) {
      let owner = this.nodes.get(ref.uid);
      if (!owner) {
        owner = newNode(ref.uid, ref.name, ref.kind, false, undefined, undefined);
        this.nodes.set(ref.uid, owner);
      }
      mutableDependents(owner).add(node.uid);
      if (!owner.observed) change.unknownOwners = true;
      const before = node.owners.find((o) => o.uid === ref.uid);
      if (owner.deletingDependents && before?.blockOwnerDeletion && !ref.blockOwnerDeletion) change.ownersToRecheck.push(owner.uid);
    }
    node.owners = refs;
    return change;
  }

  /** Dependents whose reference to `owner` blocks its foreground deletion. */
  blockingDependents(owner: GraphNode): GraphNode[] {
    const out: GraphNode[] = [];
    for (const uid of owner.dependents) {
      const dep = this.nodes.get(uid);
      if (dep?.observed && dep.owners.some((o) => o.uid === owner.uid && o.blockOwnerDeletion === true)) out.push(dep);
    }
    return out;
  }
}
