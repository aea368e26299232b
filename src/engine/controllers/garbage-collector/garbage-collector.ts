import type { ApiServer, PropagationPolicy, RequestContext } from '../../api/apiserver';
import { RESOURCES, resourceForKind } from '../../api/resources';
import type { KubeObject, OwnerReference } from '../../api/types';
import type { Informer } from '../../client/informer';
import type { SimEnv } from '../../sim/env';
import { QueueController, type SyncResult } from '../shared/controller-base';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER, OwnerGraph, type GraphChange, type GraphNode } from './graph';

/** Resources the collector never watches (as upstream's ignoredResources). */
const IGNORED = new Set(['events']);
const DELETE = 'delete:';
const ORPHAN = 'orphan:';
const ABSENT_CACHE_SIZE = 500;

/**
 * The garbage collector: watches every resource, keeps the ownerReferences graph, deletes
 * dependents whose owners are gone (background), deletes blocking dependents first for an
 * owner with the `foregroundDeletion` finalizer, and strips ownerReferences for `orphan`,
 * removing each finalizer when its work is done.
 */
export class GarbageCollector extends QueueController {
  private readonly graph = new OwnerGraph();
  private readonly byResource = new Map<string, Informer<KubeObject>>();
  private readonly absentOwners = new Set<string>();

  constructor(env: SimEnv, api: ApiServer) {
    super(env, api, 'garbage-collector-controller');
  }

  protected setup(): void {
    for (const r of RESOURCES) {
      if (IGNORED.has(r.resource)) continue;
      const inf = this.informer<KubeObject>(r.resource);
      this.byResource.set(r.resource, inf);
      inf.on({
        add: (o, opId) => this.onUpsert(r.resource, undefined, o, opId),
        update: (old, o, opId) => this.onUpsert(r.resource, old, o, opId),
        delete: (o, opId) => this.onDelete(o, opId),
      });
    }
  }

  private onUpsert(resource: string, old: KubeObject | undefined, obj: KubeObject, opId: number | undefined): void {
    if (old && !graphRelevantChange(old, obj)) return;
    const uid = obj.metadata.uid ?? '';
    const change: GraphChange = this.graph.upsert(resource, obj);
    if (change.unknownOwners) this.enqueue(DELETE + uid, opId);
    for (const owner of change.ownersToRecheck) this.enqueue(DELETE + owner, opId);
    const node = this.graph.get(uid)!;
    if (change.startedDeletingDependents) {
      for (const dep of node.dependents) this.enqueue(DELETE + dep, opId);
      this.enqueue(DELETE + uid, opId);
    }
    if (change.startedOrphaning) this.enqueue(ORPHAN + uid, opId);
  }

  private onDelete(obj: KubeObject, opId: number | undefined): void {
    const uid = obj.metadata.uid ?? '';
    this.rememberAbsent(uid);
    const { dependents, ownersToRecheck } = this.graph.remove(obj);
    for (const dep of dependents) this.enqueue(DELETE + dep, opId);
    for (const owner of ownersToRecheck) this.enqueue(DELETE + owner, opId);
  }

  private rememberAbsent(uid: string): void {
    this.absentOwners.add(uid);
    if (this.absentOwners.size > ABSENT_CACHE_SIZE) this.absentOwners.delete(this.absentOwners.values().next().value!);
  }

  protected sync(key: string, ctx: RequestContext): SyncResult {
    if (key.startsWith(ORPHAN)) return this.orphanDependents(key.slice(ORPHAN.length), ctx);
    return this.attemptToDelete(key.slice(DELETE.length), ctx);
  }

  private cached(node: GraphNode): KubeObject | undefined {
    const obj = node.resource ? this.byResource.get(node.resource)?.get(node.namespace, node.name) : undefined;
    return obj?.metadata.uid === node.uid ? obj : undefined;
  }

  /** attemptToDeleteItem. */
  private attemptToDelete(uid: string, ctx: RequestContext): SyncResult {
    const node = this.graph.get(uid);
    if (!node) return 'done';
    if (!node.observed) return this.checkVirtual(node, ctx);
    const obj = this.cached(node);
    if (!obj) return 'done';
    if (node.deletingDependents) return this.processDeletingDependents(node, ctx);
    if (node.beingDeleted) return 'done';
    const refs = obj.metadata.ownerReferences ?? [];
    if (refs.length === 0) return 'done';
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of refs) {
      const state = this.ownerState(ref, obj, ctx);
      if (state === 'error') return 'retry';
      (state === 'solid' ? solid : state === 'dangling' ? dangling : waiting).push(ref);
    }
    if (solid.length > 0) {
      if (dangling.length + waiting.length === 0) return 'done';
      const gone = new Set([...dangling, ...waiting].map((r) => r.uid));
      return this.setOwnerRefs(ctx, node, refs.filter((r) => !gone.has(r.uid))) ? 'done' : 'retry';
    }
    let policy: PropagationPolicy = 'Background';
    if (waiting.length > 0 && node.dependents.size > 0) policy = 'Foreground';
    else if (obj.metadata.finalizers?.includes(ORPHAN_FINALIZER)) policy = 'Orphan';
    else if (obj.metadata.finalizers?.includes(FOREGROUND_FINALIZER)) policy = 'Foreground';
    const res = this.api.delete(ctx, node.resource!, node.namespace, node.name, { propagationPolicy: policy, preconditions: { uid } });
    return res.ok || res.status.code === 404 || res.status.code === 409 ? 'done' : 'retry';
  }

  /** classifyReferences for one owner: solid, dangling (gone or replaced), or waiting (foreground). */
  private ownerState(ref: OwnerReference, dependent: KubeObject, ctx: RequestContext): 'solid' | 'dangling' | 'waiting' | 'error' {
    if (this.absentOwners.has(ref.uid)) return 'dangling';
    const known = this.graph.get(ref.uid);
    if (known?.observed) return known.deletingDependents ? 'waiting' : 'solid';
    const r = resourceForKind(ref.kind);
    if (!r) return 'solid';
    const res = this.api.get(ctx, r.resource, r.namespaced ? dependent.metadata.namespace : undefined, ref.name);
    if (!res.ok) {
      if (res.status.code !== 404) return 'error';
      this.rememberAbsent(ref.uid);
      return 'dangling';
    }
    if (res.value.metadata.uid !== ref.uid) {
      this.rememberAbsent(ref.uid);
      return 'dangling';
    }
    const deleting = res.value.metadata.deletionTimestamp !== undefined && (res.value.metadata.finalizers ?? []).includes(FOREGROUND_FINALIZER);
    return deleting ? 'waiting' : 'solid';
  }

  /** A virtual owner: if it really does not exist, its dependents are collected. */
  private checkVirtual(node: GraphNode, ctx: RequestContext): SyncResult {
    for (const dep of node.dependents) this.enqueue(DELETE + dep, ctx.opId);
    return 'done';
  }

  /** processDeletingDependentsItem: wait for blocking dependents, then drop `foregroundDeletion`. */
  private processDeletingDependents(node: GraphNode, ctx: RequestContext): SyncResult {
    const blocking = this.graph.blockingDependents(node);
    if (blocking.length === 0) return this.removeFinalizer(node, FOREGROUND_FINALIZER, ctx);
    for (const dep of blocking) if (!dep.deletingDependents) this.enqueue(DELETE + dep.uid, ctx.opId);
    return 'done';
  }

  /** attemptToOrphan: strip this owner from every dependent, then drop `orphan`. */
  private orphanDependents(uid: string, ctx: RequestContext): SyncResult {
    const node = this.graph.get(uid);
    if (!node?.observed || !node.orphaning) return 'done';
    let ok = true;
    for (const depUid of [...node.dependents]) {
      const dep = this.graph.get(depUid);
      if (!dep?.observed) continue;
      if (!this.setOwnerRefs(ctx, dep, dep.owners.filter((o) => o.uid !== uid))) ok = false;
    }
    if (!ok) return 'retry';
    return this.removeFinalizer(node, ORPHAN_FINALIZER, ctx);
  }

  private setOwnerRefs(ctx: RequestContext, node: GraphNode, refs: OwnerReference[]): boolean {
    const res = this.api.patch(ctx, node.resource!, node.namespace, node.name, { metadata: { ownerReferences: refs.length > 0 ? refs : null } });
    return res.ok || res.status.code === 404;
  }

  private removeFinalizer(node: GraphNode, finalizer: string, ctx: RequestContext): SyncResult {
    for (let attempt = 0; attempt < 3; attempt++) {
      const live = this.api.get(ctx, node.resource!, node.namespace, node.name);
      if (!live.ok) return live.status.code === 404 ? 'done' : 'retry';
      if (live.value.metadata.uid !== node.uid) return 'done';
      const finalizers = live.value.metadata.finalizers ?? [];
      if (!finalizers.includes(finalizer)) return 'done';
      const rest = finalizers.filter((f) => f !== finalizer);
      const next = { ...live.value, metadata: { ...live.value.metadata, finalizers: rest.length > 0 ? rest : undefined } };
      const res = this.api.update(ctx, node.resource!, next);
      if (res.ok || res.status.code === 404) return 'done';
      if (res.status.code !== 409) return 'retry';
    }
    return 'retry';
  }
}

const NONE: readonly never[] = [];

/** Only ownership, deletion state and finalizers matter to the graph. */
function graphRelevantChange(a: KubeObject, b: KubeObject): boolean {
  const ma = a.metadata;
  const mb = b.metadata;
  if (ma.uid !== mb.uid || ma.deletionTimestamp !== mb.deletionTimestamp) return true;
  // A write that keeps the metadata's lists (every status write) keeps them as the same arrays.
  return refsDiffer(ma.ownerReferences ?? NONE, mb.ownerReferences ?? NONE) || finalizersDiffer(ma.finalizers ?? NONE, mb.finalizers ?? NONE);
}

function refsDiffer(ra: readonly OwnerReference[], rb: readonly OwnerReference[]): boolean {
  if (ra === rb) return false;
  if (ra.length !== rb.length) return true;
  for (let i = 0; i < ra.length; i++) {
    const r = ra[i]!;
    const o = rb[i]!;
    if (r.uid !== o.uid || r.blockOwnerDeletion !== o.blockOwnerDeletion || r.controller !== o.controller) return true;
  }
  return false;
}

function finalizersDiffer(fa: readonly string[], fb: readonly string[]): boolean {
  if (fa === fb) return false;
  if (fa.length !== fb.length) return true;
  for (let i = 0; i < fa.length; i++) if (fa[i] !== fb[i]) return true;
  return false;
}
