import type { NodeInfo } from './cache/node-info';
import type { PodInfo } from './cache/pod-info';
import { podMatchesNodeSelectorAndAffinity } from './plugins/helpers/node-selector';
import { findUntoleratedTaint, tolerationsTolerateTaint } from './plugins/helpers/tolerations';
import { insufficientMask } from './plugins/node-resources-fit';

const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' } as const;

/**
 * Whether a node that was added or changed could take the pod at all (upstream
 * preCheckForNode): cordon, taints, node name and affinity, ports and resources. Pods
 * that could not fit there stay in unschedulablePods instead of being retried for nothing.
 */
export function podMayFitNode(pod: PodInfo, node: NodeInfo): boolean {
  const spec = pod.pod.spec;
  if (!node.node) return false;
  if (node.unschedulable && !tolerationsTolerateTaint(spec.tolerations, UNSCHEDULABLE_TAINT)) return false;
  if (spec.nodeName && spec.nodeName !== node.name) return false;
  if (findUntoleratedTaint(node.filterTaints, spec.tolerations)) return false;
  if (!podMatchesNodeSelectorAndAffinity(pod.pod, node.labels, node.name)) return false;
  for (const p of pod.hostPorts) if (node.usedPorts.conflicts(p)) return false;
  return insufficientMask(pod, node) === 0;
}
