import type { ApiServer } from '../api/apiserver';
import type { Pod } from '../api/types';
import { Component } from '../client/component';
import type { Informer } from '../client/informer';
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
 * The indexes hold pod keys, the pods themselves are read from the informer's cache (its own:
 * nothing runs between the cache's update and this directory's handler): a status write,
 * which keeps the pod's IP, node and roles, changes no index but the IP's last holder.
 */
export class PodDirectory extends Component {
  private pods: Informer<Pod> | undefined;
  /** pod-network IP → the key of the pod last written with it. */
  private readonly byIp = new Map<string, string>();
  private readonly byNode = new Map<string, Set<string>>();
  private readonly byRole = new Map<string, Set<string>>();
  private readonly roleTests: readonly { readonly pods: Set<string>; readonly test: PodRole }[];
  /** Bumped on every pod change. */
  version = 0;

  constructor(env: SimEnv, api: ApiServer, private readonly roles: Readonly<Record<string, PodRole>>, id = 'pod-network') {
    super(env, api, id);
    for (const r of Object.keys(roles)) this.byRole.set(r, new Set());
    this.roleTests = Object.entries(roles).map(([role, test]) => ({ pods: this.byRole.get(role)!, test }));
  }

  protected onStart(): void {
    this.pods = this.informer<Pod>('pods').on({
      add: (p, _opId, key) => this.put(key, undefined, p),
      update: (o, p, _opId, key) => this.put(key, o, p),
      delete: (p, _opId, key) => this.put(key, p, undefined),
    });
  }

  /** `key`: the informer's cache key, keyOf the pod (namespaced pods only). */
  private put(key: string, old: Pod | undefined, pod: Pod | undefined): void {
    this.version++;
    const ip = pod && !pod.spec.hostNetwork ? pod.status?.podIP : undefined;
    const node = pod?.spec.nodeName;
    const oldNode = old?.spec.nodeName;
    if (old) {
      const oldIp = old.status?.podIP;
      if (oldIp && oldIp !== ip && !old.spec.hostNetwork && this.byIp.get(oldIp) === key) this.byIp.delete(oldIp);
      if (oldNode && oldNode !== node) this.byNode.get(oldNode)?.delete(key);
    }
    if (old === undefined || pod === undefined || old.spec !== pod.spec || old.metadata.labels !== pod.metadata.labels) this.retestRoles(key, old, pod);
    if (!pod) return;
    // Set again on every write: of two pods showing one IP (a reused address), the latest written holds it.
    if (ip) this.byIp.set(ip, key);
    if (node && node !== oldNode) {
      let keys = this.byNode.get(node);
      if (!keys) this.byNode.set(node, (keys = new Set()));
      keys.add(key);
    }
  }

  /** Asks every role about a pod whose name, labels or spec may have changed (or that came or went). */
  private retestRoles(key: string, old: Pod | undefined, pod: Pod | undefined): void {
    for (const { pods, test } of this.roleTests) {
      if (pod && test(pod)) pods.add(key);
      else if (old) pods.delete(key);
    }
  }

  /** The pods under `keys`, in that order. */
  private podsOf(keys: Iterable<string>): Pod[] {
    const out: Pod[] = [];
    for (const k of keys) {
      const p = this.pods?.getByKey(k);
      if (p) out.push(p);
    }
    return out;
  }

  get(namespace: string, name: string): Pod | undefined {
    return this.pods?.getByKey(podKey(namespace, name));
  }

  getByKey(key: string): Pod | undefined {
    return this.pods?.getByKey(key);
  }

  /** The pod owning a pod-network IP (host-network pods share their node's IP and are not listed). */
  byIP(ip: string): Pod | undefined {
    const key = this.byIp.get(ip);
    return key === undefined ? undefined : this.pods?.getByKey(key);
  }

  onNode(node: string): Pod[] {
    return this.podsOf(this.byNode.get(node) ?? []);
  }

  /** Pods holding a role, sorted by namespace/name. */
  withRole(role: string): Pod[] {
    const keys = this.byRole.get(role);
    return keys ? this.podsOf([...keys].sort()) : [];
  }

  all(): IterableIterator<Pod> {
    return this.pods?.list() ?? new Map<string, Pod>().values();
  }
}
