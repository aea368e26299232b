import type { ApiServer, RequestContext } from '../api/apiserver';
import type { Pod } from '../api/types';
import type { EventRecorder } from '../client/event-recorder';
import { InteractionKind } from '../log/interaction-log';
import type { SimEnv } from '../sim/env';
import type { SchedulerCache } from './cache/cache';
import type { NodeInfo } from './cache/node-info';
import type { DecisionHead, DecisionStore } from './decision-store';
import { buildDecision, FULL_DETAIL_NODES } from './decision-builder';
import { findNodesThatFitPod, newDiagnosis, type FilterOutcome } from './find-nodes';
import type { FilterMemo } from './filter-memo';
import { fitErrorMessage } from './fit-error';
import { CycleState } from './framework/cycle-state';
import type { Framework } from './framework/framework';
import type { PostFilterOutcome, QueuedPodInfo } from './framework/interfaces';
import type { PreemptionRecord } from './decisions';
import type { Nominator } from './nominator';
import { prioritizeNodes, selectHost, type ScoreBuffers, type ScoreOutcome } from './prioritize';
import { recordFailure, type FailureKind } from './failure';
import type { SchedulingQueue } from './queue/scheduling-queue';

/** What one scheduling cycle works with: the scheduler's state, by reference. */
export interface SchedulerCore {
  readonly env: SimEnv;
  readonly api: ApiServer;
  readonly id: string;
  readonly fw: Framework;
  readonly cache: SchedulerCache;
  readonly queue: SchedulingQueue;
  readonly nominator: Nominator;
  readonly decisions: DecisionStore;
  readonly recorder: EventRecorder;
  readonly buffers: ScoreBuffers;
  readonly filterMemo?: FilterMemo;
  /** The feasible-node array findNodesThatFitPod fills, reused by every cycle. */
  readonly feasibleBuffer?: NodeInfo[];
  nextStartNodeIndex: number;
  /** The pod as the informer last delivered it. */
  currentPod(key: string): Pod | undefined;
  ctxFor(opId: number | undefined): RequestContext;
}

/** upstream ErrNoNodesAvailable: reported as unschedulable; any node event retries the pod. */
export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

/** The decision's head, written out field by field (object spreads are slow on this path). */
function head(core: SchedulerCore, q: QueuedPodInfo, result: DecisionHead['result'], filter: FilterOutcome, extra: { node?: string; message?: string; preemption?: PreemptionRecord }): DecisionHead {
  const pi = q.podInfo;
  const nodesTotal = core.cache.nodeCount;
  return {
    namespace: pi.namespace,
    pod: pi.name,
    podUid: pi.uid,
    attempt: q.attempts,
    tMs: core.env.now(),
    result,
    node: extra.node,
    message: extra.message,
    nodesTotal,
    nodesFiltered: filter.evaluatedCount,
    truncated: nodesTotal > FULL_DETAIL_NODES,
    preemption: extra.preemption,
  };
}

/**
 * The cycle's record: `schedule <pod> → <node>`, or `unschedulable <pod>` without a node. The
 * label is hashed in parts and only built when something records (one per pod).
 */
function logCycle(core: SchedulerCore, q: QueuedPodInfo, node?: string): void {
  const pi = q.podInfo;
  const { log } = core.env;
  const input = { kind: InteractionKind.Schedule, from: core.id, to: core.id, opId: q.opId, ref: log.recording ? { kind: 'Pod', namespace: pi.namespace, name: pi.name } : undefined };
  if (node === undefined) log.appendParts(input, 'unschedulable ', pi.name, '', '');
  else log.appendParts(input, 'schedule ', pi.name, ' → ', node);
}

function fail(core: SchedulerCore, q: QueuedPodInfo, state: CycleState, kind: FailureKind, message: string, filter: FilterOutcome, post?: PostFilterOutcome): void {
  const allNodes = core.cache.nodeList();
  const nominatedNode = post?.nominatedNodeName;
  const preemption: PreemptionRecord | undefined = post && {
    ...(nominatedNode ? { nominatedNode } : {}),
    victims: post.victims ?? [],
    message: filter.diagnosis.postFilterMsg,
  };
  core.decisions.put(q.key, buildDecision({
    head: head(core, q, kind === 'Unschedulable' ? 'Unschedulable' : 'Error', filter, { message, preemption }),
    fw: core.fw, state, allNodes, filter, score: undefined,
  }));
  logCycle(core, q);
  recordFailure(core, q, kind, message, nominatedNode);
  core.queue.addUnschedulable(q, filter.diagnosis.unschedulablePlugins, kind === 'Error');
}

/** One scheduling cycle and its binding cycle, synchronously (upstream ScheduleOne). */
export function scheduleOne(core: SchedulerCore, q: QueuedPodInfo): void {
  const current = core.currentPod(q.key);
  if (!current || current.spec.nodeName || current.metadata.deletionTimestamp) return;
  const pod = q.podInfo;
  const state = new CycleState(q.opId);
  const allNodes = core.cache.nodeList();
  if (allNodes.length === 0) return fail(core, q, state, 'Unschedulable', NO_NODES_AVAILABLE, { feasible: [], diagnosis: newDiagnosis(0), processed: 0, evaluatedCount: 0 });
  const filter = findNodesThatFitPod({ fw: core.fw, cache: core.cache, nominator: core.nominator, startIndex: core.nextStartNodeIndex, memo: core.filterMemo, feasibleBuffer: core.feasibleBuffer }, state, pod);
  core.nextStartNodeIndex = (core.nextStartNodeIndex + filter.processed) % allNodes.length;
  if (filter.error) return fail(core, q, state, 'Error', filter.error.message(), filter);
  if (filter.feasible.length === 0) {
    const post = core.fw.runPostFilterPlugins(state, pod, filter.diagnosis);
    filter.diagnosis.postFilterMsg = post.status?.message() ?? '';
    return fail(core, q, state, 'Unschedulable', fitErrorMessage(filter.diagnosis), filter, post);
  }
  let score: ScoreOutcome | undefined;
  let chosen: NodeInfo = filter.feasible[0]!;
  if (filter.feasible.length > 1) {
    const scored = prioritizeNodes(core.fw, state, pod, filter.feasible, core.buffers, filter.view);
    if (!('totals' in scored)) return fail(core, q, state, 'Error', scored.message(), filter);
    score = scored;
    chosen = filter.feasible[selectHost(scored.totals, filter.feasible.length, core.env.rng)]!;
  }
  const decision = buildDecision({
    head: head(core, q, 'Scheduled', filter, { node: chosen.name }),
    fw: core.fw, state, allNodes, filter, score,
  });
  assumeAndBind(core, q, state, chosen.name, decision);
}

function assumeAndBind(core: SchedulerCore, q: QueuedPodInfo, state: CycleState, node: string, decision: ReturnType<typeof buildDecision>): void {
  const pod = q.podInfo;
  core.cache.assumePod(pod, node);
  const reserve = core.fw.runReservePlugins(state, pod, node);
  if (reserve !== null) {
    core.fw.runUnreservePlugins(state, pod, node);
    core.cache.forgetPod(pod.key);
    core.decisions.put(q.key, { ...decision, head: { ...decision.head, result: 'Error', node: undefined, message: reserve.message() } });
    recordFailure(core, q, 'Error', reserve.message());
    core.queue.addUnschedulable(q, new Set(), true);
    return;
  }
  logCycle(core, q, node);
  core.decisions.put(q.key, decision);
  const bound = core.fw.runBindPlugins(state, pod, node);
  if (bound === null) {
    core.nominator.delete(pod.key);
    // Joined into one flat string: the Event keeps it (a template literal leaves a rope of five nodes).
    core.recorder.record(core.ctxFor(q.opId), pod.pod, 'Normal', 'Scheduled', ['Successfully assigned ', pod.namespace, '/', pod.name, ' to ', node].join(''));
    return;
  }
  core.fw.runUnreservePlugins(state, pod, node);
  core.cache.forgetPod(pod.key);
  const message = `binding rejected: running Bind plugin "${bound.plugin}": ${bound.message()}`;
  core.decisions.put(q.key, { ...decision, head: { ...decision.head, result: 'Error', node: undefined, message } });
  const latest = core.currentPod(q.key);
  if (!latest || latest.spec.nodeName) return;
  recordFailure(core, q, 'Error', message);
  core.queue.addUnschedulable(q, new Set(), true);
}
