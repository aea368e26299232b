import type { Cluster } from '../cluster/cluster';
import type { Node, Pod, Toleration, Taint, DaemonSet, KubeObject } from '../api/types';
import type { StoreEvent } from '../store/etcd';
import { cpuMillis, bytes } from '../util/quantity';
import { nameErrors } from '../api/validation-names';
import { parseTimestamp } from '../sim/time';

/**
 * QUALITY.md invariants, checked against the store. Safety invariants are watched on every
 * committed write (`watchSafety`); convergence invariants are checked once the cluster is
 * quiet (`checkConverged`). Each returns human-readable violations; empty means fine.
 */

const PHASE_ORDER: Record<string, number> = { Pending: 0, Running: 1, Succeeded: 2, Failed: 2, Unknown: 1 };

function tolerates(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  return (tolerations ?? []).some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (!t.key) return t.operator === 'Exists';
    if (t.key !== taint.key) return false;
    return t.operator === 'Exists' || (t.value ?? '') === (taint.value ?? '');
  });
}

function podRequests(pod: Pod): { cpu: number; mem: number } {
  let cpu = 0;
  let mem = 0;
  for (const c of pod.spec.containers) {
    cpu += cpuMillis(c.resources?.requests?.cpu);
    mem += bytes(c.resources?.requests?.memory);
  }
  for (const c of pod.spec.initContainers ?? []) {
    cpu = Math.max(cpu, cpuMillis(c.resources?.requests?.cpu));
    mem = Math.max(mem, bytes(c.resources?.requests?.memory));
  }
  return { cpu, mem };
}

function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

function isReady(node: Node | undefined): boolean {
  return node?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Invariant 1: no node's bound (non-terminal) pods exceed its allocatable cpu, memory or pod count. */
export function checkCapacity(cluster: Cluster): string[] {
  const out: string[] = [];
  const usage = new Map<string, { cpu: number; mem: number; pods: number }>();
  for (const pod of cluster.objects<Pod>('pods')) {
    const node = pod.spec.nodeName;
    if (!node || isTerminal(pod)) continue;
    const u = usage.get(node) ?? { cpu: 0, mem: 0, pods: 0 };
    const r = podRequests(pod);
    u.cpu += r.cpu;
    u.mem += r.mem;
    u.pods += 1;
    usage.set(node, u);
  }
  for (const node of cluster.objects<Node>('nodes')) {
    const u = usage.get(node.metadata.name);
    const a = node.status?.allocatable;
    if (!u || !a) continue;
    if (u.cpu > cpuMillis(a.cpu)) out.push(`node ${node.metadata.name}: cpu requests ${u.cpu}m > allocatable ${a.cpu}`);
    if (u.mem > bytes(a.memory)) out.push(`node ${node.metadata.name}: memory requests ${u.mem} > allocatable ${a.memory}`);
    if (u.pods > Number(a.pods ?? 110)) out.push(`node ${node.metadata.name}: ${u.pods} pods > allocatable ${a.pods}`);
  }
  return out;
}

/**
 * Watches every committed write for the safety invariants: revisions only grow (5), pod phases
 * only move forward (7), nothing is bound to a NotReady / cordoned / untolerated-tainted node (4),
 * names are valid DNS-1123 (9), no pod is evicted by the taint manager before tolerationSeconds (4).
 */
export function watchSafety(cluster: Cluster): { violations: string[]; stop: () => void } {
  const violations: string[] = [];
  let lastRevision = cluster.api.etcd.revision;
  const nodeChangedAt = new Map<string, number>();
  const stop = cluster.api.etcd.subscribe((ev: StoreEvent) => {
    const rev = ev.kv.modRevision;
    if (rev <= lastRevision) violations.push(`revision went from ${lastRevision} to ${rev}`);
    lastRevision = rev;
    const obj = ev.kv.value;
    if (ev.type === 'PUT' && !ev.prevKv) {
      const errs = nameErrors(obj.kind, obj.metadata.name);
      if (errs.length > 0) violations.push(`${obj.kind} ${obj.metadata.name}: invalid name`);
    }
    if (ev.type === 'PUT' && ev.prevKv && obj.metadata.resourceVersion === ev.prevKv.value.metadata.resourceVersion) {
      violations.push(`${obj.kind} ${obj.metadata.name}: write did not change resourceVersion`);
    }
    if (obj.kind === 'Node') nodeChangedAt.set(obj.metadata.name, cluster.now);
    if (obj.kind === 'Pod' && ev.type === 'PUT') checkPodTransition(cluster, ev.prevKv?.value as Pod | undefined, obj as Pod, nodeChangedAt, violations);
  });
  return { violations, stop };
}

/** Grace for a scheduler whose cache has not yet heard of a node change (watch latency). */
const CACHE_LAG_MS = 50;

function checkPodTransition(cluster: Cluster, prev: Pod | undefined, pod: Pod, nodeChangedAt: Map<string, number>, out: string[]): void {
  const name = `${pod.metadata.namespace}/${pod.metadata.name}`;
  const before = PHASE_ORDER[prev?.status?.phase ?? 'Pending'] ?? 0;
  const after = PHASE_ORDER[pod.status?.phase ?? 'Pending'] ?? 0;
  if (prev && after < before) out.push(`pod ${name}: phase went back from ${prev.status?.phase} to ${pod.status?.phase}`);
  if (prev && !prev.spec.nodeName && pod.spec.nodeName) {
    const node = cluster.api.peek<Node>('nodes', undefined, pod.spec.nodeName);
    const recentlyChanged = cluster.now - (nodeChangedAt.get(pod.spec.nodeName) ?? -Infinity) <= CACHE_LAG_MS;
    if (!node) out.push(`pod ${name}: bound to missing node ${pod.spec.nodeName}`);
    else if (!recentlyChanged) {
      if (!isReady(node)) out.push(`pod ${name}: bound to NotReady node ${node.metadata.name}`);
      const cordonTolerated = tolerates(pod.spec.tolerations, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' });
      if (node.spec.unschedulable && !cordonTolerated) out.push(`pod ${name}: bound to cordoned node ${node.metadata.name}`);
      for (const t of node.spec.taints ?? []) {
        if (t.effect !== 'PreferNoSchedule' && !tolerates(pod.spec.tolerations, t)) out.push(`pod ${name}: bound to ${node.metadata.name} despite untolerated taint ${t.key}:${t.effect}`);
      }
    }
  }
  const disruption = pod.status?.conditions?.find((c) => c.type === 'DisruptionTarget' && c.reason === 'DeletionByTaintManager');
  const hadIt = prev?.status?.conditions?.some((c) => c.type === 'DisruptionTarget' && c.reason === 'DeletionByTaintManager');
  if (disruption && !hadIt && pod.spec.nodeName) {
    const node = cluster.api.peek<Node>('nodes', undefined, pod.spec.nodeName);
    for (const taint of node?.spec.taints ?? []) {
      if (taint.effect !== 'NoExecute') continue;
      const tol = (pod.spec.tolerations ?? []).filter((t) => tolerates([t], taint));
      if (tol.length === 0) continue;
      const seconds = Math.min(...tol.map((t) => t.tolerationSeconds ?? Infinity));
      const added = parseTimestamp(taint.timeAdded);
      if (added !== undefined && Number.isFinite(seconds) && cluster.now < added + seconds * 1000 - 1000) {
        out.push(`pod ${name}: evicted ${Math.round((added + seconds * 1000 - cluster.now) / 1000)}s before tolerationSeconds elapsed`);
      }
    }
  }
}

function ownedBy(obj: KubeObject, uid: string | undefined): boolean {
  return (obj.metadata.ownerReferences ?? []).some((o) => o.uid === uid && o.controller);
}

/** Invariant 2: exactly one live DaemonSet pod per eligible Ready node (checked when quiet, all nodes up). */
export function checkDaemonSets(cluster: Cluster): string[] {
  const out: string[] = [];
  const nodes = cluster.objects<Node>('nodes');
  const pods = cluster.objects<Pod>('pods').filter((p) => !p.metadata.deletionTimestamp && !isTerminal(p));
  for (const ds of cluster.objects<DaemonSet>('daemonsets')) {
    const tmpl = ds.spec.template.spec;
    for (const node of nodes) {
      const selectorOk = Object.entries(tmpl.nodeSelector ?? {}).every(([k, v]) => node.metadata.labels?.[k] === v);
      const taintsOk = (node.spec.taints ?? []).every((t) => t.effect === 'PreferNoSchedule' || t.key.startsWith('node.kubernetes.io/') || tolerates(tmpl.tolerations, t));
      const eligible = selectorOk && taintsOk;
      const n = pods.filter((p) => ownedBy(p, ds.metadata.uid) && p.spec.nodeName === node.metadata.name).length;
      const expected = eligible ? 1 : 0;
      if (n !== expected) out.push(`daemonset ${ds.metadata.name}: ${n} pods on ${node.metadata.name}, expected ${expected}`);
    }
  }
  return out;
}

/** Invariants 3 and 12: workloads at their replica count when capacity allows; Pending pods say why; bound pods have a decision. */
export function checkConverged(cluster: Cluster): string[] {
  const out: string[] = [];
  const pods = cluster.objects<Pod>('pods').filter((p) => !p.metadata.deletionTimestamp);
  for (const rs of cluster.objects<KubeObject & { spec: { replicas?: number } }>('replicasets')) {
    const mine = pods.filter((p) => ownedBy(p, rs.metadata.uid) && !isTerminal(p));
    if (mine.length !== (rs.spec.replicas ?? 1)) out.push(`replicaset ${rs.metadata.name}: ${mine.length} pods, want ${rs.spec.replicas ?? 1}`);
  }
  for (const pod of pods) {
    const name = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (!pod.spec.nodeName) {
      const cond = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
      if (cond?.status !== 'False' || !cond.message) out.push(`pod ${name}: Pending without a scheduling reason`);
    } else if (!pod.metadata.annotations?.['kubernetes.io/config.mirror'] && !cluster.decisionFor(pod.metadata.namespace ?? 'default', pod.metadata.name)) {
      out.push(`pod ${name}: bound to ${pod.spec.nodeName} with no scheduling decision recorded`);
    }
  }
  return out;
}
