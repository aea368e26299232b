import type { Container, NodeSelectorRequirement, NodeSelectorTerm, Pod, PodStatus } from '../api/types';
import { bytes, cpuMillis } from '../util/quantity';

/** Pod resource arithmetic and the kubelet's admission re-check (it trusts nobody, not even the scheduler). */

export interface Requests {
  cpuMillis: number;
  memoryBytes: number;
}

export function containerRequests(c: Container): Requests {
  return { cpuMillis: cpuMillis(c.resources?.requests?.cpu), memoryBytes: bytes(c.resources?.requests?.memory) };
}

/** Effective pod request: sum over app containers (and sidecars), at least the largest init container. */
export function podRequests(pod: Pod): Requests {
  let cpu = 0;
  let mem = 0;
  for (const c of pod.spec.containers) {
    const r = containerRequests(c);
    cpu += r.cpuMillis;
    mem += r.memoryBytes;
  }
  for (const c of pod.spec.initContainers ?? []) {
    const r = containerRequests(c);
    if (c.restartPolicy === 'Always') {
      cpu += r.cpuMillis;
      mem += r.memoryBytes;
    } else {
      cpu = Math.max(cpu, r.cpuMillis);
      mem = Math.max(mem, r.memoryBytes);
    }
  }
  return { cpuMillis: cpu, memoryBytes: mem };
}

let lastShared: Readonly<Requests> = { cpuMillis: 0, memoryBytes: 0 };

/**
 * `r`, or an equal Requests handed out before: a pod worker keeps its pod's requests for the
 * pod's life, and the pods of one template (on a node, and across nodes) request the same.
 * The shared object must not be changed (the workers only read theirs).
 */
export function sharedRequests(r: Readonly<Requests>): Readonly<Requests> {
  if (r.cpuMillis === lastShared.cpuMillis && r.memoryBytes === lastShared.memoryBytes) return lastShared;
  lastShared = r;
  return r;
}

/** status.qosClass: Guaranteed (requests = limits everywhere), BestEffort (nothing set), else Burstable. */
export function qosClass(pod: Pod): NonNullable<PodStatus['qosClass']> {
  // Init containers, then app containers, each for cpu then memory (no arrays built per call).
  let flags = 0;
  for (const c of pod.spec.initContainers ?? []) flags |= containerQos(c);
  for (const c of pod.spec.containers) flags |= containerQos(c);
  if (!(flags & ANY_REQUEST)) return 'BestEffort';
  return flags & NOT_GUARANTEED ? 'Burstable' : 'Guaranteed';
}

const ANY_REQUEST = 1;
const NOT_GUARANTEED = 2;

/** ANY_REQUEST if the container requests or limits cpu or memory; NOT_GUARANTEED unless both have limits equal to their requests. */
function containerQos(c: Container): number {
  return resourceQos(c, 'cpu') | resourceQos(c, 'memory');
}

function resourceQos(c: Container, res: 'cpu' | 'memory'): number {
  const req = c.resources?.requests?.[res];
  const lim = c.resources?.limits?.[res];
  let flags = req !== undefined || lim !== undefined ? ANY_REQUEST : 0;
  const effectiveReq = req ?? lim;
  if (lim === undefined || effectiveReq === undefined) flags |= NOT_GUARANTEED;
  else if (res === 'cpu' ? cpuMillis(effectiveReq) !== cpuMillis(lim) : bytes(effectiveReq) !== bytes(lim)) flags |= NOT_GUARANTEED;
  return flags;
}

function requirementMatches(req: NodeSelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const v = labels[req.key];
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return has && values.includes(v!);
    case 'NotIn':
      return !has || !values.includes(v!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      const n = Number(v);
      const bound = Number(values[0]);
      if (!has || !Number.isInteger(n) || !Number.isInteger(bound)) return false;
      return req.operator === 'Gt' ? n > bound : n < bound;
    }
  }
}

function termMatches(term: NodeSelectorTerm, nodeName: string, labels: Readonly<Record<string, string>>): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  if (!exprs.every((r) => requirementMatches(r, labels))) return false;
  return fields.every((r) => r.key === 'metadata.name' && requirementMatches({ ...r, key: 'n' }, { n: nodeName }));
}

/** nodeSelector and required node affinity against this node's labels (kubelet's NodeAffinity predicate). */
export function nodeAffinityMatches(pod: Pod, nodeName: string, labels: Readonly<Record<string, string>>): boolean {
  const selector = pod.spec.nodeSelector;
  // Keys in the same order as Object.entries, without building the pairs for every admission.
  if (selector) for (const k of Object.keys(selector)) if (labels[k] !== selector[k]) return false;
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms) return true;
  return terms.some((t) => termMatches(t, nodeName, labels));
}

export interface NodeAllocatable {
  cpuMillis: number;
  memoryBytes: number;
  pods: number;
}

export interface Rejection {
  /** status.reason and the event reason: `OutOfcpu`, `OutOfmemory`, `OutOfpods`, `NodeAffinity`. */
  reason: string;
  /** The event message; status.message is `Pod was rejected: ` + this. */
  message: string;
}

/** What the pods already admitted to the node request, in total. */
export interface NodeUsage {
  cpuMillis: number;
  memoryBytes: number;
  pods: number;
}

/**
 * The kubelet's admission: would this pod, added to the ones already admitted, still fit?
 * Only rejects when really over, as the real kubelet does (the scheduler normally prevented it).
 */
export function admitPod(pod: Pod, want: Requests, nodeName: string, labels: Readonly<Record<string, string>>, alloc: NodeAllocatable, used: NodeUsage): Rejection | undefined {
  if (!nodeAffinityMatches(pod, nodeName, labels)) return { reason: 'NodeAffinity', message: 'Predicate NodeAffinity failed' };
  if (used.pods + 1 > alloc.pods) {
    return { reason: 'OutOfpods', message: `Node didn't have enough resource: pods, requested: 1, used: ${used.pods}, capacity: ${alloc.pods}` };
  }
  if (want.cpuMillis > 0 && used.cpuMillis + want.cpuMillis > alloc.cpuMillis) {
    return { reason: 'OutOfcpu', message: `Node didn't have enough resource: cpu, requested: ${want.cpuMillis}, used: ${used.cpuMillis}, capacity: ${alloc.cpuMillis}` };
  }
  if (want.memoryBytes > 0 && used.memoryBytes + want.memoryBytes > alloc.memoryBytes) {
    return { reason: 'OutOfmemory', message: `Node didn't have enough resource: memory, requested: ${want.memoryBytes}, used: ${used.memoryBytes}, capacity: ${alloc.memoryBytes}` };
  }
  return undefined;
}
