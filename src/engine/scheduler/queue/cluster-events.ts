import type { Node, Pod } from '../../api/types';
import { deepEqual } from '../../util/clone';
import { PluginName } from '../plugins/names';

/** Changes in the cluster that may make an unschedulable pod schedulable (upstream ClusterEvent). */
export const ClusterEvent = {
  NodeAdd: 'NodeAdd',
  NodeTaintChange: 'NodeTaintChange',
  NodeLabelChange: 'NodeLabelChange',
  NodeAllocatableChange: 'NodeAllocatableChange',
  AssignedPodAdd: 'AssignedPodAdd',
  AssignedPodUpdate: 'AssignedPodUpdate',
  AssignedPodDelete: 'AssignedPodDelete',
  /** Periodic flush of pods that waited longer than podMaxInUnschedulablePodsDuration. */
  UnschedulableTimeout: 'UnschedulableTimeout',
} as const;
export type ClusterEvent = (typeof ClusterEvent)[keyof typeof ClusterEvent];

const P = PluginName;

/** Which plugins' rejections each event can undo (upstream EventsToRegister per plugin). */
const INTERESTED: Record<ClusterEvent, ReadonlySet<string>> = {
  NodeAdd: new Set([P.NodeUnschedulable, P.NodeName, P.TaintToleration, P.NodeAffinity, P.NodePorts, P.NodeResourcesFit, P.PodTopologySpread, P.InterPodAffinity, P.VolumeBinding]),
  NodeTaintChange: new Set([P.NodeUnschedulable, P.TaintToleration]),
  NodeLabelChange: new Set([P.NodeAffinity, P.PodTopologySpread, P.InterPodAffinity]),
  NodeAllocatableChange: new Set([P.NodeResourcesFit]),
  AssignedPodAdd: new Set([P.PodTopologySpread, P.InterPodAffinity]),
  AssignedPodUpdate: new Set([P.PodTopologySpread, P.InterPodAffinity, P.NodeResourcesFit]),
  AssignedPodDelete: new Set([P.NodeResourcesFit, P.NodePorts, P.PodTopologySpread, P.InterPodAffinity]),
  UnschedulableTimeout: new Set(),
};

/** Whether an event may help a pod rejected by `plugins` (an empty set — an error — always retries). */
export function eventMayHelp(event: ClusterEvent, plugins: ReadonlySet<string>): boolean {
  if (event === ClusterEvent.UnschedulableTimeout || plugins.size === 0) return true;
  const interested = INTERESTED[event];
  for (const p of plugins) if (interested.has(p)) return true;
  return false;
}

/** The node changes that matter to scheduling; heartbeats and condition timestamps do not. */
export function nodeUpdateEvents(oldNode: Node, newNode: Node): ClusterEvent[] {
  const out: ClusterEvent[] = [];
  if (!deepEqual(oldNode.spec.taints ?? [], newNode.spec.taints ?? []) || (oldNode.spec.unschedulable ?? false) !== (newNode.spec.unschedulable ?? false)) {
    out.push(ClusterEvent.NodeTaintChange);
  }
  if (!deepEqual(oldNode.metadata.labels ?? {}, newNode.metadata.labels ?? {})) out.push(ClusterEvent.NodeLabelChange);
  if (!deepEqual(oldNode.status?.allocatable ?? {}, newNode.status?.allocatable ?? {})) out.push(ClusterEvent.NodeAllocatableChange);
  return out;
}

/** An unscheduled pod's own update is worth a retry only if something besides status changed. */
export function podSpecOrLabelsChanged(oldPod: Pod, newPod: Pod): boolean {
  return !deepEqual(oldPod.spec, newPod.spec) || !deepEqual(oldPod.metadata.labels ?? {}, newPod.metadata.labels ?? {}) || !deepEqual(oldPod.metadata.annotations ?? {}, newPod.metadata.annotations ?? {});
}
