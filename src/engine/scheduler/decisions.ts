/**
 * Scheduling decisions as data: pod → node → plugin → verdict or score. The inspector's
 * "why this node" / "why Pending" tables and FailedScheduling messages come from here.
 *
 * The scheduler keeps the latest decision per pod (at most 5,000, dropped when the pod is
 * deleted). Up to 100 nodes every node is listed; in larger clusters `truncated` is set and
 * `evaluations` holds the 10 best-scored nodes and up to 10 rejected ones, while `reasons`
 * still counts every rejection.
 */

export type PluginCode = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Error' | 'Skip';

export interface FilterVerdict {
  readonly plugin: string;
  readonly code: PluginCode;
  /** The reason string as FailedScheduling prints it (`Insufficient cpu`). */
  readonly reason?: string;
}

export interface ScoreEntry {
  readonly plugin: string;
  /** Score after NormalizeScore (0–100). */
  readonly score: number;
  readonly weight: number;
}

export interface NodeEvaluation {
  readonly node: string;
  readonly feasible: boolean;
  /** Filter plugins run on this node, in order, up to and including the first failure. */
  readonly filters: readonly FilterVerdict[];
  /** Present for feasible nodes that were scored. */
  readonly scores?: readonly ScoreEntry[];
  readonly totalScore?: number;
}

export interface PreemptionRecord {
  readonly nominatedNode?: string;
  readonly victims: readonly { namespace: string; name: string; priority: number }[];
  readonly message: string;
}

/** How many nodes a filter reason rejected (the FitError histogram as data). */
export interface ReasonCount {
  readonly reason: string;
  readonly count: number;
}

export interface SchedulingDecision {
  readonly namespace: string;
  readonly pod: string;
  readonly podUid: string;
  readonly attempt: number;
  readonly tMs: number;
  readonly result: 'Scheduled' | 'Unschedulable' | 'Error';
  readonly node?: string;
  /** FailedScheduling message for unschedulable pods. */
  readonly message?: string;
  readonly nodesTotal: number;
  /** How many nodes were run through Filter (percentageOfNodesToScore). */
  readonly nodesFiltered: number;
  /** Per-node results; for very large clusters only the top-scored and a sample of rejected nodes are kept. */
  readonly evaluations: readonly NodeEvaluation[];
  readonly truncated: boolean;
  readonly preemption?: PreemptionRecord;
  /** Rejection reasons over all nodes, also when `evaluations` is truncated. */
  readonly reasons?: readonly ReasonCount[];
  /** Score plugins that ran this attempt, in profile order, with their weights. */
  readonly scorePlugins?: readonly { readonly plugin: string; readonly weight: number }[];
}
