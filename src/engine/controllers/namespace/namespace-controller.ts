import type { ApiServer, RequestContext } from '../../api/apiserver';
import { RESOURCES } from '../../api/resources';
import type { KubeObject, Namespace } from '../../api/types';
import type { Informer } from '../../client/informer';
import type { SimEnv } from '../../sim/env';
import type { ScheduledEvent } from '../../sim/event-queue';
import { parseTimestamp } from '../../sim/time';
import { deepEqual } from '../../util/clone';
import { QueueController, type SyncResult } from '../shared/controller-base';
import { namespaceConditions, type ContentTotals } from './namespace-conditions';

export const NAMESPACE_FINALIZER = 'kubernetes';
const MAX_RECHECK_MS = 60_000;

/**
 * The namespace controller: for a namespace being deleted, deletes every namespaced object
 * in it, reports what remains in the namespace's conditions, and once it is empty removes
 * the `kubernetes` finalizer so that the API server deletes the namespace.
 */
export class NamespaceController extends QueueController {
  private namespaces!: Informer<Namespace>;
  /** Remaining count at the last pass, to tell progress from a namespace stuck behind a dead node. */
  private readonly lastRemaining = new Map<string, number>();
  private readonly rechecks = new Map<string, ScheduledEvent>();

  constructor(env: SimEnv, api: ApiServer) {
    super(env, api, 'namespace-controller');
  }

  protected setup(): void {
    this.namespaces = this.informer<Namespace>('namespaces');
    this.namespaces.on({
      add: (ns, opId) => this.onNamespace(ns, opId),
      update: (_o, ns, opId) => this.onNamespace(ns, opId),
      delete: (ns) => this.lastRemaining.delete(ns.metadata.name),
    });
  }

  private onNamespace(ns: Namespace, opId: number | undefined): void {
    if (ns.metadata.deletionTimestamp) this.enqueue(ns.metadata.name, opId);
  }

  protected sync(name: string, ctx: RequestContext): SyncResult {
    const ns = this.namespaces.get(undefined, name);
    if (!ns?.metadata.deletionTimestamp || !(ns.spec?.finalizers ?? []).includes(NAMESPACE_FINALIZER)) return 'done';
    const { totals, graceLeftMs } = this.deleteAllContent(ctx, name);
    const left = [...totals.remaining.values()].reduce((a, b) => a + b, 0);
    if (left === 0 && totals.errors.length === 0) return this.finalize(ctx, name);
    this.reportConditions(ctx, name, totals);
    this.scheduleRecheck(name, left, graceLeftMs);
    return 'done';
  }

  /** deleteAllContent: list and delete every namespaced resource (Background propagation). */
  private deleteAllContent(ctx: RequestContext, namespace: string): { totals: ContentTotals; graceLeftMs: number } {
    const totals: ContentTotals = { remaining: new Map(), finalizers: new Map(), errors: [] };
    let graceLeftMs = 0;
    for (const r of RESOURCES) {
      if (!r.namespaced) continue;
      const listed = this.api.list(ctx, r.resource, { namespace });
      if (!listed.ok) {
        totals.errors.push(listed.status.message);
        continue;
      }
      let remaining = 0;
      for (const item of listed.value.items) {
        const after = item.metadata.deletionTimestamp ? item : this.deleteOne(ctx, r.resource, namespace, item, totals);
        if (!after) continue;
        remaining++;
        for (const f of after.metadata.finalizers ?? []) totals.finalizers.set(f, (totals.finalizers.get(f) ?? 0) + 1);
        const until = parseTimestamp(after.metadata.deletionTimestamp);
        if (until !== undefined) graceLeftMs = Math.max(graceLeftMs, until - this.env.now());
      }
      if (remaining > 0) totals.remaining.set(`${r.resource}.${r.group}`, remaining);
    }
    return { totals, graceLeftMs };
  }

  /** Returns the object if it still exists after the DELETE (graceful or finalizers). */
  private deleteOne(ctx: RequestContext, resource: string, namespace: string, item: KubeObject, totals: ContentTotals): KubeObject | undefined {
    const res = this.api.delete(ctx, resource, namespace, item.metadata.name, { propagationPolicy: 'Background' });
    if (res.ok) return res.value.metadata.deletionTimestamp ? res.value : undefined;
    if (res.status.code === 404) return undefined;
    totals.errors.push(res.status.message);
    return item;
  }

  private reportConditions(ctx: RequestContext, name: string, totals: ContentTotals): void {
    const fresh = this.api.get<Namespace>(ctx, 'namespaces', undefined, name);
    if (!fresh.ok) return;
    const conditions = namespaceConditions(fresh.value.status?.conditions, totals, this.env.now());
    if (deepEqual(conditions, fresh.value.status?.conditions)) return;
    this.api.update(ctx, 'namespaces', { ...fresh.value, status: { ...(fresh.value.status ?? {}), conditions } }, 'status');
  }

  /** Drops `kubernetes` from spec.finalizers; the API server then removes the namespace. */
  private finalize(ctx: RequestContext, name: string): SyncResult {
    const fresh = this.api.get<Namespace>(ctx, 'namespaces', undefined, name);
    if (!fresh.ok) return fresh.status.code === 404 ? 'done' : 'retry';
    const finalizers = (fresh.value.spec?.finalizers ?? []).filter((f) => f !== NAMESPACE_FINALIZER);
    const res = this.api.update(ctx, 'namespaces', { ...fresh.value, spec: { ...(fresh.value.spec ?? {}), finalizers } });
    this.lastRemaining.delete(name);
    return res.ok || res.status.code === 404 ? 'done' : 'retry';
  }

  /**
   * Requeue after the longest remaining grace period (upstream's estimate). While content is
   * still going away this is foreground work; a namespace stuck behind a dead node re-checks
   * on a background timer so it does not keep the simulation busy forever.
   */
  private scheduleRecheck(name: string, left: number, graceLeftMs: number): void {
    const progressed = left < (this.lastRemaining.get(name) ?? Infinity) || graceLeftMs > 0;
    this.lastRemaining.set(name, left);
    const delay = Math.min(MAX_RECHECK_MS, Math.max(1000, graceLeftMs + 1000));
    this.cancel(this.rechecks.get(name));
    const ev = this.after(delay, 'recheck', () => {
      this.rechecks.delete(name);
      this.enqueue(name);
    }, !progressed);
    this.rechecks.set(name, ev);
  }
}
