import type { Container, KubeEvent, Pod, Toleration } from '../api/types';
import { Cluster } from '../cluster/cluster';
import type { EngineConfig } from '../sim/env';

/** Helpers for the kubelet and node-lifecycle integration tests (pods bound directly, no scheduler needed). */

export const DEFAULT_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

export function bootCluster(config: Partial<EngineConfig> = {}): Cluster {
  return new Cluster({ seed: 7, config: { freezeObjects: true, ...config } }).boot();
}

export interface PodOptions {
  node?: string;
  namespace?: string;
  annotations?: Record<string, string>;
  containers?: Container[];
  initContainers?: Container[];
  tolerations?: Toleration[];
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  ownerKind?: string;
  hostNetwork?: boolean;
  terminationGracePeriodSeconds?: number;
}

export function makePod(name: string, o: PodOptions = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      ...(o.annotations ? { annotations: o.annotations } : {}),
      ...(o.ownerKind ? { ownerReferences: [{ apiVersion: 'batch/v1', kind: o.ownerKind, name: 'owner', uid: 'owner-uid', controller: true }] } : {}),
    },
    spec: {
      nodeName: o.node ?? 'worker-1',
      containers: o.containers ?? [{ name: 'web', image: 'nginx:1.27' }],
      ...(o.initContainers ? { initContainers: o.initContainers } : {}),
      tolerations: o.tolerations ?? DEFAULT_TOLERATIONS,
      ...(o.restartPolicy ? { restartPolicy: o.restartPolicy } : {}),
      ...(o.hostNetwork ? { hostNetwork: true } : {}),
      ...(o.terminationGracePeriodSeconds !== undefined ? { terminationGracePeriodSeconds: o.terminationGracePeriodSeconds } : {}),
    },
  };
}

export function createPod(c: Cluster, pod: Pod, opId?: number): Pod {
  const res = c.api.create<Pod>({ component: 'user/kubectl', opId }, 'pods', pod.metadata.namespace, pod);
  if (!res.ok) throw new Error(res.status.message);
  return res.value;
}

export function getPod(c: Cluster, name: string, namespace = 'default'): Pod | undefined {
  return c.api.peek<Pod>('pods', namespace, name);
}

/** Events about an object, oldest first. */
export function eventsFor(c: Cluster, name: string): KubeEvent[] {
  return c.objects<KubeEvent>('events')
    .filter((e) => e.involvedObject.name === name)
    .sort((a, b) => a.firstTimestamp.localeCompare(b.firstTimestamp) || Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));
}

/** Steps simulated time until `pred` holds; returns the time it first did (ms, absolute). */
export function waitFor(c: Cluster, pred: () => boolean, maxMs: number, stepMs = 100): number {
  const end = c.now + maxMs;
  while (!pred()) {
    if (c.now >= end) throw new Error(`condition not met within ${maxMs} ms`);
    c.advance(stepMs);
  }
  return c.now;
}

/** Interaction records of a kind whose label starts with `prefix`, as [time, label, opId]. */
export function records(c: Cluster, kind: string, prefix: string, from?: string): [number, string, number | undefined][] {
  return c.log.since(0).filter((r) => r.kind === kind && r.label.startsWith(prefix) && (!from || r.from === from)).map((r) => [r.tMs, r.label, r.opId]);
}
