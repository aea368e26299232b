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
  const conds = (n: Node): string => (n.status?.conditions ?? []).map((c) => `${c.type}=${c.status}`).sort().join(',');
  return JSON.stringify(a.metadata.labels ?? {}) === JSON.stringify(b.metadata.labels ?? {})
    && JSON.stringify(a.spec) === JSON.stringify(b.spec)
    && conds(a) === conds(b);
}
