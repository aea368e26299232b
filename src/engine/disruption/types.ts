import type { Condition, KubeObject, LabelSelector, Pod } from '../api/types';
import { isPodReady } from '../controllers/shared/pod-util';
import { parseTimestamp } from '../sim/time';

/** policy/v1 PodDisruptionBudget. */
export interface PodDisruptionBudget extends KubeObject {
  kind: 'PodDisruptionBudget';
  spec: {
    minAvailable?: number | string;
    maxUnavailable?: number | string;
    selector?: LabelSelector;
    unhealthyPodEvictionPolicy?: 'IfHealthyBudget' | 'AlwaysAllow';
  };
  status?: PodDisruptionBudgetStatus;
}

export interface PodDisruptionBudgetStatus {
  observedGeneration?: number;
  /** Pods evicted through the API whose deletion the controller has not yet seen: pod name → eviction time. */
  disruptedPods?: Record<string, string>;
  disruptionsAllowed: number;
  currentHealthy: number;
  desiredHealthy: number;
  expectedPods: number;
  conditions?: Condition[];
}

/** upstream DeletionTimeout: an evicted pod not deleted within 2 minutes counts again. */
export const DISRUPTED_POD_TIMEOUT_MS = 2 * 60_000;

export const EVICTION_REFUSED = "Cannot evict pod as it would violate the pod's disruption budget.";

/** Counts toward currentHealthy: Ready, not being deleted, not evicted a moment ago. */
export function countsHealthy(pod: Pod, disrupted: Readonly<Record<string, string>> | undefined, nowMs: number): boolean {
  if (pod.metadata.deletionTimestamp || !isPodReady(pod)) return false;
  const at = parseTimestamp(disrupted?.[pod.metadata.name]);
  return at === undefined || at + DISRUPTED_POD_TIMEOUT_MS <= nowMs;
}
