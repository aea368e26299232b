import { F, STRIDE } from '../cache/node-columns';
import type { NodeInfo } from '../cache/node-info';
import { RecordScoreMemo } from '../cache/score-memo';
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
  return balanced(node.allocatableMilliCPU, node.requestedMilliCPU + pod.requests.milliCPU, node.allocatableMemory, node.requestedMemory + pod.requests.memory);
}

/** balancedAllocationScore on the numbers: allocatable and requested with the pod placed. */
function balanced(allocCPU: number, cpuRequested: number, allocMemory: number, memoryRequested: number): number {
  // With two resources the standard deviation is |f_cpu − f_mem| / 2; with one it is 0.
  if (allocCPU <= 0 || allocMemory <= 0) return MAX_NODE_SCORE;
  const cpu = Math.min(1, cpuRequested / allocCPU);
  const memory = Math.min(1, memoryRequested / allocMemory);
  return Math.trunc((1 - Math.abs((cpu - memory) / 2)) * MAX_NODE_SCORE);
}

/** Score (weight 1). Best-effort pods are skipped, as upstream does since v1.32. */
export function newBalancedAllocation(): PreScorePlugin & ScorePlugin {
  const memo = new RecordScoreMemo();
  return {
    name: PluginName.NodeResourcesBalancedAllocation,
    preScore: (_state, pod) => (pod.requests.milliCPU === 0 && pod.requests.memory === 0 ? SKIP : null),
    score: (_state, pod, node) => balancedAllocationScore(pod, node),
    scoreAll(_state, pod, nodes, scores, n) {
      for (let i = 0; i < n; i++) scores[i] = balancedAllocationScore(pod, nodes[i]!);
    },
    scoreColumns(_state, pod, _nodes, view, scores, n) {
      const { data, records } = view;
      const cpu = pod.requests.milliCPU;
      const memory = pod.requests.memory;
      const memoized = memo.begin(view.columns, cpu, memory);
      for (let i = 0; i < n; i++) {
        const r = records[i]!;
        const known = memoized[r]!;
        // NaN (not known) is the only value unequal to itself.
        if (known === known) {
          scores[i] = known;
          continue;
        }
        const o = r * STRIDE;
        scores[i] = memoized[r] = balanced(data[o + F.AllocatableMilliCPU]!, data[o + F.RequestedMilliCPU]! + cpu, data[o + F.AllocatableMemory]!, data[o + F.RequestedMemory]! + memory);
      }
    },
  } satisfies PreScorePlugin & ScorePlugin;
}
