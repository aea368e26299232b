import { F, STRIDE } from '../cache/node-columns';
import type { NodeInfo } from '../cache/node-info';
import { RecordScoreMemo } from '../cache/score-memo';
import type { PodInfo } from '../cache/pod-info';
import type { FilterPlugin, PreFilterOutcome, PreFilterPlugin, ScorePlugin } from '../framework/interfaces';
import { Code, Status } from '../framework/status';
import { PluginName } from './names';

/** MaxNodeScore, local: this module's functions run for every node of every cycle. */
const MAX_NODE_SCORE = 100;

export const REASON_TOO_MANY_PODS = 'Too many pods';
export const REASON_INSUFFICIENT_CPU = 'Insufficient cpu';
export const REASON_INSUFFICIENT_MEMORY = 'Insufficient memory';

const TOO_MANY = 1;
const CPU = 2;
const MEMORY = 4;
const UNRESOLVABLE = 8;

/** One shared Status per combination of failures: the Filter loop allocates nothing. */
function statusTable(): Status[] {
  const table: Status[] = [];
  for (let mask = 0; mask < 16; mask++) {
    const reasons: string[] = [];
    if (mask & TOO_MANY) reasons.push(REASON_TOO_MANY_PODS);
    if (mask & CPU) reasons.push(REASON_INSUFFICIENT_CPU);
    if (mask & MEMORY) reasons.push(REASON_INSUFFICIENT_MEMORY);
    table.push(new Status(mask & UNRESOLVABLE ? Code.UnschedulableAndUnresolvable : Code.Unschedulable, reasons));
  }
  return table;
}

/**
 * Which resources do not fit (upstream fitsRequest), as a bit mask. A request larger than
 * the node's whole allocatable is unresolvable: no preemption could make room.
 */
export function insufficientMask(pod: PodInfo, node: NodeInfo): number {
  let mask = 0;
  if (node.podCount + 1 > node.allocatablePods) mask |= TOO_MANY;
  const cpu = pod.requests.milliCPU;
  const memory = pod.requests.memory;
  if (cpu > 0 && cpu > node.allocatableMilliCPU - node.requestedMilliCPU) {
    mask |= CPU;
    if (cpu > node.allocatableMilliCPU) mask |= UNRESOLVABLE;
  }
  if (memory > 0 && memory > node.allocatableMemory - node.requestedMemory) {
    mask |= MEMORY;
    if (memory > node.allocatableMemory) mask |= UNRESOLVABLE;
  }
  return mask;
}

/** LeastAllocated for one resource: share of allocatable left after placing the pod, 0–100. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** cpu and memory, weight 1 each, on non-zero requests (100m / 200Mi for containers without requests). */
export function leastAllocatedScore(pod: PodInfo, node: NodeInfo): number {
  return leastAllocated(node.allocatableMilliCPU, node.nonZeroMilliCPU + pod.nonZeroRequests.milliCPU, node.allocatableMemory, node.nonZeroMemory + pod.nonZeroRequests.memory);
}

/** leastAllocatedScore on the numbers: allocatable and (non-zero) requested with the pod placed. */
function leastAllocated(allocCPU: number, cpu: number, allocMemory: number, memory: number): number {
  let sum = 0;
  let weights = 0;
  if (allocCPU > 0) {
    sum += leastRequestedScore(cpu, allocCPU);
    weights++;
  }
  if (allocMemory > 0) {
    sum += leastRequestedScore(memory, allocMemory);
    weights++;
  }
  return weights === 0 ? 0 : Math.trunc(sum / weights);
}

const OK: PreFilterOutcome = { status: null };

/** Filter: cpu, memory and pod count against status.allocatable. Score: LeastAllocated. */
export function newNodeResourcesFit(): PreFilterPlugin & FilterPlugin & ScorePlugin {
  const table = statusTable();
  const memo = new RecordScoreMemo();
  return {
    name: PluginName.NodeResourcesFit,
    nodeLocal: true,
    // Requests are computed once per pod in PodInfo; nothing more to prepare.
    preFilter: () => OK,
    filter(_state, pod, node) {
      const mask = insufficientMask(pod, node);
      return mask === 0 ? null : table[mask]!;
    },
    score: (_state, pod, node) => leastAllocatedScore(pod, node),
    scoreAll(_state, pod, nodes, scores, n) {
      for (let i = 0; i < n; i++) scores[i] = leastAllocatedScore(pod, nodes[i]!);
    },
    scoreColumns(_state, pod, _nodes, view, scores, n) {
      const { data, records } = view;
      const cpu = pod.nonZeroRequests.milliCPU;
      const memory = pod.nonZeroRequests.memory;
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
        scores[i] = memoized[r] = leastAllocated(data[o + F.AllocatableMilliCPU]!, data[o + F.NonZeroMilliCPU]! + cpu, data[o + F.AllocatableMemory]!, data[o + F.NonZeroMemory]! + memory);
      }
    },
  } satisfies PreFilterPlugin & FilterPlugin & ScorePlugin;
}
