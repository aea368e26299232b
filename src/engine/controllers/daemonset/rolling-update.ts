import type { DaemonSet, Node, Pod } from '../../api/types';
import { scaledValue } from '../shared/int-or-percent';
import { isPodAvailable } from '../shared/pod-util';
import { daemonNodeFit } from './eligibility';
import { isPodUpdated, templateGeneration } from './manage';

/** findUpdatedPodsOnNode: at most one new and one old live pod, else the node is in flux. */
function splitPods(pods: readonly Pod[], hash: string, generation: string | undefined): { newPod?: Pod; oldPod?: Pod; ok: boolean } {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    if (isPodUpdated(pod, hash, generation)) {
      if (newPod) return { ok: false };
      newPod = pod;
    } else {
      if (oldPod) return { ok: false };
      oldPod = pod;
    }
  }
  return { newPod, oldPod, ok: true };
}

/**
 * dsc.rollingUpdate without surge: which old pods to delete now so that at most
 * maxUnavailable (default 1, percentages rounded up) daemon pods are unavailable.
 */
export function oldPodsToReplace(ds: DaemonSet, nodes: readonly Node[], byNode: ReadonlyMap<string, Pod[]>, hash: string, nowMs: number): Pod[] {
  const perNode = new Map(byNode);
  let desired = 0;
  const fitOf = daemonNodeFit(ds);
  for (const node of nodes) {
    if (!fitOf(node).shouldRun) continue;
    desired++;
    if (!perNode.has(node.metadata.name)) perNode.set(node.metadata.name, []);
  }
  const ru = ds.spec.updateStrategy?.rollingUpdate;
  let maxUnavailable = scaledValue(ru?.maxUnavailable ?? 1, desired, true) ?? 1;
  if (desired > 0 && maxUnavailable === 0) maxUnavailable = 1;
  const generation = templateGeneration(ds);
  const minReady = ds.spec.minReadySeconds ?? 0;
  let unavailable = 0;
  const replaceNow: Pod[] = [];
  const candidates: Pod[] = [];
  for (const name of [...perNode.keys()].sort()) {
    const { newPod, oldPod, ok } = splitPods(perNode.get(name)!, hash, generation);
    if (!ok || (!newPod && !oldPod) || (newPod && oldPod)) {
      unavailable++;
    } else if (newPod) {
      if (!isPodAvailable(newPod, minReady, nowMs)) unavailable++;
    } else if (oldPod) {
      if (!isPodAvailable(oldPod, minReady, nowMs)) replaceNow.push(oldPod);
      else if (unavailable < maxUnavailable) candidates.push(oldPod);
    }
  }
  const budget = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
  return [...replaceNow, ...candidates.slice(0, budget)];
}
