import type { Condition, Deployment, LabelSelector, ReplicaSet } from '../../api/types';
import { rfc3339 } from '../../sim/time';
import { deepClone } from '../../util/clone';
import { computeHash } from '../shared/hash';
import { controllerRefOf, newControllerRef } from '../shared/owner-refs';
import { SyncError, type DeploymentSync } from './sync-context';
import {
  byCreation, DEFAULT_REVISION_HISTORY_LIMIT, equalIgnoreHash, findNewReplicaSet, maxRevision, newRSNewReplicas,
  POD_TEMPLATE_HASH_LABEL, progressDeadlineSeconds, progressingCondition, REVISION_ANNOTATION, revisionOf, rsReplicas,
  setNewReplicaSetAnnotations,
} from './util';

export interface ReplicaSetSplit {
  newRS: ReplicaSet | undefined;
  oldRSs: ReplicaSet[];
}

/** deploymentutil.NewDeploymentCondition. */
export function deploymentCondition(type: string, status: Condition['status'], reason: string, message: string, nowMs: number): Condition {
  const t = rfc3339(nowMs);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

/** deploymentutil.SetDeploymentCondition: same status and reason is no change; same status keeps the transition time. */
export function setDeploymentCondition(d: Deployment, cond: Condition): void {
  const status = (d.status ??= {});
  const current = status.conditions?.find((c) => c.type === cond.type);
  if (current && current.status === cond.status && current.reason === cond.reason) return;
  const next = current && current.status === cond.status ? { ...cond, lastTransitionTime: current.lastTransitionTime } : cond;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== cond.type), next];
}

function setDeploymentRevision(d: Deployment, revision: string): boolean {
  if (d.metadata.annotations?.[REVISION_ANNOTATION] === revision) return false;
  d.metadata.annotations = { ...(d.metadata.annotations ?? {}), [REVISION_ANNOTATION]: revision };
  return true;
}

function selectorWithHash(selector: LabelSelector, hash: string): LabelSelector {
  return { ...deepClone(selector), matchLabels: { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash } };
}

/**
 * getAllReplicaSetsAndSyncRevision: finds (or creates) the ReplicaSet of the current template.
 * A rollback reuses the old ReplicaSet and gives it the next revision number.
 */
export function syncRevision(s: DeploymentSync, createIfMissing: boolean): ReplicaSetSplit {
  // The stored Deployment (not the working copy) so that template comparisons can be memoized.
  const existing = findNewReplicaSet(s.persisted, s.rsList);
  const oldRSs = s.rsList.filter((rs) => rs.metadata.uid !== existing?.metadata.uid);
  const newRevision = maxRevision(oldRSs) + 1;
  const newRS = existing ? syncExisting(s, existing, newRevision) : createIfMissing ? createNew(s, oldRSs, newRevision) : undefined;
  return { newRS, oldRSs };
}

function syncExisting(s: DeploymentSync, existing: ReplicaSet, newRevision: number): ReplicaSet {
  // Only the annotations and spec.minReadySeconds are written to (the API server copies the rest):
  // a deep copy of the whole ReplicaSet on every sync was wasted when nothing changed.
  const annotations = existing.metadata.annotations;
  const copy: ReplicaSet = { ...existing, metadata: { ...existing.metadata, ...(annotations ? { annotations: { ...annotations } } : {}) }, spec: { ...existing.spec } };
  const annotationsChanged = setNewReplicaSetAnnotations(s.d, copy, newRevision, true);
  const minReady = s.d.spec.minReadySeconds;
  let rs = existing;
  if (annotationsChanged || (copy.spec.minReadySeconds ?? 0) !== (minReady ?? 0)) {
    if (minReady === undefined) delete copy.spec.minReadySeconds;
    else copy.spec.minReadySeconds = minReady;
    const res = s.api.update<ReplicaSet>(s.ctx, 'replicasets', copy);
    if (!res.ok) throw new SyncError(res.status.message);
    rs = res.value;
    s.replace(rs);
  }
  let needsUpdate = setDeploymentRevision(s.d, rs.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
  if (progressDeadlineSeconds(s.d) !== undefined && !progressingCondition(s.d.status?.conditions)) {
    setDeploymentCondition(s.d, deploymentCondition('Progressing', 'True', 'FoundNewReplicaSet', `Found new replica set "${rs.metadata.name}"`, s.now));
    needsUpdate = true;
  }
  if (needsUpdate) s.persist();
  return rs;
}

function createNew(s: DeploymentSync, oldRSs: ReplicaSet[], newRevision: number): ReplicaSet {
  const d = s.d;
  const hash = computeHash(d.spec.template, d.status?.collisionCount);
  const template = deepClone(d.spec.template);
  const labels = { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  template.metadata = { ...(template.metadata ?? {}), labels };
  const draft: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `${d.metadata.name}-${hash}`, namespace: d.metadata.namespace, labels: { ...labels }, ownerReferences: [newControllerRef(d)] },
    spec: { replicas: 0, selector: selectorWithHash(d.spec.selector, hash), template },
  };
  if (d.spec.minReadySeconds !== undefined) draft.spec.minReadySeconds = d.spec.minReadySeconds;
  draft.spec.replicas = newRSNewReplicas(d, [...oldRSs, draft], draft);
  setNewReplicaSetAnnotations(d, draft, newRevision, false);
  const res = s.api.create<ReplicaSet>(s.ctx, 'replicasets', d.metadata.namespace, draft);
  let created: ReplicaSet;
  let alreadyExisted = false;
  if (res.ok) created = res.value;
  else if (res.status.reason === 'AlreadyExists') {
    const got = s.api.get<ReplicaSet>(s.ctx, 'replicasets', d.metadata.namespace, draft.metadata.name);
    if (!got.ok || controllerRefOf(got.value)?.uid !== d.metadata.uid || !equalIgnoreHash(d.spec.template, got.value.spec.template)) {
      // A different object owns the name: bump collisionCount so the next hash differs.
      s.d.status = { ...(s.d.status ?? {}), collisionCount: (s.d.status?.collisionCount ?? 0) + 1 };
      s.persist();
      throw new SyncError(`hash collision on replica set ${draft.metadata.name}`);
    }
    created = got.value;
    alreadyExisted = true;
  } else {
    const msg = `Failed to create new replica set "${draft.metadata.name}": ${res.status.message}`;
    if (progressDeadlineSeconds(d) !== undefined) setDeploymentCondition(d, deploymentCondition('Progressing', 'False', 'ReplicaSetCreateError', msg, s.now));
    s.event('Warning', 'ReplicaSetCreateError', msg);
    s.persist();
    throw new SyncError(msg);
  }
  s.replace(created);
  if (!alreadyExisted && rsReplicas(created) > 0) {
    s.event('Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${rsReplicas(created)}`);
  }
  let needsUpdate = setDeploymentRevision(d, String(newRevision));
  if (!alreadyExisted && progressDeadlineSeconds(d) !== undefined) {
    setDeploymentCondition(d, deploymentCondition('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${created.metadata.name}"`, s.now));
    needsUpdate = true;
  }
  if (needsUpdate) s.persist();
  return created;
}

/** dc.cleanupDeployment: delete the oldest fully scaled-down ReplicaSets past revisionHistoryLimit. */
export function cleanupDeployment(s: DeploymentSync, oldRSs: readonly ReplicaSet[]): void {
  const limit = s.d.spec.revisionHistoryLimit ?? DEFAULT_REVISION_HISTORY_LIMIT;
  const cleanable = oldRSs.map((rs) => s.current(rs)!).filter((rs) => !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - limit;
  if (diff <= 0) return;
  cleanable.sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
  for (const rs of cleanable.slice(0, diff)) {
    if ((rs.status?.replicas ?? 0) !== 0 || rsReplicas(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
    s.api.delete(s.ctx, 'replicasets', rs.metadata.namespace, rs.metadata.name);
  }
}
