import type { DaemonSet, Deployment, KubeObject, StatefulSet } from '../../../api/types';

/**
 * kubectl's rollout status viewers (polymorphichelpers/rollout_status.go): one message per
 * observation, `done` when the rollout finished, or an error that ends the wait.
 */
export type RolloutStatus = { message: string; done: boolean } | { error: string };

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

function deploymentStatus(d: Deployment, revision: number): RolloutStatus {
  const st = d.status ?? {};
  if (revision > 0) {
    const have = Number(d.metadata.annotations?.[REVISION_ANNOTATION] ?? '0');
    if (have !== revision) return { error: `desired revision (${revision}) is different from the running revision (${have})` };
  }
  if ((d.metadata.generation ?? 0) > (st.observedGeneration ?? 0)) return { message: 'Waiting for deployment spec update to be observed...', done: false };
  const progressing = (st.conditions ?? []).find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') return { error: `deployment "${d.metadata.name}" exceeded its progress deadline` };
  const name = d.metadata.name;
  const want = d.spec?.replicas;
  const updated = st.updatedReplicas ?? 0;
  if (want !== undefined && updated < want) return { message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...`, done: false };
  const total = st.replicas ?? 0;
  if (total > updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${total - updated} old replicas are pending termination...`, done: false };
  const available = st.availableReplicas ?? 0;
  if (available < updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...`, done: false };
  return { message: `deployment "${name}" successfully rolled out`, done: true };
}

function daemonSetStatus(ds: DaemonSet): RolloutStatus {
  if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return { error: 'rollout status is only available for RollingUpdate strategy type' };
  const st = ds.status;
  if ((ds.metadata.generation ?? 0) > (st?.observedGeneration ?? 0)) return { message: 'Waiting for daemon set spec update to be observed...', done: false };
  const name = ds.metadata.name;
  const desired = st?.desiredNumberScheduled ?? 0;
  const updated = st?.updatedNumberScheduled ?? 0;
  if (updated < desired) return { message: `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...`, done: false };
  const available = st?.numberAvailable ?? 0;
  if (available < desired) return { message: `Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...`, done: false };
  return { message: `daemon set "${name}" successfully rolled out`, done: true };
}

function statefulSetStatus(sts: StatefulSet): RolloutStatus {
  const strategy = sts.spec?.updateStrategy;
  if ((strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return { error: 'rollout status is only available for RollingUpdate strategy type' };
  const st = sts.status;
  if (!st?.observedGeneration || (sts.metadata.generation ?? 0) > st.observedGeneration) return { message: 'Waiting for statefulset spec update to be observed...', done: false };
  const want = sts.spec?.replicas;
  const ready = st.readyReplicas ?? 0;
  if (want !== undefined && ready < want) return { message: `Waiting for ${want - ready} pods to be ready...`, done: false };
  const partition = strategy?.rollingUpdate?.partition;
  const updated = st.updatedReplicas ?? 0;
  if (strategy?.rollingUpdate && want !== undefined && partition !== undefined) {
    if (updated < want - partition) return { message: `Waiting for partitioned roll out to finish: ${updated} out of ${want - partition} new pods have been updated...`, done: false };
    return { message: `partitioned roll out complete: ${updated} new pods have been updated...`, done: true };
  }
  if (st.updateRevision !== st.currentRevision) return { message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${st.updateRevision ?? ''}...`, done: false };
  return { message: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision ?? ''}...`, done: true };
}

export function rolloutStatus(obj: KubeObject, revision: number): RolloutStatus {
  switch (obj.kind) {
    case 'Deployment':
      return deploymentStatus(obj as Deployment, revision);
    case 'DaemonSet':
      return daemonSetStatus(obj as DaemonSet);
    case 'StatefulSet':
      return statefulSetStatus(obj as StatefulSet);
    default:
      return { error: `no status viewer has been implemented for ${obj.kind}` };
  }
}
