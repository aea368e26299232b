import type { DaemonSet, Deployment, Job, KubeEvent, KubeObject, Node, Pod, ReplicaSet, StatefulSet, Taint, Toleration } from '../../engine/api/types';
import { parseTimestamp } from '../../engine/sim/time';
import { bytes, cpuMillis } from '../../engine/util/quantity';
import type { ConditionState, EventRecord, NodeRecord, PodRecord, Resources, WorkloadKind, WorkloadRecord } from '../../protocol/records';
import { podReadyText, podRestarts, podStatus, podTone } from './pod-status';

/** Pure engine-object → record transforms. The projector decides when to call them. */

export const ZERO: Resources = { cpuMillis: 0, memoryBytes: 0, pods: 0 };

/** What a pod asks of its node: app containers summed, init containers as a floor (as the scheduler counts). */
export function podRequests(pod: Pod): Resources {
  let cpu = 0;
  let mem = 0;
  for (const c of pod.spec.containers) {
    cpu += cpuMillis(c.resources?.requests?.cpu ?? 0);
    mem += bytes(c.resources?.requests?.memory ?? 0);
  }
  for (const c of pod.spec.initContainers ?? []) {
    cpu = Math.max(cpu, cpuMillis(c.resources?.requests?.cpu ?? 0));
    mem = Math.max(mem, bytes(c.resources?.requests?.memory ?? 0));
  }
  return { cpuMillis: cpu, memoryBytes: mem, pods: 1 };
}

export function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

export function formatTaint(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}

export interface NodeContext {
  role: 'control-plane' | 'worker';
  machineUp: boolean;
  requested: Resources;
  proxyReady: boolean;
}

export function nodeRecord(node: Node, ctx: NodeContext): NodeRecord {
  const readyCond = node.status?.conditions?.find((c) => c.type === 'Ready');
  const ready: ConditionState = readyCond ? readyCond.status : 'None';
  const unschedulable = node.spec.unschedulable === true;
  const base = ready === 'None' ? 'Unknown' : ready === 'True' ? 'Ready' : 'NotReady';
  const alloc = node.status?.allocatable ?? {};
  return {
    key: node.metadata.uid ?? node.metadata.name,
    name: node.metadata.name,
    role: ctx.role,
    ready,
    status: unschedulable ? `${base},SchedulingDisabled` : base,
    unschedulable,
    taints: (node.spec.taints ?? []).map(formatTaint),
    allocatable: { cpuMillis: cpuMillis(alloc.cpu ?? 0), memoryBytes: bytes(alloc.memory ?? 0), pods: Number(alloc.pods ?? 0) },
    requested: ctx.requested,
    machineUp: ctx.machineUp,
    proxyReady: ctx.proxyReady,
  };
}

export function tolerates(tol: Toleration, taint: Taint): boolean {
  if (tol.effect && tol.effect !== taint.effect) return false;
  if (!tol.key) return tol.operator === 'Exists';
  if (tol.key !== taint.key) return false;
  return tol.operator === 'Exists' || (tol.value ?? '') === (taint.value ?? '');
}

/**
 * When the taint manager will evict `pod` from a node carrying `taints`, as it computes it:
 * any untolerated NoExecute taint → now (the taint's time); otherwise the earliest taint time
 * plus the smallest tolerationSeconds among matching tolerations; null when never.
 */
export function evictionDeadline(pod: Pod, taints: readonly Taint[], taintSince: (t: Taint) => number): number | null {
  const noExec = taints.filter((t) => t.effect === 'NoExecute');
  if (noExec.length === 0 || pod.metadata.deletionTimestamp) return null;
  const tols = pod.spec.tolerations ?? [];
  let since = Infinity;
  let minSeconds = Infinity;
  for (const t of noExec) {
    since = Math.min(since, taintSince(t));
    const matching = tols.filter((tol) => tolerates(tol, t));
    if (matching.length === 0) return taintSince(t);
    for (const tol of matching) if (tol.tolerationSeconds !== undefined) minSeconds = Math.min(minSeconds, Math.max(0, tol.tolerationSeconds));
  }
  return minSeconds === Infinity ? null : since + minSeconds * 1000;
}

export function taintTime(t: Taint): number | undefined {
  return parseTimestamp(t.timeAdded);
}

export interface PodContext {
  workload: { kind: string; name: string } | null;
  evictAtMs: number | null;
}

function readyCondition(pod: Pod): string | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready')?.status;
}

export function podRecord(pod: Pod, ctx: PodContext): PodRecord {
  const status = podStatus(pod);
  const phase = pod.status?.phase ?? 'Pending';
  const ready = podReadyText(pod);
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller) ?? pod.metadata.ownerReferences?.[0];
  const ns = pod.metadata.namespace ?? 'default';
  const allReady = ready.total > 0 && ready.ready === ready.total;
  return {
    key: pod.metadata.uid ?? `${ns}/${pod.metadata.name}`,
    namespace: ns,
    name: pod.metadata.name,
    node: pod.spec.nodeName ?? null,
    phase,
    status,
    readyText: ready.text,
    ready: allReady,
    restarts: podRestarts(pod),
    // kubectl's READY counts ready containers and keeps saying 1/1 on a dead node; the colour
    // follows the Ready condition too, which the node lifecycle controller sets False there.
    tone: podTone(status, phase, allReady && readyCondition(pod) !== 'False'),
    ownerKind: owner?.kind ?? null,
    ownerName: owner?.name ?? null,
    workloadKind: ctx.workload?.kind ?? owner?.kind ?? null,
    workloadName: ctx.workload?.name ?? owner?.name ?? null,
    evictAtMs: ctx.evictAtMs,
    deleteAtMs: pod.metadata.deletionTimestamp ? (parseTimestamp(pod.metadata.deletionTimestamp) ?? null) : null,
    system: ns === 'kube-system',
    createdMs: parseTimestamp(pod.metadata.creationTimestamp) ?? 0,
  };
}

export const WORKLOAD_RESOURCES: Readonly<Record<string, WorkloadKind>> = {
  deployments: 'Deployment',
  replicasets: 'ReplicaSet',
  daemonsets: 'DaemonSet',
  statefulsets: 'StatefulSet',
  jobs: 'Job',
};

export function workloadRecord(kind: WorkloadKind, obj: KubeObject): WorkloadRecord {
  const ns = obj.metadata.namespace ?? 'default';
  const owner = obj.metadata.ownerReferences?.find((o) => o.controller) ?? obj.metadata.ownerReferences?.[0];
  const counts = workloadCounts(kind, obj);
  return {
    key: obj.metadata.uid ?? `${kind}/${ns}/${obj.metadata.name}`,
    kind,
    namespace: ns,
    name: obj.metadata.name,
    ...counts,
    owner: owner ? `${owner.kind}/${owner.name}` : null,
    system: ns === 'kube-system',
  };
}

function workloadCounts(kind: WorkloadKind, obj: KubeObject): { desired: number; current: number; ready: number } {
  switch (kind) {
    case 'Deployment': {
      const d = obj as Deployment;
      return { desired: d.spec.replicas ?? 1, current: d.status?.replicas ?? 0, ready: d.status?.readyReplicas ?? 0 };
    }
    case 'ReplicaSet': {
      const r = obj as ReplicaSet;
      return { desired: r.spec.replicas ?? 1, current: r.status?.replicas ?? 0, ready: r.status?.readyReplicas ?? 0 };
    }
    case 'StatefulSet': {
      const s = obj as StatefulSet;
      return { desired: s.spec.replicas ?? 1, current: s.status?.replicas ?? 0, ready: s.status?.readyReplicas ?? 0 };
    }
    case 'DaemonSet': {
      const s = (obj as DaemonSet).status;
      return { desired: s?.desiredNumberScheduled ?? 0, current: s?.currentNumberScheduled ?? 0, ready: s?.numberReady ?? 0 };
    }
    case 'Job': {
      const j = obj as Job;
      return { desired: j.spec.completions ?? 1, current: j.status?.active ?? 0, ready: j.status?.succeeded ?? 0 };
    }
  }
}

export function eventRecord(ev: KubeEvent, order: number): EventRecord {
  const io = ev.involvedObject;
  return {
    key: ev.metadata.uid ?? `${ev.metadata.namespace ?? ''}/${ev.metadata.name}`,
    namespace: ev.metadata.namespace ?? 'default',
    type: ev.type,
    reason: ev.reason,
    object: `${io.kind.toLowerCase()}/${io.name}`,
    message: ev.message,
    count: ev.count,
    firstMs: parseTimestamp(ev.firstTimestamp) ?? 0,
    lastMs: parseTimestamp(ev.lastTimestamp) ?? 0,
    order,
  };
}
