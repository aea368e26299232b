import type { Pod } from '../api/types';
import { categorize } from '../network/categorize';
import { ConnectFailure, dnsReachable, endpointUsable } from '../network/connect';
import { binomial, poisson, splitUniform, stochasticRound } from '../network/sampling';
import type { ProxyEndpoint, ServicePortEntry } from '../network/service-table';
import type { Rng } from '../sim/rng';
import { behaviourKey, type TrafficConfig, type TrafficEntry } from './config';
import { RequestFailure, type TrafficCounters } from './counters';
import { podId, svcId, type EdgeAccumulator, type FlowEdge } from './flows';
import { poolKey, settlePool, type CallStat, type Pool, type Source } from './pools';
import { Behaviours, ingressControllerPods, keyOf, servicePort, type TrafficWorld } from './world';

export type { CallStat, Source } from './pools';

/**
 * One bucket of requests, simulated in aggregate. Phase A walks the call graph callers
 * first: entries' arrivals are split over ingress controllers, each pool of callers' requests
 * over a Service's endpoints (as the callers' node rules split them), and each pod's requests
 * become calls to the Services it uses. Phase B walks it callees first: a pod's failure
 * fraction (its own errors plus its failed calls) decides how many of the requests delivered
 * to it fail; those are charged to the edges they crossed and shared back to the callers.
 */

interface Delivery {
  readonly count: number;
  readonly edge: FlowEdge;
  readonly pool: Pool;
}

interface PodLoad {
  readonly pod: Pod;
  readonly id: string;
  served: number;
  readonly deliveries: Delivery[];
  readonly calls: CallStat[];
}

export interface BucketResult {
  /** Requests each pod served this bucket, as which Service's behaviour, and the calls it made. */
  readonly loads: readonly { readonly pod: Pod; readonly behaviour: string; readonly served: number; readonly calls: number }[];
  readonly entries: readonly { readonly entry: TrafficEntry; readonly stat: CallStat }[];
}

interface Usable {
  readonly pod?: Pod;
  readonly reason?: RequestFailure;
  readonly policies?: readonly string[];
}

/** The outside client, as NetworkPolicy ipBlocks see it (TEST-NET-2, never a real address). */
export const EXTERNAL_CLIENT_IP = '198.51.100.23';

const CALL_BYTES = 1500;

export class BucketSim {
  private readonly loads = new Map<string, Map<string, PodLoad>>();
  private readonly pools = new Map<string, Pool[]>();
  private readonly dnsOk = new Map<string, boolean>();
  private readonly usable = new Map<string, Usable>();

  constructor(
    private readonly w: TrafficWorld,
    private readonly config: TrafficConfig,
    private readonly behaviours: Behaviours,
    private readonly rng: Rng,
    private readonly acc: EdgeAccumulator,
    private readonly counters: TrafficCounters,
  ) {}

  run(): BucketResult {
    const bucketS = this.config.bucketMs / 1000;
    const entries = this.config.entries.map((entry) => {
      const stat: CallStat = { attempted: 0, failed: 0 };
      this.enter(entry, poisson(entry.ratePerSecond * bucketS, this.rng), stat);
      return { entry, stat };
    });
    for (const b of this.order()) this.serve(b);
    for (const b of this.order().reverse()) this.resolve(b);
    for (const { stat } of entries) {
      this.counters.requests.total += stat.attempted;
      this.counters.requests.failed += stat.failed;
      this.counters.requests.ok += stat.attempted - stat.failed;
    }
    const loads = [...this.loads].flatMap(([behaviour, m]) => [...m.values()].map((l) => ({ pod: l.pod, behaviour, served: l.served, calls: l.calls.reduce((n, c) => n + c.attempted, 0) })));
    return { loads, entries };
  }

  /** Configured order (callers first), then Services reached without a behaviour (leaves). */
  private order(): string[] {
    const known = new Set(this.behaviours.order);
    const extra = new Set([...this.loads.keys(), ...this.pools.keys()].filter((k) => !known.has(k)));
    return [...this.behaviours.order, ...[...extra].sort()];
  }

  /** A hop failed outright (no pool): charge the edges and the caller now. */
  private fail(edges: readonly FlowEdge[], stat: CallStat, count: number, why: RequestFailure): void {
    if (count <= 0) return;
    for (const e of edges) e.failed += count;
    stat.failed += count;
    this.counters.failures[why] += count;
  }

  private countFailure(why: RequestFailure, count: number, policies?: readonly string[]): void {
    this.counters.failures[why] += count;
    if (why === RequestFailure.Denied) {
      const key = (policies ?? []).join(',') || 'isolated';
      this.counters.denials[key] = (this.counters.denials[key] ?? 0) + count;
    }
  }

  private enter(entry: TrafficEntry, n: number, stat: CallStat): void {
    stat.attempted += n;
    if (n === 0) return;
    const user = `user/${entry.name}`;
    const t = entry.target;
    if (t.kind === 'Service') {
      const sp = servicePort(this.w, t.namespace, t.name, t.port);
      if (!sp) return this.fail([this.acc.edge('request', user, svcId(t.namespace, t.name))], stat, n, RequestFailure.NoEndpoints);
      const src: Source = { id: user, peer: { kind: 'external', ip: EXTERNAL_CLIENT_IP } };
      return this.deliver(sp, [{ src, count: n, stat, upstream: [] }], entry.bytesPerRequest);
    }
    const kind = t.ingressClassName ? this.w.ingress.kindForClass(t.ingressClassName) : this.w.ingress.controllersFor(t.host)[0];
    const ctrls = kind ? ingressControllerPods(this.w, kind) : [];
    if (!kind || ctrls.length === 0) return this.fail([this.acc.edge('request', user, `ingress/${t.host}`)], stat, n, RequestFailure.NoIngressController);
    const match = this.w.ingress.route(kind, t.host, t.path);
    const b = match?.backend;
    const sp = !b ? undefined : b.port.number !== undefined ? servicePort(this.w, b.namespace, b.service, b.port.number) : this.w.proxy.service(b.namespace, b.service)?.ports.find((p) => p.portName === b.port.name);
    const members: { src: Source; count: number; stat: CallStat; upstream: FlowEdge[] }[] = [];
    splitUniform(n, ctrls.length, this.rng).forEach((k, i) => {
      if (k === 0) return;
      const ctrl = ctrls[i]!;
      const id = podId(ctrl.metadata.namespace ?? 'default', ctrl.metadata.name);
      const edge = this.acc.edge('request', user, id);
      edge.bytes += k * entry.bytesPerRequest;
      if (!match) return this.fail([edge], stat, k, RequestFailure.NoRoute);
      if (!sp) return this.fail([edge], stat, k, RequestFailure.NoEndpoints);
      members.push({ src: { id, peer: ctrl, node: ctrl.spec.nodeName }, count: k, stat, upstream: [edge] });
    });
    if (sp && members.length > 0) this.deliver(sp, members, entry.bytesPerRequest);
  }

  /** New connections from several callers to one service port, pooled as their routing allows. */
  private deliver(sp: ServicePortEntry, members: readonly { src: Source; count: number; stat: CallStat; upstream: readonly FlowEdge[] }[], bytes: number): void {
    const byKey = new Map<string, Pool>();
    for (const m of members) {
      const svcEdge = this.acc.edge('request', m.src.id, svcId(sp.namespace, sp.service));
      svcEdge.bytes += m.count * bytes;
      const key = poolKey(m.src, sp, this.w.policy);
      let pool = byKey.get(key);
      if (!pool) byKey.set(key, (pool = { key, sp, members: [], total: 0, failed: 0 }));
      pool.members.push({ ...m, svcEdge });
      pool.total += m.count;
    }
    const behaviour = behaviourKey(sp.namespace, sp.service);
    let list = this.pools.get(behaviour);
    if (!list) this.pools.set(behaviour, (list = []));
    for (const pool of byKey.values()) {
      list.push(pool);
      this.spread(pool, behaviour, bytes);
    }
  }

  /** Splits a pool's connections over the endpoints its first member's node rules list. */
  private spread(pool: Pool, behaviour: string, bytes: number): void {
    const rep = pool.members[0]!.src;
    const sp = pool.sp;
    const route = rep.node !== undefined ? this.w.proxy.route(rep.node, sp) : ({ ok: true, endpoints: categorize(sp, '').cluster } as const);
    if (!route.ok || route.endpoints.length === 0) {
      const why = !route.ok && route.reason !== 'no-endpoints' ? RequestFailure.Timeout : RequestFailure.NoEndpoints;
      this.countFailure(why, pool.total);
      pool.failed += pool.total;
      return;
    }
    const svc = svcId(sp.namespace, sp.service);
    splitUniform(pool.total, route.endpoints.length, this.rng).forEach((c, i) => {
      if (c === 0) return;
      const ep = route.endpoints[i]!;
      const use = this.usableFor(pool, rep, ep);
      const edge = this.acc.edge('request', svc, use.pod ? this.load(use.pod, behaviour).id : `ip/${ep.ip}`);
      edge.bytes += c * bytes;
      if (use.reason) {
        edge.failed += c;
        pool.failed += c;
        this.countFailure(use.reason, c, use.policies);
        return;
      }
      const load = this.load(use.pod!, behaviour);
      load.served += c;
      load.deliveries.push({ count: c, edge, pool });
    });
  }

  /** Whether an endpoint answers this pool (cached per bucket: pods, nodes and policies stand still). */
  private usableFor(pool: Pool, rep: Source, ep: ProxyEndpoint): Usable {
    const key = `${pool.key}>${ep.address}`;
    let u = this.usable.get(key);
    if (u) return u;
    const r = endpointUsable(this.w, rep.peer, ep, pool.sp.protocol);
    const reason = !r.reason ? undefined : r.reason === ConnectFailure.Denied ? RequestFailure.Denied : r.reason === ConnectFailure.Refused ? RequestFailure.Refused : RequestFailure.Timeout;
    u = { ...(r.pod ? { pod: r.pod } : {}), ...(reason ? { reason } : {}), ...(r.policy ? { policies: r.policy.policies } : {}) };
    this.usable.set(key, u);
    return u;
  }

  private load(pod: Pod, behaviour: string): PodLoad {
    let m = this.loads.get(behaviour);
    if (!m) this.loads.set(behaviour, (m = new Map()));
    const key = keyOf(pod);
    let l = m.get(key);
    if (!l) {
      const calls = this.behaviourOf(behaviour).calls.map(() => ({ attempted: 0, failed: 0 }));
      m.set(key, (l = { pod, id: podId(pod.metadata.namespace ?? 'default', pod.metadata.name), served: 0, deliveries: [], calls }));
    }
    return l;
  }

  private behaviourOf(key: string): ReturnType<Behaviours['get']> {
    const slash = key.indexOf('/');
    return this.behaviours.get(key.slice(0, slash), key.slice(slash + 1));
  }

  private dnsFor(pod: Pod): boolean {
    const key = keyOf(pod);
    let ok = this.dnsOk.get(key);
    if (ok === undefined) this.dnsOk.set(key, (ok = dnsReachable(this.w, pod).ok));
    return ok;
  }

  /** Phase A for one behaviour: the pods that received requests make their calls. */
  private serve(behaviour: string): void {
    const m = this.loads.get(behaviour);
    if (!m) return;
    const b = this.behaviourOf(behaviour);
    const pods = [...m.keys()].sort().map((k) => m.get(k)!);
    b.calls.forEach((call, i) => {
      const sp = servicePort(this.w, call.namespace, call.service, call.port);
      const members: { src: Source; count: number; stat: CallStat; upstream: readonly FlowEdge[] }[] = [];
      for (const l of pods) {
        const count = call.perRequest === 1 ? l.served : stochasticRound(l.served * call.perRequest, this.rng);
        if (count === 0) continue;
        const stat = l.calls[i]!;
        stat.attempted += count;
        // Callers find Services by name: no reachable CoreDNS, or no such Service, fails the lookup.
        if (!sp || !this.dnsFor(l.pod)) {
          this.fail([this.acc.edge('request', l.id, svcId(call.namespace, call.service))], stat, count, RequestFailure.Dns);
          continue;
        }
        members.push({ src: { id: l.id, peer: l.pod, node: l.pod.spec.nodeName }, count, stat, upstream: [] });
      }
      if (sp && members.length > 0) this.deliver(sp, members, CALL_BYTES);
    });
    for (const l of pods) this.counters.failures[RequestFailure.Error] += binomial(l.served, b.errorRate, this.rng);
  }

  /** Phase B for one behaviour: its pods' failure fractions settle what was delivered to them. */
  private resolve(behaviour: string): void {
    const b = this.behaviourOf(behaviour);
    const m = this.loads.get(behaviour);
    for (const key of m ? [...m.keys()].sort() : []) {
      const l = m!.get(key)!;
      let pass = 1 - b.errorRate;
      b.calls.forEach((call, i) => {
        const s = l.calls[i]!;
        const ff = s.attempted > 0 ? s.failed / s.attempted : 0;
        // A request makes floor(k) calls plus one more with probability frac(k) (stochasticRound).
        const k = Math.max(call.perRequest, 0);
        pass *= (1 - ff) ** Math.floor(k) * (1 - (k - Math.floor(k)) * ff);
      });
      const f = Math.min(1, Math.max(0, 1 - pass));
      for (const d of l.deliveries) {
        const fails = binomial(d.count, f, this.rng);
        d.edge.ok += d.count - fails;
        d.edge.failed += fails;
        d.pool.failed += fails;
      }
    }
    for (const pool of this.pools.get(behaviour) ?? []) settlePool(pool, this.rng, binomial);
  }
}
