import type { ApiServer, RequestContext } from '../../api/apiserver';
import type { Condition, KubeObject } from '../../api/types';
import { deepClone, deepEqual } from '../../util/clone';

/**
 * Writes `status` through the status subresource unless it equals what is stored. On a
 * conflict (our cache was stale) it re-reads once and retries, as upstream's
 * updateReplicaSetStatus does. Returns the stored object, or undefined on failure.
 */
export function writeStatus<T extends KubeObject>(api: ApiServer, ctx: RequestContext, resource: string, obj: T, status: T['status']): T | undefined {
  if (deepEqual(obj.status, status)) return obj;
  const next = { ...obj, status } as T;
  const res = api.update<T>(ctx, resource, next, 'status');
  if (res.ok) return res.value;
  if (res.status.code !== 409) return undefined;
  const fresh = api.get<T>(ctx, resource, obj.metadata.namespace, obj.metadata.name);
  if (!fresh.ok || fresh.value.metadata.uid !== obj.metadata.uid) return undefined;
  if (deepEqual(fresh.value.status, status)) return fresh.value;
  const retry = api.update<T>(ctx, resource, { ...fresh.value, status: deepClone(status) } as T, 'status');
  return retry.ok ? retry.value : undefined;
}

export function findCondition(conditions: readonly Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

/** Sets a condition, keeping lastTransitionTime when the status did not change. Returns the new list. */
export function setCondition(conditions: readonly Condition[] | undefined, cond: Condition): Condition[] {
  const current = findCondition(conditions, cond.type);
  if (current && current.status === cond.status && current.reason === cond.reason && current.message === cond.message) return [...(conditions ?? [])];
  const next: Condition = current && current.status === cond.status && current.lastTransitionTime ? { ...cond, lastTransitionTime: current.lastTransitionTime } : cond;
  return [...(conditions ?? []).filter((c) => c.type !== cond.type), next];
}

export function removeCondition(conditions: readonly Condition[] | undefined, type: string): Condition[] {
  return (conditions ?? []).filter((c) => c.type !== type);
}

/** Drops zero-valued counters, as Go's `omitempty` does when the API server serializes status. */
export function omitZero<T extends Record<string, unknown>>(status: T, keys: readonly (keyof T)[]): T {
  const out = { ...status };
  for (const k of keys) if (out[k] === 0) delete out[k];
  return out;
}
