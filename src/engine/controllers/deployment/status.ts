import type { Condition, Deployment, ReplicaSet } from '../../api/types';
import { parseTimestamp } from '../../sim/time';
import { deepClone, deepEqual } from '../../util/clone';
import { deploymentCondition, setDeploymentCondition } from './revision';
import type { DeploymentSync } from './sync-context';
import {
  deploymentComplete, deploymentProgressing, deploymentTimedOut, maxUnavailable, progressDeadlineSeconds,
  progressingCondition, replicasOf, sumActual, sumAvailable, sumReady, sumSpec,
} from './util';

type DeploymentStatus = NonNullable<Deployment['status']>;

/** dc.calculateStatus: counters from the ReplicaSets' statuses, plus the Available condition. */
export function calculateStatus(s: DeploymentSync, all: readonly ReplicaSet[], newRS: ReplicaSet | undefined): DeploymentStatus {
  const d = s.d;
  const available = sumAvailable(all);
  const unavailable = Math.max(0, sumSpec(all) - available);
  const status: DeploymentStatus = { observedGeneration: d.metadata.generation };
  const counters: [keyof DeploymentStatus, number][] = [
    ['replicas', sumActual(all)], ['updatedReplicas', sumActual([newRS])], ['readyReplicas', sumReady(all)],
    ['availableReplicas', available], ['unavailableReplicas', unavailable],
  ];
  for (const [k, v] of counters) if (v !== 0) (status as Record<string, unknown>)[k] = v;
  if (status.observedGeneration === undefined) delete status.observedGeneration;
  const holder: Deployment = { ...d, status: { ...status, conditions: deepClone(d.status?.conditions ?? []) } };
  if (d.status?.collisionCount !== undefined) holder.status!.collisionCount = d.status.collisionCount;
  const ok = available >= replicasOf(d) - maxUnavailable(d);
  const current = holder.status!.conditions?.find((c) => c.type === 'Available');
  // Building a condition stamps times; skip it when SetDeploymentCondition would keep the old one.
  if (current?.status !== (ok ? 'True' : 'False') || current.reason !== (ok ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable')) {
    setDeploymentCondition(holder, ok
      ? deploymentCondition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', s.now)
      : deploymentCondition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', s.now));
  }
  return holder.status!;
}

function withoutEmptyConditions(status: DeploymentStatus): DeploymentStatus {
  if (status.conditions && status.conditions.length === 0) delete status.conditions;
  return status;
}

/** dc.syncDeploymentStatus: write the recalculated status if it changed. */
export function syncDeploymentStatus(s: DeploymentSync, all: readonly ReplicaSet[], newRS: ReplicaSet | undefined): void {
  const next = withoutEmptyConditions(calculateStatus(s, all, newRS));
  if (deepEqual(s.d.status, next)) return;
  s.d.status = next;
  s.persist();
}

/**
 * dc.syncRolloutStatus: the Progressing condition (NewReplicaSetAvailable, ReplicaSetUpdated,
 * ProgressDeadlineExceeded). Returns ms until the progress deadline should be re-checked.
 */
export function syncRolloutStatus(s: DeploymentSync, all: readonly ReplicaSet[], newRS: ReplicaSet | undefined): number | undefined {
  const d = s.d;
  const next = calculateStatus(s, all, newRS);
  const holder: Deployment = { ...d, status: next };
  const deadline = progressDeadlineSeconds(d);
  if (deadline === undefined) next.conditions = (next.conditions ?? []).filter((c) => c.type !== 'Progressing');
  const current = progressingCondition(d.status?.conditions);
  const complete = (next.replicas ?? 0) === (next.updatedReplicas ?? 0) && current?.reason === 'NewReplicaSetAvailable';
  const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
  if (deadline !== undefined && !complete) {
    if (deploymentComplete(d, next)) {
      setDeploymentCondition(holder, deploymentCondition('Progressing', 'True', 'NewReplicaSetAvailable', `${subject} has successfully progressed.`, s.now));
    } else if (deploymentProgressing(d, next)) {
      const cond = deploymentCondition('Progressing', 'True', 'ReplicaSetUpdated', `${subject} is progressing.`, s.now);
      if (current?.status === 'True' && current.lastTransitionTime) cond.lastTransitionTime = current.lastTransitionTime;
      holder.status!.conditions = [...(holder.status!.conditions ?? []).filter((c) => c.type !== 'Progressing'), cond];
    } else if (deploymentTimedOut(d, next, s.now)) {
      setDeploymentCondition(holder, deploymentCondition('Progressing', 'False', 'ProgressDeadlineExceeded', `${subject} has timed out progressing.`, s.now));
    }
  }
  syncReplicaFailure(holder, all, newRS);
  const finalStatus = withoutEmptyConditions(holder.status!);
  if (!deepEqual(d.status, finalStatus)) {
    s.d.status = finalStatus;
    s.persist();
  }
  // Our own status write does not trigger another pass, so look ahead for the deadline now.
  return stuckRecheckMs(s, finalStatus);
}

/** getReplicaFailures: copy a ReplicaFailure condition from the newest failing ReplicaSet. */
function syncReplicaFailure(holder: Deployment, all: readonly ReplicaSet[], newRS: ReplicaSet | undefined): void {
  const ordered = newRS ? [newRS, ...all.filter((rs) => rs.metadata.uid !== newRS.metadata.uid)] : [...all];
  let failure: Condition | undefined;
  for (const rs of ordered) {
    failure = rs.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
    if (failure) break;
  }
  const status = holder.status!;
  if (failure) {
    const cond: Condition = { type: 'ReplicaFailure', status: failure.status, reason: failure.reason, message: failure.message, lastUpdateTime: failure.lastTransitionTime, lastTransitionTime: failure.lastTransitionTime };
    setDeploymentCondition(holder, cond);
  } else status.conditions = (status.conditions ?? []).filter((c) => c.type !== 'ReplicaFailure');
}

/** dc.requeueStuckDeployment: when to look again for a ProgressDeadlineExceeded. */
function stuckRecheckMs(s: DeploymentSync, next: DeploymentStatus): number | undefined {
  const d = s.d;
  const deadline = progressDeadlineSeconds(d);
  const current = progressingCondition(d.status?.conditions);
  if (deadline === undefined || !current) return undefined;
  if (deploymentComplete(d, next) || current.reason === 'ProgressDeadlineExceeded') return undefined;
  const from = parseTimestamp(current.lastUpdateTime);
  if (from === undefined) return undefined;
  const after = from + deadline * 1000 - s.now;
  return after < 1000 ? 0 : after + 1000;
}

/** dc.checkPausedConditions: Progressing Unknown with DeploymentPaused / DeploymentResumed. */
export function checkPausedConditions(s: DeploymentSync): void {
  const d = s.d;
  if (progressDeadlineSeconds(d) === undefined) return;
  const cond = progressingCondition(d.status?.conditions);
  if (cond?.reason === 'ProgressDeadlineExceeded') return;
  const pausedShown = cond?.reason === 'DeploymentPaused';
  if (d.spec.paused && !pausedShown) {
    setDeploymentCondition(d, deploymentCondition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', s.now));
  } else if (!d.spec.paused && pausedShown) {
    setDeploymentCondition(d, deploymentCondition('Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed', s.now));
  } else return;
  s.persist();
}
