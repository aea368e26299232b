import type { LabelSelector, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort } from '../api/types';
import { selectorMatches } from '../util/labels';
import { cidrContains, parseCidr } from './cidr';

/**
 * NetworkPolicy semantics (networking.k8s.io/v1) as a pure function. A pod selected by any
 * policy with a given policy type is isolated for that direction; an isolated pod accepts
 * (or sends) only what some selecting policy's rules allow. Policies are additive: no rule
 * ever denies. A connection needs the source's egress AND the destination's ingress.
 */

/** One side of a connection: a pod, or an address outside the pod network. */
export type Peer =
  | {
      readonly kind: 'pod';
      readonly namespace: string;
      readonly name: string;
      readonly labels: Readonly<Record<string, string>>;
      readonly ip?: string;
      /** The pod's container ports, to resolve named ports in policy rules. */
      readonly ports?: readonly { readonly name?: string; readonly containerPort: number; readonly protocol?: string }[];
    }
  | { readonly kind: 'external'; readonly ip: string };

export interface PortSpec {
  readonly port: number;
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP';
}

export type Direction = 'ingress' | 'egress';

export interface PolicyDecision {
  readonly allowed: boolean;
  /** Human-readable why, naming the pods and the policies involved. */
  readonly reason: string;
  /** The direction that denied (when denied). */
  readonly direction?: Direction;
  /** `ns/name` of the policies that allowed it (allowed) or that isolate the pod (denied). */
  readonly policies: readonly string[];
}

export type NamespaceLabels = ReadonlyMap<string, Readonly<Record<string, string>>>;

function policyName(p: NetworkPolicy): string {
  return `${p.metadata.namespace ?? 'default'}/${p.metadata.name}`;
}

function peerName(p: Peer): string {
  return p.kind === 'pod' ? `${p.namespace}/${p.name}` : p.ip;
}

/** spec.policyTypes, defaulted as the API server does: Ingress, plus Egress when egress rules exist. */
export function policyTypes(p: NetworkPolicy): Direction[] {
  const explicit = p.spec.policyTypes;
  if (explicit && explicit.length > 0) return explicit.map((t) => (t === 'Egress' ? 'egress' : 'ingress'));
  return (p.spec.egress?.length ?? 0) > 0 ? ['ingress', 'egress'] : ['ingress'];
}

function selects(p: NetworkPolicy, pod: Peer): boolean {
  return pod.kind === 'pod' && (p.metadata.namespace ?? 'default') === pod.namespace && selectorMatches(p.spec.podSelector ?? {}, pod.labels);
}

function ipBlockMatches(block: NonNullable<NetworkPolicyPeer['ipBlock']>, ip: string | undefined): boolean {
  if (!ip) return false;
  const cidr = parseCidr(block.cidr);
  if (!cidr || !cidrContains(cidr, ip)) return false;
  for (const ex of block.except ?? []) {
    const e = parseCidr(ex);
    if (e && cidrContains(e, ip)) return false;
  }
  return true;
}

function nsMatches(sel: LabelSelector, ns: string, namespaces: NamespaceLabels): boolean {
  // Namespaces always carry kubernetes.io/metadata.name; fall back to it if unknown.
  const labels = namespaces.get(ns) ?? { 'kubernetes.io/metadata.name': ns };
  return selectorMatches(sel, labels);
}

/** Does `other` match one `from`/`to` entry of a policy living in `policyNs`? */
export function peerMatches(peer: NetworkPolicyPeer, other: Peer, policyNs: string, namespaces: NamespaceLabels): boolean {
  if (peer.ipBlock) return ipBlockMatches(peer.ipBlock, other.ip);
  if (other.kind !== 'pod') return false;
  if (peer.namespaceSelector) {
    if (!nsMatches(peer.namespaceSelector, other.namespace, namespaces)) return false;
  } else if (other.namespace !== policyNs) return false;
  return peer.podSelector ? selectorMatches(peer.podSelector, other.labels) : true;
}

/** Does a rule's port entry admit this port on the destination? Named ports resolve on `dst`. */
export function portMatches(rule: NetworkPolicyPort, port: PortSpec, dst: Peer): boolean {
  if ((rule.protocol ?? 'TCP') !== (port.protocol ?? 'TCP')) return false;
  if (rule.port === undefined) return true;
  if (typeof rule.port === 'number' || /^\d+$/.test(rule.port)) {
    const lo = Number(rule.port);
    const hi = rule.endPort ?? lo;
    return port.port >= lo && port.port <= hi;
  }
  if (dst.kind !== 'pod') return false;
  return (dst.ports ?? []).some((p) => p.name === rule.port && p.containerPort === port.port && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'));
}

interface RuleShape {
  readonly peers: readonly NetworkPolicyPeer[] | undefined;
  readonly ports: readonly NetworkPolicyPort[] | undefined;
}

function rulesOf(p: NetworkPolicy, dir: Direction): RuleShape[] {
  return dir === 'ingress'
    ? (p.spec.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports }))
    : (p.spec.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }));
}

function ruleAllows(rule: RuleShape, other: Peer, port: PortSpec, dst: Peer, policyNs: string, namespaces: NamespaceLabels): boolean {
  const peerOk = !rule.peers || rule.peers.length === 0 || rule.peers.some((pe) => peerMatches(pe, other, policyNs, namespaces));
  const portOk = !rule.ports || rule.ports.length === 0 || rule.ports.some((pr) => portMatches(pr, port, dst));
  return peerOk && portOk;
}

/** One direction: `subject` is the destination (ingress) or the source (egress). */
function checkDirection(dir: Direction, subject: Peer, other: Peer, port: PortSpec, dst: Peer, policies: readonly NetworkPolicy[], namespaces: NamespaceLabels): PolicyDecision {
  const isolating = policies.filter((p) => selects(p, subject) && policyTypes(p).includes(dir));
  if (isolating.length === 0) {
    return { allowed: true, reason: `no NetworkPolicy selects ${peerName(subject)} for ${dir}`, policies: [] };
  }
  const allowing = isolating.filter((p) => rulesOf(p, dir).some((r) => ruleAllows(r, other, port, dst, p.metadata.namespace ?? 'default', namespaces)));
  const names = (allowing.length > 0 ? allowing : isolating).map(policyName).sort();
  if (allowing.length > 0) return { allowed: true, reason: `${dir} allowed by ${names.join(', ')}`, policies: names };
  const proto = port.protocol ?? 'TCP';
  const what = dir === 'ingress' ? `from ${peerName(other)}` : `to ${peerName(other)}`;
  return {
    allowed: false,
    direction: dir,
    reason: `${peerName(subject)} is isolated for ${dir} by ${names.join(', ')} and no rule allows ${what} on ${proto}/${port.port}`,
    policies: names,
  };
}

/**
 * Would a new connection from `src` to `dst` on `port` be allowed? Egress of a source pod is
 * checked first, then ingress of a destination pod; external addresses have no policies.
 */
export function evaluate(src: Peer, dst: Peer, port: PortSpec, policies: readonly NetworkPolicy[], namespaces: NamespaceLabels): PolicyDecision {
  const egress = src.kind === 'pod' ? checkDirection('egress', src, dst, port, dst, policies, namespaces) : undefined;
  if (egress && !egress.allowed) return egress;
  const ingress = dst.kind === 'pod' ? checkDirection('ingress', dst, src, port, dst, policies, namespaces) : undefined;
  if (ingress && !ingress.allowed) return ingress;
  const used = [...(egress?.policies ?? []), ...(ingress?.policies ?? [])];
  const reason = [egress?.reason, ingress?.reason].filter((r): r is string => r !== undefined).join('; ');
  return { allowed: true, reason: reason || 'no NetworkPolicy applies', policies: [...new Set(used)].sort() };
}
