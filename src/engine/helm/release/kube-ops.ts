import type { KubeObject } from '../../api/types';
import { mergePatchBetween, threeWayMerge } from '../../commands/kubectl/apply/three-way';
import { checkOwnership } from '../release-metadata';
import { logPhase, type HelmContext } from './context';
import { multiError } from './errors';
import { nsArg, resourceKey, type KubeResource } from './kube';

/**
 * Helm's kube client writes (pkg/kube/client.go): Create in kind batches, Update as a
 * three-way merge per object plus deletion of what the new release dropped, Delete with
 * background propagation, and the ownership check that runs before an install.
 */

export const RESOURCE_POLICY_ANNOTATION = 'helm.sh/resource-policy';

function ref(res: KubeResource): { kind: string; namespace?: string; name: string } {
  return { kind: res.r.kind, ...(res.namespace ? { namespace: res.namespace } : {}), name: res.name };
}

/**
 * existingResourceConflict: objects that already exist must carry this release's
 * ownership metadata (they are then adopted, i.e. updated instead of created).
 */
export function existingResourceConflict(ctx: HelmContext, resources: readonly KubeResource[], releaseName: string, releaseNamespace: string): { ok: true; adopt: KubeResource[] } | { ok: false; error: string } {
  const adopt: KubeResource[] = [];
  for (const res of resources) {
    const got = ctx.api.get(ctx.req, res.r.resource, nsArg(res), res.name);
    if (!got.ok) {
      if (got.status.code === 404) continue;
      return { ok: false, error: `could not get information about the resource ${res.r.kind} ${JSON.stringify(res.name)} in namespace ${JSON.stringify(res.namespace)}: ${got.status.message}` };
    }
    const live = got.value;
    const bad = checkOwnership({ kind: res.r.kind, metadata: { ...live.metadata, namespace: res.namespace } }, releaseName, releaseNamespace);
    if (bad) return { ok: false, error: bad };
    adopt.push(res);
  }
  return { ok: true, adopt };
}

/**
 * Client.Create via batchPerform: consecutive objects of one kind go out together, the
 * next kind once they have returned; every object is tried, failures are collected.
 */
export function createResources(ctx: HelmContext, resources: readonly KubeResource[]): string | undefined {
  const errors: string[] = [];
  let i = 0;
  while (i < resources.length) {
    const kind = resources[i]!.r.kind;
    let j = i;
    while (j < resources.length && resources[j]!.r.kind === kind) j++;
    const batch = resources.slice(i, j);
    logPhase(ctx, 'apply', `create ${batch.length} ${kind}${batch.length > 1 ? ' objects' : ''}: ${batch.map((b) => b.name).join(', ')}`);
    for (const res of batch) {
      const created = ctx.api.create(ctx.req, res.r.resource, nsArg(res), res.object);
      if (!created.ok) errors.push(created.status.message);
    }
    i = j;
  }
  return errors.length > 0 ? multiError(errors) : undefined;
}

export interface UpdateResult {
  readonly created: KubeResource[];
  readonly error?: string;
}

/** Client.Update: create what is new, patch what changed, delete what the target dropped (unless kept). */
export function updateResources(ctx: HelmContext, original: readonly KubeResource[], target: readonly KubeResource[]): UpdateResult {
  const byKey = new Map(original.map((o) => [resourceKey(o), o]));
  const created: KubeResource[] = [];
  const updateErrors: string[] = [];
  const counts = { created: 0, patched: 0, unchanged: 0, deleted: 0 };
  for (const res of target) {
    const live = ctx.api.get(ctx.req, res.r.resource, nsArg(res), res.name);
    if (!live.ok) {
      if (live.status.code !== 404) return { created, error: `could not get information about the resource: ${live.status.message}` };
      created.push(res);
      const made = ctx.api.create(ctx.req, res.r.resource, nsArg(res), res.object);
      if (!made.ok) return { created, error: `failed to create resource: ${made.status.message}` };
      counts.created++;
      continue;
    }
    const orig = byKey.get(resourceKey(res));
    if (!orig) return { created, error: `no ${res.r.kind} with the name ${JSON.stringify(res.name)} found` };
    const err = patchResource(ctx, res, orig.object, live.value);
    if (err === 'unchanged') counts.unchanged++;
    else if (err) updateErrors.push(err);
    else counts.patched++;
  }
  if (updateErrors.length > 0) return { created, error: updateErrors.join(' && ') };
  const targetKeys = new Set(target.map(resourceKey));
  for (const res of original) {
    if (targetKeys.has(resourceKey(res))) continue;
    const live = ctx.api.get(ctx.req, res.r.resource, nsArg(res), res.name);
    if (!live.ok) continue;
    if (live.value.metadata.annotations?.[RESOURCE_POLICY_ANNOTATION] === 'keep') continue;
    const del = ctx.api.delete(ctx.req, res.r.resource, nsArg(res), res.name, { propagationPolicy: 'Background' });
    if (del.ok) counts.deleted++;
  }
  logPhase(ctx, 'apply', `update ${target.length} resources: ${counts.created} created, ${counts.patched} patched, ${counts.unchanged} unchanged, ${counts.deleted} deleted`);
  return { created };
}

/** updateResource: the three-way patch of (old manifest, new manifest, live object); nothing is sent when it is empty. */
function patchResource(ctx: HelmContext, res: KubeResource, original: KubeObject, live: KubeObject): string | undefined {
  const desired = threeWayMerge(original, res.object, live);
  const patch = mergePatchBetween(live, desired);
  if (Object.keys(patch).length === 0) return 'unchanged';
  const patched = ctx.api.patch(ctx.req, res.r.resource, nsArg(res), res.name, patch);
  if (patched.ok) {
    logPhase(ctx, 'apply', `patch ${res.r.kind} ${res.name}`, ref(res));
    return undefined;
  }
  return `cannot patch ${JSON.stringify(res.name)} with kind ${res.r.kind}: ${patched.status.message}`;
}

/** Client.Delete: background propagation, NotFound ignored; returns the other failures. */
export function deleteResources(ctx: HelmContext, resources: readonly KubeResource[]): string[] {
  const errors: string[] = [];
  for (const res of resources) {
    const del = ctx.api.delete(ctx.req, res.r.resource, nsArg(res), res.name, { propagationPolicy: 'Background' });
    if (!del.ok && del.status.code !== 404) errors.push(del.status.message);
  }
  return errors;
}
