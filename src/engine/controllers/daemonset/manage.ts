import type { DaemonSet, Node, Pod } from '../../api/types';
import { parseTimestamp } from '../../sim/time';
import { isPodAvailable, isPodTerminal, pinnedNodeName } from '../shared/pod-util';
import { daemonNodeFit, type DaemonNodeFit } from './eligibility';
import { compareStrings } from '../shared/owner-refs';

export const DS_HASH_LABEL = 'controller-revision-hash';
export const DS_GENERATION_LABEL = 'pod-template-generation';
export const DS_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

/**
 * util.GetTargetNodeName, except that a pod's own pinning wins over a disobedient binding.
 * (A few property reads: cheaper than memoizing per pod in a WeakMap, which also weighs on GC.)
 */
export function targetNodeName(pod: Pod): string | undefined {
  return pinnedNodeName(pod) ?? pod.spec.nodeName;
}

/** getNodesToDaemonPods: the DaemonSet's pods by node, leaving out deleted pods that already finished. */
export function nodesToDaemonPods(pods: readonly Pod[]): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp && isPodTerminal(pod)) continue;
    const node = targetNodeName(pod);
    if (!node) continue;
    let list = out.get(node);
    if (!list) out.set(node, (list = []));
    list.push(pod);
  }
  return out;
}

/** podByCreationTimestampAndPhase: scheduled first, then oldest, then by name. */
export function byCreationAndPhase(a: Pod, b: Pod): number {
  const sa = a.spec.nodeName ? 0 : 1;
  const sb = b.spec.nodeName ? 0 : 1;
  if (sa !== sb) return sa - sb;
  const ta = parseTimestamp(a.metadata.creationTimestamp) ?? 0;
  const tb = parseTimestamp(b.metadata.creationTimestamp) ?? 0;
  return ta - tb || compareStrings(a.metadata.name, b.metadata.name);
}

export function templateGeneration(ds: DaemonSet): string | undefined {
  const a = ds.metadata.annotations?.[DS_GENERATION_ANNOTATION];
  if (a !== undefined) return a;
  return ds.metadata.generation !== undefined ? String(ds.metadata.generation) : undefined;
}

/** util.IsPodUpdated: the pod carries the current revision hash or template generation. */
export function isPodUpdated(pod: Pod, hash: string, generation: string | undefined): boolean {
  const labels = pod.metadata.labels ?? {};
  return (hash !== '' && labels[DS_HASH_LABEL] === hash) || (generation !== undefined && labels[DS_GENERATION_LABEL] === generation);
}

export interface NodeDecision {
  create: boolean;
  /** Pods to delete, plus the reason an event should mention (failed / succeeded pods). */
  delete: { pod: Pod; event?: { type: 'Normal' | 'Warning'; reason: string; message: string } }[];
  /** A failed pod was left alone because of its back-off; look again after this many ms. */
  retryAfterMs?: number;
}

/** dsc.podsShouldBeOnNode (no surge): create, keep, or delete the daemon pods of one node. */
export function podsShouldBeOnNode(node: Node, fit: DaemonNodeFit, daemonPods: readonly Pod[] | undefined, inBackoff: (node: string) => number | undefined): NodeDecision {
  const out: NodeDecision = { create: false, delete: [] };
  const exists = daemonPods !== undefined && daemonPods.length > 0;
  if (fit.shouldRun && !exists) {
    out.create = true;
    return out;
  }
  if (fit.shouldContinueRunning) {
    const running: Pod[] = [];
    for (const pod of daemonPods ?? []) {
      if (pod.metadata.deletionTimestamp) continue;
      const where = `${pod.metadata.namespace}/${pod.metadata.name} on node ${node.metadata.name}`;
      if (pod.status?.phase === 'Failed') {
        const wait = inBackoff(node.metadata.name);
        if (wait !== undefined) {
          out.retryAfterMs = wait;
          continue;
        }
        out.delete.push({ pod, event: { type: 'Warning', reason: 'FailedDaemonPod', message: `Found failed daemon pod ${where}, will try to kill it` } });
      } else if (pod.status?.phase === 'Succeeded') {
        out.delete.push({ pod, event: { type: 'Normal', reason: 'SucceededDaemonPod', message: `Found succeeded daemon pod ${where}, will try to delete it` } });
      } else running.push(pod);
    }
    running.sort(byCreationAndPhase);
    for (const extra of running.slice(1)) out.delete.push({ pod: extra });
    return out;
  }
  if (exists) for (const pod of daemonPods) if (!pod.metadata.deletionTimestamp) out.delete.push({ pod });
  return out;
}

export interface DaemonSetCounts {
  desiredNumberScheduled: number;
  currentNumberScheduled: number;
  numberMisscheduled: number;
  numberReady: number;
  numberAvailable: number;
  updatedNumberScheduled: number;
}

/** dsc.updateDaemonSetStatus counting, over every node. */
export function countDaemonPods(ds: DaemonSet, nodes: readonly Node[], byNode: Map<string, Pod[]>, hash: string, nowMs: number): DaemonSetCounts {
  const c: DaemonSetCounts = { desiredNumberScheduled: 0, currentNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0, numberAvailable: 0, updatedNumberScheduled: 0 };
  const generation = templateGeneration(ds);
  const fitOf = daemonNodeFit(ds);
  for (const node of nodes) {
    const pods = byNode.get(node.metadata.name) ?? [];
    const { shouldRun } = fitOf(node);
    if (!shouldRun) {
      if (pods.length > 0) c.numberMisscheduled++;
      continue;
    }
    c.desiredNumberScheduled++;
    if (pods.length === 0) continue;
    c.currentNumberScheduled++;
    const pod = [...pods].sort(byCreationAndPhase)[0]!;
    if (pod.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True')) {
      c.numberReady++;
      if (isPodAvailable(pod, ds.spec.minReadySeconds ?? 0, nowMs)) c.numberAvailable++;
    }
    if (isPodUpdated(pod, hash, generation)) c.updatedNumberScheduled++;
  }
  return c;
}
