import type { ConfigMap, Pod } from '../api/types';
import type { DataPlane } from '../network/connect';
import { INGRESS_CONTROLLERS, type IngressControllerKind } from '../network/ingress';
import type { IngressControllers } from '../network/ingress-controller';
import { isPodReady, isPodRunning, keyOf } from '../network/pods';
import type { ServicePortEntry } from '../network/service-table';
import { behaviourKey, type ServiceBehaviour, type TrafficConfig } from './config';
import { agentServing, isOtelAgentPod, isOtelOperatorPod } from './otel';

/** Pod roles the traffic model needs indexed (registered with the PodDirectory). */
export const TRAFFIC_ROLES = {
  'otel-agent': isOtelAgentPod,
  'otel-operator': isOtelOperatorPod,
} as const;

/** What the traffic simulation reads: the data plane, the ingress controllers, ConfigMaps. */
export interface TrafficWorld extends DataPlane {
  readonly ingress: IngressControllers;
  configMap(namespace: string, name: string): ConfigMap | undefined;
}

export const DEFAULT_BEHAVIOUR = { latencyMs: 5, errorRate: 0, calls: [] } as const;

/** A pod that can serve right now: Running, on a live node. */
export function podUp(w: TrafficWorld, pod: Pod): boolean {
  return isPodRunning(pod) && !!pod.spec.nodeName && w.nodeAlive(pod.spec.nodeName);
}

/** Controller pods of an ingress controller kind that are Running and Ready on live nodes, by key. */
export function ingressControllerPods(w: TrafficWorld, kind: IngressControllerKind): Pod[] {
  return w.pods.withRole(INGRESS_CONTROLLERS[kind].role).filter((p) => podUp(w, p) && isPodReady(p));
}

/** The serving collector agent per node, and the nodes whose agent pod exists but is not serving. */
export function agentsByNode(w: TrafficWorld): { serving: Map<string, Pod>; broken: Set<string> } {
  const serving = new Map<string, Pod>();
  const broken = new Set<string>();
  for (const p of w.pods.withRole('otel-agent')) {
    const node = p.spec.nodeName;
    if (!node) continue;
    if (agentServing(p) && w.nodeAlive(node)) {
      if (!serving.has(node)) serving.set(node, p);
    } else broken.add(node);
  }
  for (const n of serving.keys()) broken.delete(n);
  return { serving, broken };
}

export function operatorRunning(w: TrafficWorld): boolean {
  return w.pods.withRole('otel-operator').some((p) => podUp(w, p));
}

/** The Service port a behaviour's call or an entry targets, by port number. */
export function servicePort(w: TrafficWorld, namespace: string, service: string, port: number): ServicePortEntry | undefined {
  const e = w.proxy.service(namespace, service);
  return e?.ports.find((p) => p.port === port && p.protocol === 'tcp') ?? e?.ports.find((p) => p.port === port);
}

/** Behaviours by `ns/service` and their order: callers before callees (the config is acyclic). */
export class Behaviours {
  readonly byKey = new Map<string, ServiceBehaviour>();
  readonly order: string[] = [];

  constructor(config: TrafficConfig) {
    for (const s of config.services) this.byKey.set(behaviourKey(s.namespace, s.service), s);
    const visited = new Set<string>();
    const post: string[] = [];
    const visit = (k: string, depth: number): void => {
      if (visited.has(k) || depth > this.byKey.size + 1) return;
      visited.add(k);
      for (const c of this.byKey.get(k)?.calls ?? []) visit(behaviourKey(c.namespace, c.service), depth + 1);
      post.push(k);
    };
    for (const k of [...this.byKey.keys()].sort()) visit(k, 0);
    this.order.push(...post.reverse());
  }

  get(namespace: string, service: string): ServiceBehaviour {
    return this.byKey.get(behaviourKey(namespace, service)) ?? { namespace, service, ...DEFAULT_BEHAVIOUR };
  }
}

export { keyOf };
