import type { ApiServer } from '../api/apiserver';
import type { Namespace, NetworkPolicy } from '../api/types';
import { Component } from '../client/component';
import type { SimEnv } from '../sim/env';
import { evaluate, type NamespaceLabels, type Peer, type PolicyDecision, type PortSpec } from './network-policy';

function usesIpBlock(p: NetworkPolicy): boolean {
  const peers = [...(p.spec.ingress ?? []).flatMap((r) => r.from ?? []), ...(p.spec.egress ?? []).flatMap((r) => r.to ?? [])];
  return peers.some((peer) => peer.ipBlock !== undefined);
}

/**
 * The node agents that enforce NetworkPolicy (kube-router's policy controller embedded in
 * k3s; Calico or Cilium elsewhere): they watch NetworkPolicies and Namespaces and decide
 * each new connection. Pod facts (labels, IPs) come with the connection.
 */
export class NetworkPolicyAgent extends Component {
  private readonly byNamespace = new Map<string, Map<string, NetworkPolicy>>();
  private readonly namespaceLabels = new Map<string, Readonly<Record<string, string>>>();
  private ipBlockPolicies = 0;
  /** Bumped on every change, so that callers can cache decisions. */
  version = 0;

  constructor(env: SimEnv, api: ApiServer, id = 'network-policy-agent') {
    super(env, api, id);
  }

  protected onStart(): void {
    this.informer<NetworkPolicy>('networkpolicies').on({
      add: (p) => this.put(p),
      update: (_o, p) => this.put(p),
      delete: (p) => this.remove(p),
    });
    this.informer<Namespace>('namespaces').on({
      add: (n) => this.setNamespace(n),
      update: (_o, n) => this.setNamespace(n),
      delete: (n) => {
        this.namespaceLabels.delete(n.metadata.name);
        this.version++;
      },
    });
  }

  private put(p: NetworkPolicy): void {
    const ns = p.metadata.namespace ?? 'default';
    let m = this.byNamespace.get(ns);
    if (!m) this.byNamespace.set(ns, (m = new Map()));
    this.remove(p);
    m.set(p.metadata.name, p);
    if (usesIpBlock(p)) this.ipBlockPolicies++;
    this.version++;
  }

  private remove(p: NetworkPolicy): void {
    const ns = p.metadata.namespace ?? 'default';
    const old = this.byNamespace.get(ns)?.get(p.metadata.name);
    if (old && usesIpBlock(old)) this.ipBlockPolicies--;
    this.byNamespace.get(ns)?.delete(p.metadata.name);
    this.version++;
  }

  /** Some policy matches peers by address: decisions may then differ between pods with equal labels. */
  get hasIpBlocks(): boolean {
    return this.ipBlockPolicies > 0;
  }

  /** Whether any policy lives in `namespace` (none: its pods are not isolated at all). */
  hasPoliciesIn(namespace: string): boolean {
    return (this.byNamespace.get(namespace)?.size ?? 0) > 0;
  }

  private setNamespace(n: Namespace): void {
    this.namespaceLabels.set(n.metadata.name, n.metadata.labels ?? {});
    this.version++;
  }

  /** Policies living in `namespace`, sorted by name. */
  policiesIn(namespace: string): NetworkPolicy[] {
    return [...(this.byNamespace.get(namespace)?.values() ?? [])].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  }

  get namespaces(): NamespaceLabels {
    return this.namespaceLabels;
  }

  /** Whether any policy exists at all (the fast path: nothing is isolated). */
  get empty(): boolean {
    for (const m of this.byNamespace.values()) if (m.size > 0) return false;
    return true;
  }

  decide(src: Peer, dst: Peer, port: PortSpec): PolicyDecision {
    const nss = new Set<string>();
    if (src.kind === 'pod') nss.add(src.namespace);
    if (dst.kind === 'pod') nss.add(dst.namespace);
    const policies = [...nss].sort().flatMap((ns) => this.policiesIn(ns));
    return evaluate(src, dst, port, policies, this.namespaceLabels);
  }
}
