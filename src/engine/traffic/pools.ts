import type { Pod } from '../api/types';
import type { Peer } from '../network/network-policy';
import type { NetworkPolicyAgent } from '../network/policy-agent';
import type { ServicePortEntry } from '../network/service-table';
import type { Rng } from '../sim/rng';
import type { FlowEdge } from './flows';

/**
 * Sources whose connections to a Service are routed and judged alike (same node rules when
 * the Service is node-local, same NetworkPolicy identity) are pooled: their calls are split
 * over the endpoints once, and the pool's failures are shared back among them in proportion
 * to what each sent. This keeps a hop O(sources + endpoints) instead of O(sources × endpoints).
 */

/** Attempts and failures of one entry, or of one pod's calls to one Service, in this bucket. */
export interface CallStat {
  attempted: number;
  failed: number;
}

export interface Source {
  readonly id: string;
  readonly peer: Pod | Peer;
  /** The node whose rules the connection enters (undefined: outside traffic, Cluster policy). */
  readonly node?: string;
}

export interface PoolMember {
  readonly src: Source;
  readonly count: number;
  readonly stat: CallStat;
  /** Edges crossed before this one (user → ingress controller), charged alike. */
  readonly upstream: readonly FlowEdge[];
  /** src → Service. */
  readonly svcEdge: FlowEdge;
}

export interface Pool {
  readonly key: string;
  readonly sp: ServicePortEntry;
  readonly members: PoolMember[];
  total: number;
  /** Failures so far (at the hop, then downstream), shared out when the pool settles. */
  failed: number;
}

function labelKey(labels: Readonly<Record<string, string>> | undefined): string {
  return Object.keys(labels ?? {}).sort().map((k) => `${k}=${labels![k]}`).join(',');
}

/** Which pool a source's calls to `sp` join. */
export function poolKey(src: Source, sp: ServicePortEntry, policy: NetworkPolicyAgent): string {
  const node = sp.internalLocal ? (src.node ?? '') : '';
  const p = src.peer;
  const srcNs = 'metadata' in p ? (p.metadata.namespace ?? 'default') : '';
  if (!policy.hasPoliciesIn(sp.namespace) && (srcNs === '' || !policy.hasPoliciesIn(srcNs))) return `${node}|`;
  const ip = 'metadata' in p ? (p.status?.podIP ?? '') : p.ip;
  const who = 'metadata' in p ? `${srcNs}|${labelKey(p.metadata.labels)}` : 'external';
  return `${node}|${who}${policy.hasIpBlocks ? `|${ip}` : ''}`;
}

/**
 * Shares `failed` of the pool's connections among its members, in proportion to what each
 * sent (sequential conditional binomials, clamped so that every share fits), and settles
 * every member's edges and stats.
 */
export function settlePool(pool: Pool, rng: Rng, draw: (n: number, p: number, rng: Rng) => number): void {
  let left = Math.min(pool.failed, pool.total);
  let capacity = pool.total;
  pool.members.forEach((m, i) => {
    const rest = capacity - m.count;
    let share = i === pool.members.length - 1 ? left : draw(left, capacity > 0 ? m.count / capacity : 0, rng);
    share = Math.min(m.count, left, Math.max(share, left - rest));
    left -= share;
    capacity = rest;
    for (const e of [...m.upstream, m.svcEdge]) {
      e.ok += m.count - share;
      e.failed += share;
    }
    m.stat.failed += share;
  });
}
