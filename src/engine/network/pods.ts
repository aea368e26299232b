import type { ApiServer } from '../api/apiserver';
import type { Pod } from '../api/types';
import { Component } from '../client/component';
import type { SimEnv } from '../sim/env';
import type { Peer } from './network-policy';
import { namespacedKey } from '../util/keys';

/** `ns/name`, the shared interned key (hashed once, one copy for every map that holds it). */
export function podKey(namespace: string, name: string): string {
  return namespacedKey(namespace, name);
}

export function keyOf(pod: Pod): string {
  return podKey(pod.metadata.namespace ?? 'default', pod.metadata.name);
}

export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

export function isPodRunning(pod: Pod): boolean {
  return pod.status?.phase === 'Running';
}

/** The pod as a NetworkPolicy peer. */
export function podPeer(pod: Pod): Peer {
  return {
    kind: 'pod',
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name,
    labels: pod.metadata.labels ?? {},
    ...(pod.status?.podIP ? { ip: pod.status.podIP } : {}),
    ports: pod.spec.containers.flatMap((c) => c.ports ?? []),
  };
}

/**
 * Whether a pod holds a role. It may read only the pod's name, labels and spec: a change
 * that keeps those (a status write) keeps the pod's roles without asking again.
 */
export type PodRole = (pod: Pod) => boolean;

/**
 * The pod network's view of pods (what the CNI and the node agents know): by name, by IP,
 * by node, and by role (collector agents, ingress controllers…), kept by one pod informer.
 * Each role index is updated per pod change, so asking "the agents on worker-2" is cheap.
 */
export class PodDirectory extends Component {
  private readonly byKey = new Map<string, Pod>();
  private readonly byIp = new Map<string, Pod>();
  private readonly byNode = new Map<string, Map<string, Pod>>();
  private readonly byRole = new Map<string, Map<string, Pod>>();
  private readonly roleTests: readonly { readonly pods: Map<string, Pod>; readonly test: PodRole }[];
  /**
   * The role maps listing each pod (pods holding no role have no entry): a status write, which
   * keeps the pod's roles, refreshes just those instead of asking every role's map.
   */
  private readonly rolesOf = new Map<string, Map<string, Pod>[]>();
  /** Bumped on every pod change. */
  version = 0;

  constructor(env: SimEnv, api: ApiServer, private readonly roles: Readonly<Record<string, PodRole>>, id = 'pod-network') {
    super(env, api, id);
    for (const r of Object.keys(roles)) this.byRole.set(r, new Map());
    this.roleTests = Object.entries(roles).map(([role, test]) => ({ pods: this.byRole.get(role)!, test }));
  }

  protected onStart(): void {
    this.informer<Pod>('pods').on({
      add: (p, _opId, key) => this.put(key, undefined, p),
      update: (o, p, _opId, key) => this.put(key, o, p),
      delete: (p, _opId, key) => this.put(key, p, undefined),
    });
  }

  /** `key`: the informer's cache key, keyOf the pod (namespaced pods only). */
  private put(key: string, old: Pod | undefined, pod: Pod | undefined): void {
    this.version++;
    // Entries an update keeps are overwritten in place (one Map set) rather than deleted and re-added.
    const ip = pod && !pod.spec.hostNetwork ? pod.status?.podIP : undefined;
    const node = pod?.spec.nodeName;
    if (old) {
      if (!pod) this.byKey.delete(key);
      const oldIp = old.status?.podIP;
      if (oldIp && oldIp !== ip && !old.spec.hostNetwork && this.byIp.get(oldIp) === old) this.byIp.delete(oldIp);
      if (old.spec.nodeName && old.spec.nodeName !== node) this.byNode.get(old.spec.nodeName)?.delete(key);
    }
    if (old !== undefined && pod !== undefined && old.spec === pod.spec && old.metadata.labels === pod.metadata.labels) {
      const held = this.rolesOf.get(key);
      if (held) for (const m of held) m.set(key, pod);
    } else this.retestRoles(key, old, pod);
    if (!pod) return;
    this.byKey.set(key, pod);
    if (ip) this.byIp.set(ip, pod);
    if (node) {
      let m = this.byNode.get(node);
      if (!m) this.byNode.set(node, (m = new Map()));
      m.set(key, pod);
    }
  }

  /** Asks every role about a pod whose name, labels or spec may have changed (or that came or went). */
  private retestRoles(key: string, old: Pod | undefined, pod: Pod | undefined): void {
    let held: Map<string, Pod>[] | undefined;
    for (const { pods, test } of this.roleTests) {
      if (pod && test(pod)) pods.set(key, pod);
      else if (old) {
        pods.delete(key);
        continue;
      } else if (!pods.has(key)) continue;
      (held ??= []).push(pods);
    }
    if (held) this.rolesOf.set(key, held);
    else this.rolesOf.delete(key);
  }

  get(namespace: string, name: string): Pod | undefined {
    return this.byKey.get(podKey(namespace, name));
  }

  getByKey(key: string): Pod | undefined {
    return this.byKey.get(key);
  }

  /** The pod owning a pod-network IP (host-network pods share their node's IP and are not listed). */
  byIP(ip: string): Pod | undefined {
    return this.byIp.get(ip);
  }

  onNode(node: string): Pod[] {
    return [...(this.byNode.get(node)?.values() ?? [])];
  }

  /** Pods holding a role, sorted by namespace/name. */
  withRole(role: string): Pod[] {
    const m = this.byRole.get(role);
    return m ? [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, p]) => p) : [];
  }

  all(): IterableIterator<Pod> {
    return this.byKey.values();
  }
}
