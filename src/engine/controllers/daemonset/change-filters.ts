import type { Node, Pod } from '../../api/types';
import { controllerRefOf } from '../shared/owner-refs';
import { isPodReady, isPodTerminal } from '../shared/pod-util';
import { targetNodeName } from './manage';

function sameLabels(a: Pod, b: Pod): boolean {
  const la = a.metadata.labels ?? {};
  const lb = b.metadata.labels ?? {};
  if (la === lb) return true;
  const keys = Object.keys(la);
  return keys.length === Object.keys(lb).length && keys.every((k) => la[k] === lb[k]);
}

/**
 * Pod updates that cannot change what the controller decides or reports (a binding to the
 * node the pod is pinned to, container start-up progress) do not trigger a sync: each sync
 * walks every node, and a zero-latency simulation would otherwise run one per pod event.
 */
export function daemonRelevantChange(a: Pod, b: Pod): boolean {
  return isPodReady(a) !== isPodReady(b) || a.status?.phase !== b.status?.phase || a.metadata.deletionTimestamp !== b.metadata.deletionTimestamp
    || !sameLabels(a, b)
    || controllerRefOf(a)?.uid !== controllerRefOf(b)?.uid || targetNodeName(a) !== targetNodeName(b);
}

/** Only the Ready condition changed (container start-up), nothing that creates or deletes pods. */
export function readinessOnly(a: Pod, b: Pod): boolean {
  return isPodTerminal(a) === isPodTerminal(b) && a.metadata.deletionTimestamp === b.metadata.deletionTimestamp
    && controllerRefOf(a)?.uid === controllerRefOf(b)?.uid && sameLabels(a, b);
}

/** shouldIgnoreNodeUpdate: only labels, taints, schedulability and condition statuses matter. */
export function nodeUnchangedForDaemons(a: Node, b: Node): boolean {
  // A status write shares labels and spec with the object before it: identity settles most checks.
  return sameJson(a.metadata.labels ?? {}, b.metadata.labels ?? {}) && sameJson(a.spec, b.spec) && sameConditionStatuses(a, b);
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function sameConditionStatuses(a: Node, b: Node): boolean {
  const ca = a.status?.conditions ?? [];
  const cb = b.status?.conditions ?? [];
  // The same conditions in the same order (the kubelet's every report) match without sorting.
  if (ca.length === cb.length && ca.every((c, i) => c.type === cb[i]!.type && c.status === cb[i]!.status)) return true;
  const conds = (list: typeof ca): string => list.map((c) => `${c.type}=${c.status}`).sort().join(',');
  return conds(ca) === conds(cb);
}
