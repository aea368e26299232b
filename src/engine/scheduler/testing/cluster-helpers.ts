import type { KubeEvent, Node, Pod } from '../../api/types';
import type { Cluster } from '../../cluster/cluster';

const ctx = { component: 'test' };

/**
 * Lifts `node.kubernetes.io/not-ready` from nodes whose kubelet reports Ready, as the
 * node lifecycle controller does, for tests that must not depend on that controller.
 */
export function liftNotReadyTaints(cluster: Cluster): void {
  for (const n of cluster.objects<Node>('nodes')) {
    const ready = n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
    const taints = n.spec.taints ?? [];
    const kept = taints.filter((t) => t.key !== 'node.kubernetes.io/not-ready');
    if (ready && kept.length !== taints.length) cluster.api.patch(ctx, 'nodes', undefined, n.metadata.name, { spec: { taints: kept.length ? kept : null } });
  }
  cluster.runUntilQuiet();
}

export function createPod(cluster: Cluster, pod: Pod): Pod {
  const res = cluster.api.create<Pod>(ctx, 'pods', pod.metadata.namespace ?? 'default', pod);
  if (!res.ok) throw new Error(res.status.message);
  return res.value;
}

export function pod(cluster: Cluster, name: string, namespace = 'default'): Pod {
  const p = cluster.api.peek<Pod>('pods', namespace, name);
  if (!p) throw new Error(`pod ${namespace}/${name} not found`);
  return p;
}

export function eventsFor(cluster: Cluster, name: string, reason?: string): KubeEvent[] {
  return cluster.objects<KubeEvent>('events').filter((e) => e.involvedObject.name === name && (!reason || e.reason === reason));
}
