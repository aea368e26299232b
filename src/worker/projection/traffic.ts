import type { Pod } from '../../engine/api/types';
import type { Cluster } from '../../engine/cluster/cluster';
import { isOtelAgentPod, type TrafficCounters } from '../../engine/traffic';
import type { TrafficRecord, TrafficTotalsRecord } from '../../protocol/records';
import { AGENT_LABEL, aggregateTraffic, type Place, type TrafficResolver } from './traffic-aggregate';
import { backendLabel, trafficTotals, windowDelta, type CounterDelta } from './traffic-counters';

/**
 * The traffic collections, from the cluster's TrafficStack: on each frame that saw a new flow
 * bucket, the last WINDOW_BUCKETS buckets are folded onto canvas edges (see traffic-aggregate)
 * and their tallies turned into rates. Read-only: it never changes the engine.
 */

/** Buckets a rate is taken over (Poisson arrivals are noisy bucket to bucket). */
const WINDOW_BUCKETS = 3;

export interface TrafficFrame {
  traffic: TrafficRecord[];
  totals: TrafficTotalsRecord;
}

/** The workload a pod belongs to, by name: `cxtm-web` for `cxtm-web-57f94cc75b-7d429`. */
export function workloadName(pod: Pod): string {
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller) ?? pod.metadata.ownerReferences?.[0];
  if (!owner) return pod.metadata.name;
  const hash = pod.metadata.labels?.['pod-template-hash'];
  if (owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`)) return owner.name.slice(0, -hash.length - 1);
  return owner.name;
}

export class TrafficProjection {
  private lastSeq = -1;
  /** The backend's name once spans were exported to it (it stays on the canvas). */
  private backend = '';

  constructor(private readonly cluster: Cluster) {}

  /** New records when a bucket closed since the last call; undefined otherwise. */
  frame(): TrafficFrame | undefined {
    const traffic = this.cluster.traffic;
    const buckets = traffic.recentBuckets(WINDOW_BUCKETS);
    const last = buckets[buckets.length - 1];
    if (!last || last.seq === this.lastSeq) return undefined;
    this.lastSeq = last.seq;
    const counters: Readonly<TrafficCounters> = traffic.counters;
    const delta = windowDelta(buckets);
    const resolver = this.resolver(delta, (name) => (this.backend = name));
    const records = aggregateTraffic(buckets, resolver);
    return { traffic: records, totals: trafficTotals(counters, delta, this.backend, traffic.backendReachable) };
  }

  private resolver(delta: CounterDelta, sawBackend: (name: string) => void): TrafficResolver {
    const net = this.cluster.network;
    const pods = (id: string): Pod | undefined => {
      const [, ns, name] = id.split('/');
      return ns && name ? net.pods.get(ns, name) : undefined;
    };
    let agentNodes: Set<string> | undefined;
    return {
      place: (id): Place | undefined => {
        if (id.startsWith('user/')) return { endpoint: 'users', label: id.slice(5) };
        if (id.startsWith('backend/')) {
          const label = backendLabel(id);
          sawBackend(label);
          return { endpoint: 'backend', label };
        }
        // `ip/<podIP>`: an endpoint whose pod could not answer (its node is down) — still that node.
        const pod = id.startsWith('pod/') ? pods(id) : id.startsWith('ip/') ? net.pods.byIP(id.slice(3)) : undefined;
        const node = pod?.spec.nodeName;
        return pod && node ? { endpoint: `node/${node}`, label: isOtelAgentPod(pod) ? AGENT_LABEL : workloadName(pod) } : undefined;
      },
      denial: (caller, service, dest) => {
        const src = pods(caller);
        const dst = pods(dest);
        const [, ns, name] = service.split('/');
        const port = ns && name ? net.proxy.service(ns, name)?.ports[0]?.endpoints.find((e) => e.pod?.name === dst?.metadata.name)?.port : undefined;
        if (!src || !dst || port === undefined) return undefined;
        const d = net.decide(src, dst, { port });
        return d.allowed ? undefined : `denied by ${d.policies.join(', ') || 'NetworkPolicy'}`;
      },
      spanDropReason: (node) => {
        agentNodes ??= new Set(net.pods.withRole('otel-agent').map((p) => p.spec.nodeName ?? ''));
        return agentNodes.has(node) ? 'agent down' : 'no agent on the node';
      },
      requestFailureReason: () => delta.requestReason,
      exportFailureReason: () => (this.cluster.traffic.backendReachable ? delta.exportReason : 'backend unreachable'),
    };
  }
}
