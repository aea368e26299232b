import type { ProxyEndpoint, ServicePortEntry } from './service-table';

/**
 * proxy.CategorizeEndpoints: which endpoints a node's rules send traffic to.
 * Cluster policy: the ready endpoints, or — when none is ready — the serving and
 * terminating ones. Local policy: the same choice restricted to this node's endpoints.
 */
export interface Categorized {
  readonly cluster: readonly ProxyEndpoint[];
  readonly local: readonly ProxyEndpoint[];
  /** The service has usable endpoints somewhere (else its ClusterIP REJECTs). */
  readonly hasEndpoints: boolean;
}

function usable(endpoints: readonly ProxyEndpoint[]): readonly ProxyEndpoint[] {
  const ready = endpoints.filter((e) => e.ready);
  return ready.length > 0 ? ready : endpoints.filter((e) => e.serving && e.terminating);
}

interface Memo {
  readonly cluster: readonly ProxyEndpoint[];
  readonly local: Map<string, readonly ProxyEndpoint[]>;
}

/** Entries are immutable (rebuilt on every sync), so their categorization is kept beside them. */
const memo = new WeakMap<ServicePortEntry, Memo>();

export function categorize(entry: ServicePortEntry, nodeName: string): Categorized {
  let m = memo.get(entry);
  if (!m) memo.set(entry, (m = { cluster: usable(entry.endpoints), local: new Map() }));
  const needsLocal = entry.internalLocal || entry.externalLocal;
  let local: readonly ProxyEndpoint[] = [];
  if (needsLocal) {
    const cached = m.local.get(nodeName);
    local = cached ?? usable(entry.endpoints.filter((e) => e.nodeName === nodeName));
    if (!cached) m.local.set(nodeName, local);
  }
  return { cluster: m.cluster, local, hasEndpoints: m.cluster.length > 0 };
}

export type RouteFailure = 'no-endpoints' | 'no-local-endpoints';

/** Where a connection to the ClusterIP (internal) or a NodePort (external) may go from `nodeName`. */
export type RouteChoice =
  | { readonly ok: true; readonly endpoints: readonly ProxyEndpoint[]; readonly chain: string }
  | { readonly ok: false; readonly reason: RouteFailure };

export function routeChoices(entry: ServicePortEntry, nodeName: string, external = false): RouteChoice {
  const c = categorize(entry, nodeName);
  if (!c.hasEndpoints) return { ok: false, reason: 'no-endpoints' };
  const local = external ? entry.externalLocal : entry.internalLocal;
  if (!local) return { ok: true, endpoints: c.cluster, chain: entry.svcChain };
  if (c.local.length === 0) return { ok: false, reason: 'no-local-endpoints' };
  return { ok: true, endpoints: c.local, chain: entry.svcChain.replace('KUBE-SVC-', 'KUBE-SVL-') };
}

/**
 * iptables' statistic match: rule i of n matches with probability 1/(n−i), printed with ten
 * decimals; the last rule is unconditional. Overall each endpoint gets 1/n.
 */
export function ruleProbability(i: number, n: number): string | undefined {
  return i < n - 1 ? (1 / (n - i)).toFixed(10) : undefined;
}
