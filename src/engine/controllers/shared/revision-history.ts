import type { ApiServer, RequestContext } from '../../api/apiserver';
import type { ControllerRevision, KubeObject, PodTemplateSpec } from '../../api/types';
import { deepClone, stableStringify } from '../../util/clone';
import { computeHash } from './hash';
import { compareStrings, newControllerRef } from './owner-refs';

/** getPatch: what a DaemonSet / StatefulSet revision stores — its template, applied with `$patch: replace`. */
export function revisionData(template: PodTemplateSpec): unknown {
  return { spec: { template: { ...deepClone(template), $patch: 'replace' } } };
}

/** The pod template a revision stores, if its data has that shape. */
export function revisionTemplate(cr: ControllerRevision): PodTemplateSpec | undefined {
  const data = cr.data;
  if (!isRecord(data) || !isRecord(data.spec) || !isRecord(data.spec.template)) return undefined;
  const { $patch: _patch, ...template } = data.spec.template;
  if (!isRecord(template.spec) || !Array.isArray(template.spec.containers)) return undefined;
  const copy: unknown = deepClone(template);
  return copy as PodTemplateSpec;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export interface RevisionOwner {
  owner: KubeObject;
  ownerResource: string;
  template: PodTemplateSpec;
  collisionCount: number | undefined;
  /** Label carrying the hash on the revision (`controller-revision-hash` / `controller.kubernetes.io/hash`). */
  hashLabel: string;
  /** Called when `<owner>-<hash>` is taken by a different template (bump status.collisionCount). */
  onCollision(): void;
}

export interface History {
  current: ControllerRevision;
  old: ControllerRevision[];
  hash: string;
}

/**
 * constructHistory / getStatefulSetRevisions: the ControllerRevision of the current template
 * (created as `<owner>-<hash>` when missing, renumbered to the newest revision when an old
 * one is reused — a rollback) and the others. Returns an error message on failure.
 */
export function constructHistory(api: ApiServer, ctx: RequestContext, o: RevisionOwner, owned: readonly ControllerRevision[]): History | string {
  const want = stableStringify(revisionData(o.template));
  const current: ControllerRevision[] = [];
  const old: ControllerRevision[] = [];
  for (const cr of owned) (stableStringify(cr.data) === want ? current : old).push(cr);
  const next = old.reduce((m, cr) => Math.max(m, cr.revision), 0) + 1;
  current.sort((a, b) => b.revision - a.revision || compareStrings(a.metadata.name, b.metadata.name));
  let cur = current[0];
  if (!cur) {
    const created = snapshot(api, ctx, o, next);
    if (typeof created === 'string') return created;
    cur = created;
  } else if (cur.revision < next) {
    const res = api.update<ControllerRevision>(ctx, 'controllerrevisions', { ...deepClone(cur), revision: next });
    if (!res.ok) return res.status.message;
    cur = res.value;
  }
  for (const dup of current.slice(1)) api.delete(ctx, 'controllerrevisions', dup.metadata.namespace, dup.metadata.name);
  return { current: cur, old, hash: cur.metadata.labels?.[o.hashLabel] ?? cur.metadata.name };
}

function snapshot(api: ApiServer, ctx: RequestContext, o: RevisionOwner, revision: number): ControllerRevision | string {
  const hash = computeHash(o.template, o.collisionCount);
  const meta = o.owner.metadata;
  const cr: ControllerRevision = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${meta.name}-${hash}`,
      namespace: meta.namespace,
      labels: { ...(o.template.metadata?.labels ?? {}), [o.hashLabel]: hash },
      ownerReferences: [newControllerRef(o.owner)],
    },
    data: revisionData(o.template),
    revision,
  };
  const res = api.create<ControllerRevision>(ctx, 'controllerrevisions', meta.namespace, cr);
  if (res.ok) return res.value;
  if (res.status.reason !== 'AlreadyExists') return res.status.message;
  const existing = api.get<ControllerRevision>(ctx, 'controllerrevisions', meta.namespace, cr.metadata.name);
  if (existing.ok && stableStringify(existing.value.data) === stableStringify(cr.data)) return existing.value;
  o.onCollision();
  return `found a stale ControllerRevision ${cr.metadata.name} with a different template`;
}

/** cleanupHistory: keep revisionHistoryLimit old revisions, never one still in use. */
export function cleanupHistory(api: ApiServer, ctx: RequestContext, old: readonly ControllerRevision[], limit: number, inUse: (cr: ControllerRevision) => boolean): void {
  let toKill = old.length - limit;
  if (toKill <= 0) return;
  for (const cr of [...old].sort((a, b) => a.revision - b.revision)) {
    if (toKill <= 0) break;
    if (inUse(cr)) continue;
    api.delete(ctx, 'controllerrevisions', cr.metadata.namespace, cr.metadata.name);
    toKill--;
  }
}
