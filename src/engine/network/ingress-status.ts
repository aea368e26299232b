import type { Ingress, Node, Pod } from '../api/types';
import { isPodReady, isPodRunning } from './pods';

/**
 * What ingress-nginx's status syncer writes into `status.loadBalancer.ingress` (the ADDRESS
 * column of `kubectl get ingress`) when it runs without `--publish-service` or
 * `--publish-status-address`, as the k3s add-on here does: the address of every node that
 * runs a Running and Ready controller pod, each once, sorted. A node's address is its
 * ExternalIP when it has one, else its InternalIP (GetNodeIPOrName without
 * `--report-node-internal-ip-address`).
 */

/** ingress-nginx's `updateInterval`: the elected leader re-syncs every Ingress's status this often. */
export const INGRESS_STATUS_SYNC_MS = 60_000;

/** The nodes whose controller pods can serve traffic: Running and Ready, each node once, in name order. */
export function servingNodes(controllerPods: readonly Pod[]): string[] {
  const nodes = new Set<string>();
  for (const p of controllerPods) {
    const node = p.spec?.nodeName;
    if (node && isPodRunning(p) && isPodReady(p)) nodes.add(node);
  }
  return [...nodes].sort();
}

/** The address ingress-nginx reports for a node: ExternalIP first, else InternalIP, else none. */
export function nodeStatusAddress(node: Node): string | undefined {
  const addrs = node.status?.addresses ?? [];
  return addrs.find((a) => a.type === 'ExternalIP' && a.address)?.address ?? addrs.find((a) => a.type === 'InternalIP' && a.address)?.address;
}

/** The load-balancer entries to publish: unique, sorted as ingress-nginx sorts them (by IP text). */
export function statusAddresses(addresses: readonly (string | undefined)[]): { ip: string }[] {
  return [...new Set(addresses.filter((a): a is string => !!a))].sort().map((ip) => ({ ip }));
}

/** Whether `ing` already shows exactly these addresses (then the syncer writes nothing). */
export function hasStatusAddresses(ing: Ingress, want: readonly { ip: string }[]): boolean {
  const have = ing.status?.loadBalancer?.ingress ?? [];
  return have.length === want.length && have.every((h, i) => h.ip === want[i]!.ip && !h.hostname);
}
