import type { ApiServer, RequestContext } from '../api/apiserver';
import type { Node, Pod } from '../api/types';
import type { EventRecorder } from '../client/event-recorder';
import type { SimEnv } from '../sim/env';
import { isTerminal, SchedulerCache } from './cache/cache';
import { newPodInfo, podKey } from './cache/pod-info';
import type { DecisionStore } from './decision-store';
import type { NodeInfo } from './cache/node-info';
import { FilterMemo } from './filter-memo';
import { runFiltersWithNominated } from './find-nodes';
import { Framework, type Profile } from './framework/framework';
import type { FrameworkHandle, Listers, PluginFactory } from './framework/interfaces';
import { Nominator } from './nominator';
import { podMayFitNode } from './pre-check';
import { ScoreBuffers } from './prioritize';
import { ClusterEvent, nodeUpdateEvents, podSpecOrLabelsChanged } from './queue/cluster-events';
import { SchedulingQueue } from './queue/scheduling-queue';
import type { SchedulerCore } from './schedule-one';

export interface RuntimeDeps {
  readonly env: SimEnv;
  readonly api: ApiServer;
  readonly id: string;
  readonly recorder: EventRecorder;
  readonly decisions: DecisionStore;
  readonly listers: Listers;
  readonly profile: Profile;
  readonly registry: Readonly<Record<string, PluginFactory>>;
  /** The pod as the scheduler's informer holds it. */
  podByKey(key: string): Pod | undefined;
}

/**
 * The scheduler's in-memory state for one run (cache, queue, nominator, framework) and
 * how informer events change it. A restarted scheduler starts a fresh runtime and
 * rebuilds it from its informers' initial lists, as a new kube-scheduler process would.
 */
export class SchedulerRuntime implements SchedulerCore {
  readonly env: SimEnv;
  readonly api: ApiServer;
  readonly id: string;
  readonly recorder: EventRecorder;
  readonly decisions: DecisionStore;
  readonly cache = new SchedulerCache();
  readonly nominator = new Nominator();
  readonly buffers = new ScoreBuffers();
  readonly filterMemo = new FilterMemo();
  readonly feasibleBuffer: NodeInfo[] = [];
  readonly fw: Framework;
  readonly queue: SchedulingQueue;
  nextStartNodeIndex = 0;

  constructor(private readonly deps: RuntimeDeps) {
    this.env = deps.env;
    this.api = deps.api;
    this.id = deps.id;
    this.recorder = deps.recorder;
    this.decisions = deps.decisions;
    const handle: FrameworkHandle = {
      cache: this.cache,
      listers: deps.listers,
      rng: deps.env.rng,
      api: deps.api,
      component: deps.id,
      recorder: deps.recorder,
      now: () => deps.env.now(),
      runFilterWithNominated: (state, pod, node) => runFiltersWithNominated(this.fw, state, pod, node, this.nominator),
    };
    this.fw = new Framework(deps.profile, deps.registry, handle);
    const sort = this.fw.queueSort;
    this.queue = new SchedulingQueue({
      now: () => deps.env.now(),
      less: (a, b) => sort.less(a, b),
      preEnqueue: (pod) => this.fw.runPreEnqueuePlugins(pod),
    });
  }

  currentPod(key: string): Pod | undefined {
    return this.deps.podByKey(key);
  }

  ctxFor(opId: number | undefined): RequestContext {
    return { component: this.id, opId };
  }

  private responsibleFor(pod: Pod): boolean {
    return (pod.spec.schedulerName ?? this.fw.profile.schedulerName) === this.fw.profile.schedulerName;
  }

  /** Unbound, ours, not being deleted: belongs in the queue. */
  private wantsScheduling(pod: Pod): boolean {
    return !pod.spec.nodeName && !pod.metadata.deletionTimestamp && !isTerminal(pod) && this.responsibleFor(pod);
  }

  // ------------------------------------------------------------------ pods

  onPodAdd(pod: Pod, opId: number | undefined): void {
    if (pod.spec.nodeName) {
      this.cache.addOrUpdatePod(pod);
      this.queue.onClusterEvent(ClusterEvent.AssignedPodAdd);
      return;
    }
    if (!this.wantsScheduling(pod)) return;
    const pi = newPodInfo(pod);
    this.queue.add(pi, opId);
    this.nominator.set(pi, pod.status?.nominatedNodeName);
  }

  /** `key`: podKey(pod), when the informer handed it over. */
  onPodUpdate(oldPod: Pod, pod: Pod, opId: number | undefined, key = podKey(pod)): void {
    if (pod.spec.nodeName) {
      this.queue.delete(key);
      this.nominator.delete(key);
      const wasHolding = !!oldPod.spec.nodeName && !isTerminal(oldPod);
      this.cache.addOrUpdatePod(pod, key);
      if (isTerminal(pod)) {
        if (wasHolding) this.queue.onClusterEvent(ClusterEvent.AssignedPodDelete);
      } else if (!oldPod.spec.nodeName) this.queue.onClusterEvent(ClusterEvent.AssignedPodAdd);
      else if (podSpecOrLabelsChanged(oldPod, pod)) this.queue.onClusterEvent(ClusterEvent.AssignedPodUpdate);
      return;
    }
    if (!this.wantsScheduling(pod)) {
      this.queue.delete(key);
      this.nominator.delete(key);
      return;
    }
    const pi = newPodInfo(pod);
    this.queue.update(pi, opId, podSpecOrLabelsChanged(oldPod, pod));
    this.nominator.set(pi, pod.status?.nominatedNodeName);
  }

  onPodDelete(pod: Pod): void {
    const key = podKey(pod);
    this.queue.delete(key);
    this.nominator.delete(key);
    this.decisions.delete(key);
    const held = this.cache.nodeOfPod(key) !== undefined;
    this.cache.removePod(key);
    if (held) this.queue.onClusterEvent(ClusterEvent.AssignedPodDelete);
  }

  // ------------------------------------------------------------------ nodes

  onNodeAdd(node: Node): void {
    const ni = this.cache.addOrUpdateNode(node);
    this.queue.onClusterEvent(ClusterEvent.NodeAdd, (pod) => podMayFitNode(pod, ni));
  }

  onNodeUpdate(oldNode: Node, node: Node): void {
    const ni = this.cache.addOrUpdateNode(node);
    for (const event of nodeUpdateEvents(oldNode, node)) this.queue.onClusterEvent(event, (pod) => podMayFitNode(pod, ni));
  }

  onNodeDelete(node: Node): void {
    this.cache.removeNode(node.metadata.name);
  }
}
