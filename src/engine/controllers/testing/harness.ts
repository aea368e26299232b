import type { ApiServer } from '../../api/apiserver';
import type { KubeObject } from '../../api/types';
import { Cluster } from '../../cluster/cluster';
import type { ClusterSpec } from '../../cluster/cluster-spec';
import { FakeNodeAgent, type FakeAgentOptions } from './fake-node-agent';

export const USER = { component: 'user/kubectl' } as const;

export interface TestCluster {
  cluster: Cluster;
  api: ApiServer;
  agent: FakeNodeAgent;
  /** Advances simulated time by `ms`. */
  advance(ms: number): void;
  create<T extends KubeObject>(resource: string, obj: T): T;
  get<T extends KubeObject>(resource: string, namespace: string | undefined, name: string): T | undefined;
  list<T extends KubeObject>(resource: string, namespace?: string): T[];
}

/**
 * TEST ONLY: a booted Cluster whose scheduler and kubelets are replaced by the
 * FakeNodeAgent, so controller tests do not depend on components written in parallel.
 */
export function startTestCluster(opts: { spec?: ClusterSpec; seed?: number; agent?: FakeAgentOptions } = {}): TestCluster {
  const cluster = new Cluster({ seed: opts.seed ?? 1, spec: opts.spec, config: { freezeObjects: true } }).boot();
  cluster.scheduler.stop();
  for (const k of cluster.kubelets.values()) k.stop();
  const agent = new FakeNodeAgent(cluster.env, cluster.api, opts.agent);
  agent.start();
  const api = cluster.api;
  return {
    cluster,
    api,
    agent,
    advance: (ms) => cluster.advance(ms),
    create: <T extends KubeObject>(resource: string, obj: T): T => {
      const res = api.create<T>(USER, resource, obj.metadata.namespace, obj);
      if (!res.ok) throw new Error(res.status.message);
      return res.value;
    },
    get: <T extends KubeObject>(resource: string, namespace: string | undefined, name: string) => api.peek<T>(resource, namespace, name),
    list: <T extends KubeObject>(resource: string, namespace?: string) =>
      cluster.objects<T>(resource).filter((o) => namespace === undefined || o.metadata.namespace === namespace),
  };
}
