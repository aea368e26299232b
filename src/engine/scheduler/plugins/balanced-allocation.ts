import type { NodeInfo } from '../cache/node-info';
import type { PodInfo } from '../cache/pod-info';
import type { PreScorePlugin, ScorePlugin } from '../framework/interfaces';
import { SKIP } from '../framework/status';
import { PluginName } from './names';

const MAX_NODE_SCORE = 100;

/**
 * Favours nodes whose cpu and memory fractions (with the pod placed, on actual requests)
 * stay close: (1 − |f_cpu − f_mem| / 2) × 100, fractions capped at 1.
 */
export function balancedAllocationScore(pod: PodInfo, node: NodeInfo): number {
  // With two resources the standard deviation is |f_cpu − f_mem| / 2; with one it is 0.
  if (node.allocatableMilliCPU <= 0 || node.allocatableMemory <= 0) return MAX_NODE_SCORE;
  const cpu = Math.min(1, (node.requestedMilliCPU + pod.requests.milliCPU) / node.allocatableMilliCPU);
  const memory = Math.min(1, (node.requestedMemory + pod.requests.memory) / node.allocatableMemory);
  return Math.trunc((1 - Math.abs((cpu - memory) / 2)) * MAX_NODE_SCORE);
}

/** Score (weight 1). Best-effort pods are skipped, as upstream does since v1.32. */
export function newBalancedAllocation(): PreScorePlugin & ScorePlugin {
  return {
    name: PluginName.NodeResourcesBalancedAllocation,
    preScore: (_state, pod) => (pod.requests.milliCPU === 0 && pod.requests.memory === 0 ? SKIP : null),
    score: (_state, pod, node) => balancedAllocationScore(pod, node),
    scoreAll(_state, pod, nodes, scores, n) {
      for (let i = 0; i < n; i++) scores[i] = balancedAllocationScore(pod, nodes[i]!);
    },
  } satisfies PreScorePlugin & ScorePlugin;
}
