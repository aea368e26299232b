import type { Deployment, Pod, ReplicaSet, StatefulSet } from '../api/types';
import { scaledValue } from '../controllers/shared/int-or-percent';
import { controllerRefOf } from '../controllers/shared/owner-refs';
import type { PodDisruptionBudget } from './types';

/** Controllers' scale, as the disruption controller's informers hold them. */
export interface ScaleLookup {
  replicaSet(namespace: string, name: string): ReplicaSet | undefined;
  deployment(namespace: string, name: string): Deployment | undefined;
  statefulSet(namespace: string, name: string): StatefulSet | undefined;
}

export type ExpectedCount = { ok: true; expected: number; desired: number } | { ok: false; error: string };

/** The scale of the controller behind a pod: a Deployment through its ReplicaSet, a bare ReplicaSet, a StatefulSet. */
function controllerScale(pod: Pod, scales: ScaleLookup): { uid: string; replicas: number } | undefined {
  const ref = controllerRefOf(pod);
  const ns = pod.metadata.namespace ?? 'default';
  if (!ref) return undefined;
  if (ref.kind === 'StatefulSet') {
    const set = scales.statefulSet(ns, ref.name);
    return set && set.metadata.uid === ref.uid ? { uid: ref.uid, replicas: set.spec.replicas ?? 1 } : undefined;
  }
  if (ref.kind !== 'ReplicaSet') return undefined;
  const rs = scales.replicaSet(ns, ref.name);
  if (!rs || rs.metadata.uid !== ref.uid) return undefined;
  const owner = controllerRefOf(rs);
  if (owner?.kind === 'Deployment') {
    const d = scales.deployment(ns, owner.name);
    return d && d.metadata.uid === owner.uid ? { uid: owner.uid, replicas: d.spec.replicas ?? 1 } : undefined;
  }
  return { uid: ref.uid, replicas: rs.spec.replicas ?? 1 };
}

/** getExpectedScale: the summed scale of the pods' distinct controllers; a pod without one is an error. */
function expectedScale(pods: readonly Pod[], scales: ScaleLookup): { ok: true; n: number } | { ok: false; error: string } {
  const seen = new Map<string, number>();
  for (const pod of pods) {
    const c = controllerScale(pod, scales);
    if (!c) return { ok: false, error: `found no controllers for pod "${pod.metadata.name}"` };
    seen.set(c.uid, c.replicas);
  }
  let n = 0;
  for (const v of seen.values()) n += v;
  return { ok: true, n };
}

/**
 * upstream getExpectedPodCount: maxUnavailable (int or %) and a percentage minAvailable are
 * against the controllers' scale; an integer minAvailable against the pods that exist.
 */
export function expectedPodCount(pdb: PodDisruptionBudget, pods: readonly Pod[], scales: ScaleLookup): ExpectedCount {
  const { minAvailable, maxUnavailable } = pdb.spec;
  if (maxUnavailable !== undefined) {
    const scale = expectedScale(pods, scales);
    if (!scale.ok) return scale;
    const max = scaledValue(maxUnavailable, scale.n, true);
    if (max === undefined) return { ok: false, error: `invalid maxUnavailable ${JSON.stringify(maxUnavailable)}` };
    return { ok: true, expected: scale.n, desired: Math.max(0, scale.n - max) };
  }
  if (typeof minAvailable === 'number') return { ok: true, expected: pods.length, desired: minAvailable };
  if (typeof minAvailable === 'string') {
    const scale = expectedScale(pods, scales);
    if (!scale.ok) return scale;
    const min = scaledValue(minAvailable, scale.n, true);
    if (min === undefined) return { ok: false, error: `invalid minAvailable ${JSON.stringify(minAvailable)}` };
    return { ok: true, expected: scale.n, desired: min };
  }
  return { ok: true, expected: pods.length, desired: pods.length };
}
