import type { ApiServer } from '../../api/apiserver';
import type { Pod, ReplicaSet, Service, StatefulSet } from '../../api/types';
import type { PodDisruptionBudget } from '../../disruption/types';
import type { EventRecorder } from '../../client/event-recorder';
import type { Rng } from '../../sim/rng';
import type { SchedulerCache } from '../cache/cache';
import type { ColumnView } from '../cache/node-columns';
import type { NodeInfo } from '../cache/node-info';
import type { PodInfo } from '../cache/pod-info';
import type { CycleState } from './cycle-state';
import type { Result, Status } from './status';

/** Extension-point interfaces, one small interface each (upstream framework/interface.go). */

export interface Plugin {
  readonly name: string;
}

/** A pod waiting in the scheduling queue. */
export interface QueuedPodInfo {
  readonly key: string;
  podInfo: PodInfo;
  /** When the pod was last added or last failed: PrioritySort's tie-break and the back-off start. */
  timestamp: number;
  initialAttemptTimestamp: number | undefined;
  attempts: number;
  /** Plugins that rejected the pod in its last attempt; cluster events for them requeue it. */
  unschedulablePlugins: Set<string>;
  /** The user operation that last touched the pod. */
  opId: number | undefined;
  /** Insertion counter: a deterministic final tie-break. */
  seq: number;
  /** Position in activeQ / backoffQ (maintained by the heap). */
  heapIndex: number;
}

export interface PreEnqueuePlugin extends Plugin {
  preEnqueue(pod: PodInfo): Result;
}

export interface QueueSortPlugin extends Plugin {
  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean;
}

export interface PreFilterOutcome {
  readonly status: Result;
  /** Only these nodes can possibly fit (e.g. node affinity on metadata.name). */
  readonly nodeNames?: ReadonlySet<string>;
}

export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): PreFilterOutcome;
}

export interface FilterPlugin extends Plugin {
  /**
   * Filter's verdict depends only on the NodeInfo (whose changes all restamp the node's
   * record) and on the pod's spec.nodeName, tolerations, nodeSelector, required node
   * affinity, requests and host ports: verdicts can be reused across cycles (FilterMemo).
   */
  readonly nodeLocal?: boolean;
  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Result;
}

/** Why no node fit: what FitError prints and what PostFilter (preemption) reads. */
export interface Diagnosis {
  readonly numAllNodes: number;
  /** Rejecting status per evaluated node. */
  readonly nodeToStatus: Map<string, Status>;
  /** Status of every node not in nodeToStatus (filtered out by a PreFilter result). */
  absentStatus: Status | undefined;
  readonly unschedulablePlugins: Set<string>;
  preFilterMsg: string;
  postFilterMsg: string;
}

export interface PostFilterOutcome {
  readonly status: Result;
  /** Node to nominate; '' clears an earlier nomination. */
  readonly nominatedNodeName?: string;
  /** Pods evicted to make room (preemption). */
  readonly victims?: readonly { readonly namespace: string; readonly name: string; readonly priority: number }[];
}

export interface PostFilterPlugin extends Plugin {
  postFilter(state: CycleState, pod: PodInfo, diagnosis: Diagnosis): PostFilterOutcome;
}

export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Result;
}

export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: PodInfo, node: NodeInfo): number;
  /**
   * score() for nodes[0..n) into scores[0..n), for plugins that run on every node of every
   * cycle: one call per cycle instead of one per node lets the loop inline.
   */
  scoreAll?(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], scores: Float64Array, n: number): void;
  /**
   * scoreAll when every node's record is in one set of columns (the cache's): the loop
   * reads the node records in view instead of going through nodes[i]. Same scores.
   */
  scoreColumns?(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], view: ColumnView, scores: Float64Array, n: number): void;
  /** Rescales scores[0..n) in place to 0–100 (MaxNodeScore). */
  normalizeScore?(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], scores: Float64Array, n: number): void;
}

export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, pod: PodInfo, nodeName: string): Result;
  unreserve(state: CycleState, pod: PodInfo, nodeName: string): void;
}

export interface BindPlugin extends Plugin {
  /** Skip = not mine, let the next binder try. */
  bind(state: CycleState, pod: PodInfo, nodeName: string): Result;
}

/** Read access to the other objects plugins consult, through the scheduler's informers. */
export interface Listers {
  /** Services in the pod's namespace whose selector matches the pod's labels. */
  servicesSelecting(pod: Pod): readonly Service[];
  replicaSet(namespace: string, name: string): ReplicaSet | undefined;
  statefulSet(namespace: string, name: string): StatefulSet | undefined;
  namespaceLabels(namespace: string): Readonly<Record<string, string>> | undefined;
  /** PodDisruptionBudgets in a namespace (preemption prefers victims no budget protects). */
  podDisruptionBudgets(namespace: string): readonly PodDisruptionBudget[];
}

/** What plugins get from the framework (upstream framework.Handle). */
export interface FrameworkHandle {
  readonly cache: SchedulerCache;
  readonly listers: Listers;
  readonly rng: Rng;
  readonly api: ApiServer;
  readonly component: string;
  readonly recorder: EventRecorder;
  now(): number;
  /** Filter with nominated pods counted in, for what-if evaluation (preemption). */
  runFilterWithNominated(state: CycleState, pod: PodInfo, node: NodeInfo): Result;
}

type Methods<T extends Plugin> = Partial<Omit<T, 'name'>>;

/** A plugin with any subset of the extension points. */
export type AnyPlugin = Plugin &
  Methods<PreEnqueuePlugin> & Methods<QueueSortPlugin> & Methods<PreFilterPlugin> & Methods<FilterPlugin> &
  Methods<PostFilterPlugin> & Methods<PreScorePlugin> & Methods<ScorePlugin> & Methods<ReservePlugin> & Methods<BindPlugin>;

export type PluginFactory = (handle: FrameworkHandle) => AnyPlugin;
