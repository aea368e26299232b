import type { SimEnv } from '../sim/env';
import { rfc3339 } from '../sim/time';
import { EtcdStore, type KeyValue } from '../store/etcd';
import { InteractionKind } from '../log/interaction-log';
import { deepClone, deepEqual, deepFreeze } from '../util/clone';
import type { KubeObject, Pod } from './types';
import { newStoreKey, qualifiedResource, storeKey, resolveResource, resourceByName, restPath, type ResourceInfo } from './resources';
import {
  alreadyExists, badRequest, conflict, fail, invalid, notFound, ok,
  type ApiResult, type FieldError, type Status,
} from './status';
import type { AdmissionAttributes, ApiHooks, RequestContext } from './hooks';
import { nameErrors } from './validation-names';
import { WatchHub, type WatchEvent, type WatchHandle, type WatchOptions } from './watch-hub';
import { mergePatch } from './merge-patch';
import { RequestLog } from './request-log';
import { hasStatusSubresource, keptMetadata, specOf, type Draft } from './update-meta';
import { generateName, stampCreated } from './create-meta';
import { selectObjects, watchListOptions, watchRequestLabel } from './list-query';
import { deleteRefusal, deletionOf, finishesDeletion } from './deletion';
import { bindRefusal, PodBinder } from './bind';
import type { CreateOptions, DeleteOptions, ListOptions, ListResult, StorageGate, UpdateOptions } from './api-options';

export type { RequestContext } from './hooks';

export type { CreateOptions, DeleteOptions, ListOptions, ListResult, PropagationPolicy, StorageGate, UpdateOptions } from './api-options';

/**
 * The API server: the only door to etcd. Every component reaches every other through here.
 * Requests run synchronously at the current simulated time; watchers hear of changes after
 * the configured latency. Every request and every etcd write is logged.
 */
export class ApiServer {
  readonly etcd = new EtcdStore();
  readonly watches: WatchHub;
  gate: StorageGate | undefined;
  /** opId of the request being served, handed to watch deliveries. */
  private currentOpId: number | undefined;

  constructor(
    readonly env: SimEnv,
    readonly hooks: ApiHooks,
  ) {
    this.watches = new WatchHub(env);
    this.records = new RequestLog(env);
  }

  // ------------------------------------------------------------------ helpers

  resource(name: string): ResourceInfo | undefined {
    return resourceByName(name) ?? resolveResource(name);
  }

  /** The pods/binding subresource's writes. */
  private readonly binder = new PodBinder();
  /** Request, response and etcd-write records. */
  private readonly records: RequestLog;

  /** `key`: the object's etcd key when the caller has it already (a string hashed once is cheaper to look up again). */
  private commit(ctx: RequestContext, r: ResourceInfo, prev: KubeObject | undefined, next: KubeObject | undefined, key?: string): void {
    const obj = (next ?? prev)!;
    key ??= storeKey(r, obj.metadata.namespace, obj.metadata.name);
    this.records.etcdWrite(ctx, r, obj, next !== undefined, key);
    if (next) {
      if (this.env.config.freezeObjects) deepFreeze(next);
      this.etcd.put(r.resource, key, next);
    } else {
      this.etcd.delete(r.resource, key);
    }
    this.currentOpId = ctx.opId;
    this.watches.publish(r, prev, next, ctx.opId, key);
    this.currentOpId = undefined;
  }

  private stored<T extends KubeObject>(r: ResourceInfo, ns: string | undefined, name: string): T | undefined {
    return this.etcd.get(r.resource, storeKey(r, ns, name))?.value as T | undefined;
  }

  /** The stored key-value: a write passes its `key` (the string etcd holds, hashed already) on to commit. */
  private storedKv(r: ResourceInfo, ns: string | undefined, name: string): KeyValue | undefined {
    return this.etcd.get(r.resource, storeKey(r, ns, name));
  }

  private nextRv(): string {
    return String(this.etcd.revision + 1);
  }

  private admit(attrs: AdmissionAttributes, phase: 'admit' | 'validate'): Status | undefined {
    for (const p of this.hooks.admission) {
      const fn = phase === 'admit' ? p.admit : p.validate;
      const s = fn?.call(p, attrs);
      if (s) return s;
    }
    return undefined;
  }

  /** The name's errors (on create), then the kind's validator's: read-only (it may be the validator's own list). */
  private validate(r: ResourceInfo, obj: KubeObject, old: KubeObject | undefined): readonly FieldError[] {
    const name = obj.metadata.name;
    const nameErrs = old ? NO_ERRORS : nameErrors(r.kind, name);
    const v = this.hooks.validators.get(r.kind);
    const kindErrs = v ? v(obj, old) : NO_ERRORS;
    // Every write is validated and almost every one passes: no list built for that.
    if (nameErrs.length === 0) return kindErrs;
    const errs: FieldError[] = nameErrs.map((detail) => ({ field: 'metadata.name', type: 'Invalid', value: name, detail }));
    errs.push(...kindErrs);
    return errs;
  }

  private namespaceOf(r: ResourceInfo, requested: string | undefined, obj?: KubeObject): ApiResult<string | undefined> {
    if (!r.namespaced) return ok(undefined);
    const fromObj = obj?.metadata?.namespace;
    if (requested && fromObj && requested !== fromObj) {
      return fail(badRequest('the namespace of the provided object does not match the namespace sent on the request'));
    }
    return ok(requested ?? fromObj ?? 'default');
  }

  // ------------------------------------------------------------------ reads

  get<T extends KubeObject = KubeObject>(ctx: RequestContext, resource: string, namespace: string | undefined, name: string): ApiResult<T> {
    const r = this.resource(resource);
    if (!r) return fail(notFoundResource(resource));
    const ns = r.namespaced ? (namespace ?? 'default') : undefined;
    const gateErr = this.gate?.readError(ctx);
    if (gateErr) {
      this.records.objectRequest(ctx, 'GET', gateErr.code, r, ns, name);
      return fail(gateErr);
    }
    const obj = this.stored<T>(r, ns, name);
    this.records.objectRequest(ctx, 'GET', obj ? 200 : 404, r, ns, name);
    return obj ? ok(obj) : fail(notFound(r, name));
  }

  /** Read without logging: for printers that format what a request already fetched. */
  peek<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string): T | undefined {
    const r = this.resource(resource);
    return r ? this.stored<T>(r, r.namespaced ? (namespace ?? 'default') : undefined, name) : undefined;
  }

  list<T extends KubeObject = KubeObject>(ctx: RequestContext, resource: string, opts: ListOptions = {}): ApiResult<ListResult<T>> {
    const r = this.resource(resource);
    if (!r) return fail(notFoundResource(resource));
    const path = restPath(r, opts.namespace);
    const gate = this.gate;
    const gateErr = opts.resourceVersion === '0' && gate?.cacheReadError ? gate.cacheReadError(ctx) : gate?.readError(ctx);
    if (gateErr) {
      this.records.request(ctx, 'GET', path, gateErr.code, r, opts.namespace, undefined);
      return fail(gateErr);
    }
    const items = selectObjects<T>(this.etcd, r, opts);
    this.records.request(ctx, 'GET', path, 200, r, opts.namespace, undefined);
    return ok({ items, resourceVersion: String(this.etcd.revision) });
  }

  /** Unlogged snapshot of every object of a resource (engine-side projections, not components). */
  snapshot<T extends KubeObject = KubeObject>(resource: string): T[] {
    const r = this.resource(resource);
    return r ? this.etcd.range(r.resource).map((kv) => kv.value as T) : [];
  }

  /**
   * List then watch from the list's revision, as an informer does. The initial list is
   * returned synchronously; later changes arrive through `handler` after the watch latency.
   */
  listAndWatch<T extends KubeObject>(
    ctx: RequestContext,
    resource: string,
    opts: WatchOptions,
    handler: (ev: WatchEvent) => void,
  ): ApiResult<{ items: T[]; handle: WatchHandle }> {
    const r = this.resource(resource);
    if (!r) return fail(notFoundResource(resource));
    const listed = this.list<T>(ctx, resource, watchListOptions(opts));
    if (!listed.ok) return listed;
    this.env.log.append({ kind: InteractionKind.Request, from: ctx.component, to: 'apiserver', label: watchRequestLabel(r, opts), opId: ctx.opId });
    const handle = this.watches.add(r, ctx.component, opts, handler);
    return ok({ items: listed.value.items, handle });
  }

  // ------------------------------------------------------------------ writes

  /**
   * POST. `opts.owned`: the caller hands over a freshly built object without undefined-valued
   * keys that it never touches again (an Event, a pod from a template), so the server takes it
   * as its private copy instead of cloning it; it is stored (and frozen) as it is.
   */
  create<T extends KubeObject = KubeObject>(ctx: RequestContext, resource: string, namespace: string | undefined, input: KubeObject, opts?: CreateOptions): ApiResult<T> {
    const r = this.resource(resource);
    if (!r) return fail(notFoundResource(resource));
    const nsRes = this.namespaceOf(r, namespace, input);
    if (!nsRes.ok) return nsRes;
    const ns = nsRes.value;
    const result = this.doCreate<T>(ctx, r, ns, input, opts?.owned === true);
    const name = result.ok ? result.value.metadata.name : (input.metadata?.name ?? input.metadata?.generateName ?? '');
    this.records.request(ctx, 'POST', restPath(r, ns), result.ok ? 201 : result.status.code, r, ns, name);
    return result;
  }

  private doCreate<T extends KubeObject>(ctx: RequestContext, r: ResourceInfo, ns: string | undefined, input: KubeObject, owned: boolean): ApiResult<T> {
    const gateErr = this.gate?.writeError(ctx);
    if (gateErr) return fail(gateErr);
    const obj = (owned ? input : deepClone(input)) as Draft;
    if (!obj.metadata || typeof obj.metadata !== 'object') obj.metadata = { name: '' };
    const m = obj.metadata;
    let generated: { name: string; key: string } | undefined;
    if (!m.name && m.generateName) m.name = (generated = generateName(this.env, this.etcd, r, ns, m.generateName)).name;
    if (!m.name) return fail(invalid(r, '', [{ field: 'metadata.name', type: 'Required', detail: 'name or generateName is required' }]));
    stampCreated(this.env, obj, r, ns);
    this.hooks.defaulters.get(r.kind)?.(obj);
    const attrs: AdmissionAttributes = { operation: 'CREATE', resource: r, namespace: ns, name: m.name, object: obj, oldObject: undefined, subresource: undefined, ctx };
    const denied = this.admit(attrs, 'admit');
    if (denied) return fail(denied);
    const errs = this.validate(r, obj, undefined);
    if (errs.length > 0) return fail(invalid(r, m.name, errs));
    const rejected = this.admit(attrs, 'validate');
    if (rejected) return fail(rejected);
    // The key generateName probed is the same string: its hash is computed already.
    const key = generated?.name === m.name ? generated.key : newStoreKey(r, ns, m.name);
    if (this.etcd.get(r.resource, key)) return fail(alreadyExists(r, m.name));
    m.resourceVersion = this.nextRv();
    this.commit(ctx, r, undefined, obj, key);
    return ok(obj as T);
  }

  /**
   * PUT. With `subresource: 'status'` only the status changes; otherwise status is kept
   * from the stored object (for kinds with a status subresource). A write that changes
   * nothing is not persisted and does not bump resourceVersion.
   */
  update<T extends KubeObject = KubeObject>(ctx: RequestContext, resource: string, input: KubeObject, subresource?: 'status', opts?: UpdateOptions): ApiResult<T> {
    const r = this.resource(resource);
    if (!r) return fail(notFoundResource(resource));
    const ns = r.namespaced ? (input.metadata.namespace ?? 'default') : undefined;
    const result = this.doUpdate<T>(ctx, r, ns, input, subresource, opts?.owned === true);
    this.records.objectRequest(ctx, 'PUT', result.ok ? 200 : result.status.code, r, ns, input.metadata.name, subresource);
    return result;
  }

  private doUpdate<T extends KubeObject>(ctx: RequestContext, r: ResourceInfo, ns: string | undefined, input: KubeObject, subresource: 'status' | undefined, owned = false): ApiResult<T> {
    const gateErr = this.gate?.writeError(ctx);
    if (gateErr) return fail(gateErr);
    const name = input.metadata.name;
    const kv = this.storedKv(r, ns, name);
    if (!kv) return fail(notFound(r, name));
    const old = kv.value;
    const rv = input.metadata.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) return fail(conflict(r, name));
    if (subresource === 'status') {
      // Copy on write: the stored object is immutable, so everything but metadata and status is shared.
      const statusOnly = { ...old, metadata: { ...old.metadata }, status: owned ? input.status : deepClone(input.status) } as Draft;
      if (statusOnly.status === undefined) delete statusOnly.status;
      return this.persistUpdate(ctx, r, ns, statusOnly, kv, 'status');
    }
    const obj = deepClone(input) as Draft;
    obj.apiVersion = old.apiVersion;
    obj.kind = old.kind;
    obj.metadata = keptMetadata(obj.metadata, old.metadata, r.namespaced ? ns : undefined, r.namespaced);
    if (hasStatusSubresource(r) && old.status !== undefined) obj.status = deepClone(old.status);
    this.hooks.defaulters.get(r.kind)?.(obj);
    return this.persistUpdate(ctx, r, ns, obj, kv, undefined);
  }

  private persistUpdate<T extends KubeObject>(ctx: RequestContext, r: ResourceInfo, ns: string | undefined, obj: Draft, kv: KeyValue, subresource: string | undefined): ApiResult<T> {
    const old = kv.value;
    const attrs: AdmissionAttributes = { operation: 'UPDATE', resource: r, namespace: ns, name: obj.metadata.name, object: obj, oldObject: old, subresource, ctx };
    const denied = this.admit(attrs, 'admit');
    if (denied) return fail(denied);
    const errs = this.validate(r, obj, old);
    if (errs.length > 0) return fail(invalid(r, obj.metadata.name, errs));
    const rejected = this.admit(attrs, 'validate');
    if (rejected) return fail(rejected);
    if (deepEqual(obj, old)) return ok(old as T);
    if (r.hasGeneration && !deepEqual(specOf(obj), specOf(old))) obj.metadata.generation = (old.metadata.generation ?? 1) + 1;
    if (finishesDeletion(obj, old)) {
      this.commit(ctx, r, old, undefined, kv.key);
      return ok(obj as T);
    }
    obj.metadata.resourceVersion = this.nextRv();
    this.commit(ctx, r, old, obj, kv.key);
    return ok(obj as T);
  }

  /** JSON merge patch (RFC 7386), as `kubectl patch --type merge` and most controllers send. */
  patch<T extends KubeObject = KubeObject>(
    ctx: RequestContext,
    resource: string,
    namespace: string | undefined,
    name: string,
    patchBody: Record<string, unknown>,
    subresource?: 'status',
  ): ApiResult<T> {
    const r = this.resource(resource);
    if (!r) return fail(notFoundResource(resource));
    const ns = r.namespaced ? (namespace ?? 'default') : undefined;
    const old = this.stored<KubeObject>(r, ns, name);
    let result: ApiResult<T>;
    if (!old) result = fail(notFound(r, name));
    else {
      const merged = mergePatch(old, patchBody) as KubeObject;
      const patchedRv = (patchBody.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
      merged.metadata = { ...merged.metadata, resourceVersion: patchedRv ?? old.metadata.resourceVersion };
      result = this.doUpdate<T>(ctx, r, ns, merged, subresource);
    }
    this.records.objectRequest(ctx, 'PATCH', result.ok ? 200 : result.status.code, r, ns, name, subresource);
    return result;
  }

  delete<T extends KubeObject = KubeObject>(ctx: RequestContext, resource: string, namespace: string | undefined, name: string, opts: DeleteOptions = {}): ApiResult<T> {
    const r = this.resource(resource);
    if (!r) return fail(notFoundResource(resource));
    const ns = r.namespaced ? (namespace ?? 'default') : undefined;
    const result = this.doDelete<T>(ctx, r, ns, name, opts);
    this.records.objectRequest(ctx, 'DELETE', result.ok ? 200 : result.status.code, r, ns, name);
    return result;
  }

  private doDelete<T extends KubeObject>(ctx: RequestContext, r: ResourceInfo, ns: string | undefined, name: string, opts: DeleteOptions): ApiResult<T> {
    const gateErr = this.gate?.writeError(ctx);
    if (gateErr) return fail(gateErr);
    const old = this.stored<KubeObject>(r, ns, name);
    if (!old) return fail(notFound(r, name));
    const refused = deleteRefusal(r, old, name, opts);
    if (refused) return fail(refused);
    const attrs: AdmissionAttributes = { operation: 'DELETE', resource: r, namespace: ns, name, object: undefined, oldObject: old, subresource: undefined, ctx };
    const denied = this.admit(attrs, 'validate');
    if (denied) return fail(denied);
    const next = deletionOf(r, old, opts, this.env.now(), this.nextRv());
    if (next === 'unchanged') return ok(old as T);
    if (next === 'remove') this.commit(ctx, r, old, undefined);
    else this.commit(ctx, r, old, next);
    return ok((next === 'remove' ? old : next) as T);
  }

  /**
   * POST pods/<name>/eviction (kubectl drain): a graceful delete that validating admission
   * may refuse, e.g. with 429 when a PodDisruptionBudget would be violated. Admission sees
   * operation CREATE on subresource `eviction` with the pod as oldObject.
   */
  evict(ctx: RequestContext, namespace: string, name: string, opts: DeleteOptions = {}): ApiResult<Pod> {
    const r = resourceByName('pods')!;
    const result = this.doEvict(ctx, r, namespace, name, opts);
    this.records.objectRequest(ctx, 'POST', result.ok ? 201 : result.status.code, r, namespace, name, 'eviction');
    return result;
  }

  private doEvict(ctx: RequestContext, r: ResourceInfo, namespace: string, name: string, opts: DeleteOptions): ApiResult<Pod> {
    const gateErr = this.gate?.writeError(ctx);
    if (gateErr) return fail(gateErr);
    const old = this.stored<Pod>(r, namespace, name);
    if (!old) return fail(notFound(r, name));
    const attrs: AdmissionAttributes = { operation: 'CREATE', resource: r, namespace, name, object: undefined, oldObject: old, subresource: 'eviction', ctx };
    const denied = this.admit(attrs, 'validate');
    if (denied) return fail(denied);
    return this.doDelete<Pod>(ctx, r, namespace, name, opts);
  }

  /** POST pods/<name>/binding: the scheduler's DefaultBinder. */
  bind(ctx: RequestContext, namespace: string, podName: string, nodeName: string): ApiResult<Pod> {
    const r = resourceByName('pods')!;
    const result = this.doBind(ctx, r, namespace, podName, nodeName);
    this.records.objectRequest(ctx, 'POST', result.ok ? 201 : result.status.code, r, namespace, podName, 'binding');
    return result;
  }

  private doBind(ctx: RequestContext, r: ResourceInfo, namespace: string, podName: string, nodeName: string): ApiResult<Pod> {
    const gateErr = this.gate?.writeError(ctx);
    if (gateErr) return fail(gateErr);
    const kv = this.storedKv(r, namespace, podName);
    if (!kv) return fail(notFound(r, podName));
    const old = kv.value as Pod;
    const refused = bindRefusal(r, old, podName);
    if (refused) return fail(refused);
    const pod = this.binder.boundPod(old, nodeName, rfc3339(this.env.now()), this.nextRv());
    this.commit(ctx, r, old, pod, kv.key);
    return ok(pod);
  }

  /** The opId of the request currently being committed (for components reacting synchronously). */
  get activeOpId(): number | undefined {
    return this.currentOpId;
  }

  describeResource(r: ResourceInfo): string {
    return qualifiedResource(r);
  }
}

const NO_ERRORS: readonly never[] = [];

function notFoundResource(resource: string): Status {
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: `the server doesn't have a resource type "${resource}"`, reason: 'NotFound', code: 404 };
}
