import type { ReplicaSet } from '../../api/types';
import { cleanupDeployment, syncRevision } from './revision';
import { syncRolloutStatus } from './status';
import type { DeploymentSync } from './sync-context';
import { byCreation, deploymentComplete, filterActive, maxUnavailable, newRSNewReplicas, replicasOf, rsReplicas, sumAvailable, sumSpec } from './util';

function live(s: DeploymentSync, rss: readonly ReplicaSet[]): ReplicaSet[] {
  return rss.map((rs) => s.current(rs)!);
}

/** dc.reconcileNewReplicaSet: grow the new ReplicaSet as far as maxSurge allows. */
function reconcileNewReplicaSet(s: DeploymentSync, all: readonly ReplicaSet[], newRS: ReplicaSet): boolean {
  const target = replicasOf(s.d);
  if (rsReplicas(newRS) === target) return false;
  if (rsReplicas(newRS) > target) return s.scaleAndRecord(newRS, target).scaled;
  return s.scaleAndRecord(newRS, newRSNewReplicas(s.d, all, newRS)).scaled;
}

/** dc.cleanupUnhealthyReplicas: old replicas that are not available go first, up to `max`. */
function cleanupUnhealthyReplicas(s: DeploymentSync, oldRSs: ReplicaSet[], max: number): number {
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= max) break;
    const replicas = rsReplicas(rs);
    const available = rs.status?.availableReplicas ?? 0;
    if (replicas === 0 || replicas === available) continue;
    const down = Math.min(max - total, replicas - available);
    s.scaleAndRecord(rs, replicas - down);
    total += down;
  }
  return total;
}

/** dc.scaleDownOldReplicaSetsForRollingUpdate: never below replicas − maxUnavailable available. */
function scaleDownOldForRollingUpdate(s: DeploymentSync, all: readonly ReplicaSet[], oldRSs: readonly ReplicaSet[]): number {
  const minAvailable = replicasOf(s.d) - maxUnavailable(s.d);
  const available = sumAvailable(all);
  if (available <= minAvailable) return 0;
  const budget = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= budget) break;
    const replicas = rsReplicas(rs);
    if (replicas === 0) continue;
    const down = Math.min(replicas, budget - total);
    s.scaleAndRecord(rs, replicas - down);
    total += down;
  }
  return total;
}

/** dc.reconcileOldReplicaSets. */
function reconcileOldReplicaSets(s: DeploymentSync, all: readonly ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet): boolean {
  if (sumSpec(oldRSs) === 0) return false;
  const minAvailable = replicasOf(s.d) - maxUnavailable(s.d);
  const newUnavailable = rsReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = sumSpec(all) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const cleaned = cleanupUnhealthyReplicas(s, oldRSs, maxScaledDown);
  const old = live(s, oldRSs);
  const scaledDown = scaleDownOldForRollingUpdate(s, live(s, all), old);
  return cleaned + scaledDown > 0;
}

/** dc.rolloutRolling. Returns ms until the progress deadline should be re-checked, if any. */
export function rolloutRolling(s: DeploymentSync): number | undefined {
  const { newRS, oldRSs } = syncRevision(s, true);
  const all = (): ReplicaSet[] => live(s, newRS ? [...oldRSs, newRS] : oldRSs);
  if (!newRS) return syncRolloutStatus(s, all(), undefined);
  if (reconcileNewReplicaSet(s, all(), s.current(newRS)!)) return syncRolloutStatus(s, all(), s.current(newRS));
  if (reconcileOldReplicaSets(s, all(), filterActive(live(s, oldRSs)), s.current(newRS)!)) return syncRolloutStatus(s, all(), s.current(newRS));
  if (deploymentComplete(s.d, s.d.status ?? {})) cleanupDeployment(s, oldRSs);
  return finishRollout(s, all(), newRS, oldRSs);
}

/** syncRolloutStatus, then the history cleanup the next pass would do once the rollout completed. */
function finishRollout(s: DeploymentSync, all: readonly ReplicaSet[], newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): number | undefined {
  const wasComplete = deploymentComplete(s.d, s.d.status ?? {});
  const recheck = syncRolloutStatus(s, all, s.current(newRS));
  if (!wasComplete && deploymentComplete(s.d, s.d.status ?? {})) cleanupDeployment(s, oldRSs);
  return recheck;
}

/** oldPodsRunning: any pod (even terminating) of an old ReplicaSet that is not terminal. */
function oldPodsRunning(s: DeploymentSync, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): boolean {
  if (oldRSs.some((rs) => (rs.status?.replicas ?? 0) > 0)) return true;
  for (const rs of oldRSs) {
    if (rs.metadata.uid === newRS?.metadata.uid) continue;
    for (const pod of s.deps.podsOf(rs.metadata.uid)) {
      const phase = pod.status?.phase;
      if (phase !== 'Failed' && phase !== 'Succeeded') return true;
    }
  }
  return false;
}

/** dc.rolloutRecreate: scale every old ReplicaSet to zero, wait for their pods to be gone, then scale up. */
export function rolloutRecreate(s: DeploymentSync): number | undefined {
  let { newRS, oldRSs } = syncRevision(s, false);
  const all = (): ReplicaSet[] => live(s, newRS ? [...oldRSs, newRS] : oldRSs);
  let scaledDown = false;
  for (const rs of filterActive(oldRSs)) if (s.scaleAndRecord(rs, 0).scaled) scaledDown = true;
  if (scaledDown) return syncRolloutStatus(s, all(), s.current(newRS));
  if (oldPodsRunning(s, newRS, live(s, oldRSs))) return syncRolloutStatus(s, all(), s.current(newRS));
  if (!newRS) ({ newRS, oldRSs } = syncRevision(s, true));
  if (newRS) s.scaleAndRecord(s.current(newRS)!, replicasOf(s.d));
  if (deploymentComplete(s.d, s.d.status ?? {})) cleanupDeployment(s, oldRSs);
  return finishRollout(s, all(), newRS, oldRSs);
}
