import { sortByKind, UNINSTALL_ORDER } from '../install-order';
import { logPhase, type HelmContext } from './context';
import { execHook } from './hooks';
import { buildManifest, type KubeResource } from './kube';
import { deleteResources, RESOURCE_POLICY_ANNOTATION } from './kube-ops';
import { setStatus, ReleaseStatus, type Release } from './release';
import { ERR_RELEASE_NOT_FOUND } from './storage';
import type { Task } from './task';
import { validateReleaseName } from './validate';
import { waitForDelete } from './wait';

/** pkg/action/uninstall.go: hooks, resources deleted in UninstallOrder, history purged or kept. */

export interface UninstallOptions {
  readonly name: string;
  readonly namespace: string;
  readonly keepHistory: boolean;
  readonly disableHooks: boolean;
  readonly wait: boolean;
  readonly timeoutMs: number;
  readonly description: string;
}

export type UninstallResult = { ok: true; release: Release; kept: string } | { ok: false; error: string };

function purge(ctx: HelmContext, rels: readonly Release[]): string | undefined {
  for (const r of rels) {
    const res = ctx.storage.delete(r.name, r.namespace, r.version);
    if (!res.ok) return res.error;
  }
  return undefined;
}

/** deleteRelease: everything in the manifest except what `helm.sh/resource-policy: keep` protects. */
function deleteRelease(ctx: HelmContext, rel: Release): { deleted: KubeResource[]; kept: string; errors: string[] } {
  const built = buildManifest(rel.manifest, rel.namespace);
  if (!built.ok) return { deleted: [], kept: '', errors: [`unable to build kubernetes objects for delete: ${built.error}`] };
  const ordered = sortByKind(built.resources, (r) => r.r.kind, UNINSTALL_ORDER);
  const keep = ordered.filter((r) => r.object.metadata.annotations?.[RESOURCE_POLICY_ANNOTATION] === 'keep');
  const toDelete = ordered.filter((r) => !keep.includes(r));
  const kept = keep.map((r) => `[${r.r.kind}] ${r.name}\n`).join('');
  if (toDelete.length > 0) logPhase(ctx, 'apply', `delete ${toDelete.length} resources in uninstall order`);
  return { deleted: toDelete, kept, errors: deleteResources(ctx, toDelete) };
}

export function* uninstall(ctx: HelmContext, o: UninstallOptions): Task<UninstallResult> {
  if (validateReleaseName(o.name)) return { ok: false, error: `uninstall: Release name is invalid: ${o.name}` };
  const rels = ctx.storage.history(o.name, o.namespace);
  if (rels.length === 0) return { ok: false, error: `uninstall: Release not loaded: ${o.name}: ${ERR_RELEASE_NOT_FOUND}` };
  const rel = rels[rels.length - 1]!;
  if (rel.info.status === ReleaseStatus.Uninstalled) {
    if (o.keepHistory) return { ok: false, error: `the release named ${JSON.stringify(o.name)} is already deleted` };
    const err = purge(ctx, rels);
    return err ? { ok: false, error: `uninstall: Failed to purge the release: ${err}` } : { ok: true, release: rel, kept: '' };
  }
  setStatus(rel, ReleaseStatus.Uninstalling, 'Deletion in progress (or silently failed)');
  rel.info.deleted = ctx.env.now();
  if (!o.disableHooks) {
    const err = yield* execHook(ctx, rel, 'pre-delete', o.timeoutMs);
    if (err) return { ok: false, error: err };
  }
  ctx.storage.update(rel);
  const { deleted, kept, errors } = deleteRelease(ctx, rel);
  if (o.wait) {
    const err = yield* waitForDelete(ctx, deleted, o.timeoutMs);
    if (err) errors.push(err);
  }
  if (!o.disableHooks) {
    const err = yield* execHook(ctx, rel, 'post-delete', o.timeoutMs);
    if (err) errors.push(err);
  }
  setStatus(rel, ReleaseStatus.Uninstalled, o.description || 'Uninstallation complete');
  const keptText = kept ? `These resources were kept due to the resource policy:\n${kept}` : '';
  if (!o.keepHistory) {
    const err = purge(ctx, rels);
    if (err) errors.push(`uninstall: Failed to purge the release: ${err}`);
  } else {
    ctx.storage.update(rel);
  }
  logPhase(ctx, 'command', `release ${o.name} uninstalled`);
  if (errors.length > 0) return { ok: false, error: `uninstallation completed with ${errors.length} error(s): ${errors.join('; ')}` };
  return { ok: true, release: rel, kept: keptText };
}
