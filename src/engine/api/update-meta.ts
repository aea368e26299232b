import type { KubeObject, ObjectMeta } from './types';
import type { ResourceInfo } from './resources';

/** Mutable view of a private copy, for the server's own metadata bookkeeping. */
export type Draft = KubeObject & { metadata: KubeObject['metadata'] };

/**
 * The metadata of an update: the caller's (`draft`, the server's private deep copy of the
 * request, changed in place and returned), with the fields the server owns taken from the
 * stored object. Assigned rather than spread-then-deleted: deleting a middle key turns an
 * object into a slow dictionary, and every update (lease renewals most of all) went through
 * that. Key order is that of the spread it replaces.
 */
export function keptMetadata(draft: ObjectMeta, keep: ObjectMeta, ns: string | undefined, namespaced: boolean): ObjectMeta {
  const out = draft;
  out.name = keep.name;
  out.uid = keep.uid;
  out.creationTimestamp = keep.creationTimestamp;
  out.resourceVersion = keep.resourceVersion;
  if (keep.generation !== undefined) out.generation = keep.generation;
  else if ('generation' in out) delete out.generation;
  if (keep.deletionTimestamp) out.deletionTimestamp = keep.deletionTimestamp;
  else if ('deletionTimestamp' in out) delete out.deletionTimestamp;
  if (keep.deletionGracePeriodSeconds !== undefined) out.deletionGracePeriodSeconds = keep.deletionGracePeriodSeconds;
  else if ('deletionGracePeriodSeconds' in out) delete out.deletionGracePeriodSeconds;
  if (namespaced) out.namespace = ns;
  return out;
}

/** Kinds without a status subresource (a set built once: every update asks). */
const NO_STATUS_SUBRESOURCE: ReadonlySet<string> = new Set(['ConfigMap', 'Secret', 'ServiceAccount', 'Event', 'Lease', 'EndpointSlice', 'Endpoints', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass', 'PriorityClass', 'IngressClass']);

export function hasStatusSubresource(r: ResourceInfo): boolean {
  return !NO_STATUS_SUBRESOURCE.has(r.kind);
}

/** Everything but metadata, status, apiVersion and kind: a change there bumps metadata.generation. */
export function specOf(obj: KubeObject): unknown {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return rest;
}
