import { ApiServer } from '../../api/apiserver';
import type { Namespace, Node, Pod, ReplicaSet, Service, StatefulSet } from '../../api/types';
import { EventRecorder } from '../../client/event-recorder';
import type { PodDisruptionBudget } from '../../disruption/types';
import { InteractionLog } from '../../log/interaction-log';
import { DEFAULT_ENGINE_CONFIG, type SimEnv } from '../../sim/env';
import { EventQueue } from '../../sim/event-queue';
import { Rng } from '../../sim/rng';
import { SchedulerCache } from '../cache/cache';
import type { NodeInfo } from '../cache/node-info';
import { newPodInfo, type PodInfo } from '../cache/pod-info';
import { findNodesThatFitPod, runFiltersWithNominated, type FilterOutcome } from '../find-nodes';
import { CycleState } from '../framework/cycle-state';
import { Framework } from '../framework/framework';
import type { FrameworkHandle, Listers } from '../framework/interfaces';
import { DEFAULT_PROFILE, IN_TREE_REGISTRY } from '../framework/registry';
import { ServiceIndex } from '../listers';
import { Nominator } from '../nominator';
import { prioritizeNodes, ScoreBuffers, type ScoreOutcome } from '../prioritize';

/**
 * A scheduler cache, listers and the default framework without informers or an event
 * loop: plugin tests put nodes and pods in and run one cycle's phases directly.
 */
export class Fixture {
  readonly queue = new EventQueue();
  readonly env: SimEnv;
  readonly api: ApiServer;
  readonly cache = new SchedulerCache();
  readonly nominator = new Nominator();
  readonly services = new ServiceIndex();
  readonly replicaSets = new Map<string, ReplicaSet>();
  readonly statefulSets = new Map<string, StatefulSet>();
  readonly namespaces = new Map<string, Namespace>();
  readonly pdbs: PodDisruptionBudget[] = [];
  readonly listers: Listers;
  readonly handle: FrameworkHandle;
  readonly fw: Framework;

  constructor(seed = 1) {
    const log = new InteractionLog(() => this.queue.nowMs);
    this.env = { queue: this.queue, rng: new Rng(seed), log, config: DEFAULT_ENGINE_CONFIG, now: () => this.queue.nowMs };
    this.api = new ApiServer(this.env, { defaulters: new Map(), validators: new Map(), admission: [] });
    this.listers = {
      servicesSelecting: (pod) => this.services.selecting(pod),
      replicaSet: (ns, name) => this.replicaSets.get(`${ns}/${name}`),
      statefulSet: (ns, name) => this.statefulSets.get(`${ns}/${name}`),
      namespaceLabels: (ns) => this.namespaces.get(ns)?.metadata.labels,
      podDisruptionBudgets: (ns) => this.pdbs.filter((p) => p.metadata.namespace === ns),
    };
    this.handle = {
      cache: this.cache,
      listers: this.listers,
      rng: this.env.rng,
      api: this.api,
      component: 'scheduler',
      recorder: new EventRecorder(this.env, this.api, 'default-scheduler'),
      now: () => this.env.now(),
      runFilterWithNominated: (state, pod, node) => runFiltersWithNominated(this.fw, state, pod, node, this.nominator),
    };
    this.fw = new Framework(DEFAULT_PROFILE, IN_TREE_REGISTRY, this.handle);
  }

  nodes(...nodes: Node[]): this {
    for (const n of nodes) this.cache.addOrUpdateNode(n);
    return this;
  }

  /** Bound pods (spec.nodeName set). */
  pods(...pods: Pod[]): this {
    for (const p of pods) this.cache.addOrUpdatePod(p);
    return this;
  }

  service(svc: Service): this {
    this.services.put(svc);
    return this;
  }

  node(name: string): NodeInfo {
    const n = this.cache.get(name);
    if (!n) throw new Error(`no node ${name}`);
    return n;
  }

  /** PreFilter + Filter over every node, as a cycle does. */
  filter(pod: Pod, state = new CycleState(undefined)): { state: CycleState; outcome: FilterOutcome; pod: PodInfo } {
    const pi = newPodInfo(pod);
    const outcome = findNodesThatFitPod({ fw: this.fw, cache: this.cache, nominator: this.nominator, startIndex: 0 }, state, pi);
    return { state, outcome, pod: pi };
  }

  /** Filter then score the feasible nodes; scores per plugin name per node name. */
  score(pod: Pod): { totals: Map<string, number>; byPlugin: Map<string, Map<string, number>>; feasible: string[] } {
    const { state, outcome, pod: pi } = this.filter(pod);
    const scored = prioritizeNodes(this.fw, state, pi, outcome.feasible, new ScoreBuffers());
    if (!('totals' in scored)) throw new Error(scored.message());
    return summarize(scored, outcome.feasible);
  }
}

function summarize(s: ScoreOutcome, nodes: readonly NodeInfo[]): { totals: Map<string, number>; byPlugin: Map<string, Map<string, number>>; feasible: string[] } {
  const totals = new Map<string, number>();
  const byPlugin = new Map<string, Map<string, number>>();
  nodes.forEach((n, i) => totals.set(n.name, s.totals[i]!));
  s.plugins.forEach((p, j) => byPlugin.set(p.plugin.name, new Map(nodes.map((n, i) => [n.name, s.perPlugin[j]![i]!]))));
  return { totals, byPlugin, feasible: nodes.map((n) => n.name) };
}
