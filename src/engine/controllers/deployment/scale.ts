import type { Deployment, ReplicaSet } from '../../api/types';
import { cleanupDeployment, syncRevision } from './revision';
import { syncDeploymentStatus } from './status';
import type { DeploymentSync } from './sync-context';
import {
  annotationInt, byCreation, DESIRED_REPLICAS_ANNOTATION, filterActive, isRollingUpdate, MAX_REPLICAS_ANNOTATION,
  maxSurge, replicasOf, rsReplicas, sumSpec,
} from './util';

/** deploymentutil.FindActiveOrLatest: the single active ReplicaSet, or the newest when none is active. */
function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = filterActive(newRS ? [...newestFirst, newRS] : newestFirst);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = annotationInt(rs, DESIRED_REPLICAS_ANNOTATION);
  const r = replicasOf(d);
  return desired !== undefined && rsReplicas(rs) === r && desired === r && (rs.status?.availableReplicas ?? 0) === r;
}

/** getReplicaSetFraction: this ReplicaSet's share of the change, from the max-replicas it was sized for. */
function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (replicasOf(d) === 0) return -rsReplicas(rs);
  const maxNow = replicasOf(d) + maxSurge(d);
  let before = annotationInt(rs, MAX_REPLICAS_ANNOTATION);
  if (before === undefined || before === 0) {
    before = d.status?.replicas ?? 0;
    if (before === 0) return 0;
  }
  return Math.floor((rsReplicas(rs) * maxNow) / before + 0.5) - rsReplicas(rs);
}

/** deploymentutil.GetProportion. */
function proportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (rsReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/**
 * dc.scale: a replicas change during a rollout is spread over the active ReplicaSets in
 * proportion to their size (largest first), so a half-done rollout keeps its ratio.
 */
export function scale(s: DeploymentSync, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): void {
  const d = s.d;
  const target = replicasOf(d);
  const aol = findActiveOrLatest(newRS, oldRSs);
  if (aol) {
    if (rsReplicas(aol) !== target) s.scaleAndRecord(aol, target);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of filterActive(oldRSs)) s.scaleAndRecord(old, 0);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const all = filterActive(newRS ? [...oldRSs, newRS] : [...oldRSs]);
  const allowed = target > 0 ? target + maxSurge(d) : 0;
  const toAdd = allowed - sumSpec(all);
  if (toAdd > 0) all.sort((a, b) => rsReplicas(b) - rsReplicas(a) || byCreation(b, a));
  else if (toAdd < 0) all.sort((a, b) => rsReplicas(b) - rsReplicas(a) || byCreation(a, b));
  const sizes = new Map<string, number>();
  let added = 0;
  for (const rs of all) {
    const p = proportion(rs, d, toAdd, added);
    sizes.set(rs.metadata.name, rsReplicas(rs) + p);
    added += p;
  }
  const first = all[0];
  if (toAdd !== 0 && first) sizes.set(first.metadata.name, Math.max(0, sizes.get(first.metadata.name)! + toAdd - added));
  for (const rs of all) s.scaleReplicaSet(rs, sizes.get(rs.metadata.name)!);
}

/** dc.isScalingEvent: some active ReplicaSet was sized for a different spec.replicas. */
export function isScalingEvent(s: DeploymentSync): boolean {
  const { newRS, oldRSs } = syncRevision(s, false);
  const target = replicasOf(s.d);
  for (const rs of filterActive(newRS ? [...oldRSs, newRS] : oldRSs)) {
    const desired = annotationInt(s.current(rs)!, DESIRED_REPLICAS_ANNOTATION);
    if (desired !== undefined && desired !== target) return true;
  }
  return false;
}

/** dc.sync: scaling (and paused Deployments) without starting a rollout. */
export function syncScaleOnly(s: DeploymentSync): void {
  const { newRS, oldRSs } = syncRevision(s, false);
  scale(s, newRS, oldRSs);
  if (s.d.spec.paused) cleanupDeployment(s, oldRSs);
  const all = s.rsList;
  syncDeploymentStatus(s, all, s.current(newRS));
}

/** dc.syncStatusOnly: a Deployment being deleted only reports status. */
export function syncStatusOnly(s: DeploymentSync): void {
  const { newRS } = syncRevision(s, false);
  syncDeploymentStatus(s, s.rsList, s.current(newRS));
}
