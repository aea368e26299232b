/**
 * The eviction subresource's PodDisruptionBudget check (upstream registry/core/pod/storage
 * eviction.go): a pod covered by one budget may go only while the budget allows a disruption;
 * the eviction then spends it (disruptionsAllowed − 1, the pod in disruptedPods) before the
 * pod is deleted. Otherwise 429 TooManyRequests, which `kubectl drain` retries every 5 s.
 */
import type { Condition, KubeObject, LabelSelector, Pod } from '../types';
import type { AdmissionAttributes, AdmissionPlugin } from '../hooks';
import { forbidden, internalError, tooManyRequests, type Status } from '../status';
import { rfc3339 } from '../../sim/time';
import { selectorMatches } from '../../util/labels';
import type { ApiLookup, ApiWriter } from './lookup';

export const EVICTION_REFUSED = "Cannot evict pod as it would violate the pod's disruption budget.";
const MAX_DISRUPTED_PODS = 2000;

interface Budget extends KubeObject {
  spec?: { selector?: LabelSelector; unhealthyPodEvictionPolicy?: string };
  status?: { observedGeneration?: number; disruptionsAllowed?: number; currentHealthy?: number; desiredHealthy?: number; disruptedPods?: Record<string, string>; conditions?: Condition[] };
}

function refused(cause: string): Status {
  const s = tooManyRequests(EVICTION_REFUSED);
  return { ...s, details: { causes: [{ reason: 'DisruptionBudget', message: cause }] } };
}

function isReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** canIgnorePDB: terminal and not-yet-running pods, and pods already being deleted, go freely. */
function ignoresBudget(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || pod.metadata.deletionTimestamp !== undefined;
}

function check(a: AdmissionAttributes, pod: Pod, pdb: Budget, nowMs: number, writer: ApiWriter | undefined): Status | undefined {
  const st = pdb.status ?? {};
  const name = pdb.metadata.name;
  if ((st.observedGeneration ?? 0) < (pdb.metadata.generation ?? 1)) return refused(`The disruption budget ${name} is still being processed by the server.`);
  const current = st.currentHealthy ?? 0;
  const desired = st.desiredHealthy ?? 0;
  if (!isReady(pod)) {
    const policy = pdb.spec?.unhealthyPodEvictionPolicy ?? 'IfHealthyBudget';
    if (policy === 'AlwaysAllow' || (current >= desired && desired > 0)) return undefined;
  }
  const allowed = st.disruptionsAllowed ?? 0;
  if (allowed < 0) return forbidden('pdb disruptions allowed is negative');
  if (Object.keys(st.disruptedPods ?? {}).length > MAX_DISRUPTED_PODS) return forbidden('DisruptedPods map too big - too many evictions not confirmed by PDB controller');
  if (allowed === 0) return refused(`The disruption budget ${name} needs ${desired} healthy pods and has ${current} currently`);
  if (!writer) return undefined;
  const next: Budget = { ...pdb, status: { ...st, disruptionsAllowed: allowed - 1, disruptedPods: { ...(st.disruptedPods ?? {}), [pod.metadata.name]: rfc3339(nowMs) } } };
  // The API server writes it itself, on behalf of the eviction request.
  const res = writer.update({ component: 'apiserver', opId: a.ctx.opId }, 'poddisruptionbudgets', next, 'status');
  if (res.ok) return undefined;
  return res.status.code === 409 ? refused(`The disruption budget ${name} was modified concurrently; retry`) : res.status;
}

/** addConditionAndDeletePod: the pod learns why it goes (DisruptionTarget, EvictionByEvictionAPI) before it is deleted. */
function markDisruptionTarget(a: AdmissionAttributes, pod: Pod, nowMs: number, writer: ApiWriter | undefined): Status | undefined {
  const phase = pod.status?.phase;
  if (!writer || pod.metadata.deletionTimestamp || phase === 'Succeeded' || phase === 'Failed') return undefined;
  const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
  conditions.push({ type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting', lastTransitionTime: rfc3339(nowMs) });
  const res = writer.update({ component: 'apiserver', opId: a.ctx.opId }, 'pods', { ...pod, status: { ...(pod.status ?? {}), conditions } }, 'status');
  return res.ok ? undefined : res.status;
}

function budgetCheck(a: AdmissionAttributes, pod: Pod, lookup: ApiLookup, writer: ApiWriter | undefined, nowMs: number): Status | undefined {
  if (ignoresBudget(pod)) return undefined;
  const labels = pod.metadata.labels ?? {};
  const budgets = lookup.list<Budget>('poddisruptionbudgets').filter((b) => b.metadata.namespace === a.namespace && selectorMatches(b.spec?.selector, labels));
  if (budgets.length === 0) return undefined;
  if (budgets.length > 1) return internalError('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
  return check(a, pod, budgets[0]!, nowMs, writer);
}

export function podDisruptionBudget(lookup: ApiLookup, writer: ApiWriter | undefined, nowMs: () => number): AdmissionPlugin {
  return {
    name: 'PodDisruptionBudget',
    validate(a) {
      if (a.subresource !== 'eviction' || a.resource.kind !== 'Pod' || !a.oldObject) return undefined;
      // The stored pod (the eviction's target), not request input.
      const pod = a.oldObject as Pod;
      const now = nowMs();
      return budgetCheck(a, pod, lookup, writer, now) ?? markDisruptionTarget(a, pod, now, writer);
    },
  };
}
