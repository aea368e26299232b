import type { Pod } from '../api/types';
import { categorize } from '../network/categorize';
import { connectService, connectServiceFrom, dnsReachable, endpointUsable, type ConnectResult } from '../network/connect';
import { binomial, stochasticRound } from '../network/sampling';
import type { ServicePortEntry } from '../network/service-table';
import type { Rng } from '../sim/rng';
import type { ServiceBehaviour, TrafficConfig, TrafficEntry } from './config';
import { collectorForSpan } from './collector-routes';
import { exportDestination, isInstrumented, serviceNameOf } from './otel';
import { EXTERNAL_CLIENT_IP } from './requests';
import type { AgentView, SpanPipeline } from './span-flows';
import { newSpanId, newTraceId, spanResource, unixNano, type AttributeValue, type Delivery, type Span, type Trace } from './spans';
import { ingressControllerPods, servicePort, type Behaviours, type TrafficWorld } from './world';

/** How long a client waits on a connection nobody answers before giving up (ms). */
const CONNECT_TIMEOUT_MS = 1000;
const MAX_DEPTH = 16;
const MAX_CALLS_PER_HOP = 5;

export interface TraceContext {
  readonly w: TrafficWorld;
  readonly config: TrafficConfig;
  readonly behaviours: Behaviours;
  readonly rng: Rng;
  readonly agents: AgentView;
  readonly pipeline: SpanPipeline;
  readonly operatorRunning: boolean;
}

interface Hop {
  readonly endMs: number;
  readonly error: boolean;
}

/**
 * Follows single requests through the same rules the aggregate model uses (ingress route,
 * kube-proxy's random pick, NetworkPolicy, dead nodes) and records the spans instrumented
 * pods emit, for the waterfall. A pod that is not instrumented emits nothing and, with no
 * context to propagate, the spans below it belong to other traces and are not recorded.
 */
class TraceBuilder {
  readonly spans: Span[] = [];
  readonly traceId: string;
  /** Whether some instrumented pod already started this trace. */
  private rooted = false;

  constructor(private readonly ctx: TraceContext) {
    this.traceId = newTraceId(ctx.rng);
  }

  private delivery(pod: Pod): { delivery: Delivery; agent?: Pod } {
    const dest = exportDestination(pod);
    const agent = dest.kind === 'node-agent' ? this.ctx.agents.serving.get(pod.spec.nodeName ?? '') : dest.kind === 'host' ? collectorForSpan(this.ctx.w, pod, dest, this.ctx.rng) : undefined;
    if (!agent) return { delivery: 'dropped' };
    return { delivery: this.ctx.pipeline.backendReachable ? 'exported' : 'queued', agent };
  }

  private record(pod: Pod, serviceName: string, s: Omit<Span, 'traceId' | 'resource' | 'delivery' | 'startTimeUnixNano' | 'endTimeUnixNano'>): void {
    const d = this.delivery(pod);
    const cluster = d.agent ? this.ctx.pipeline.targetOf(d.agent, this.ctx.config).clusterName : undefined;
    this.spans.push({
      ...s,
      traceId: this.traceId,
      startTimeUnixNano: unixNano(s.startMs),
      endTimeUnixNano: unixNano(s.startMs + s.durationMs),
      resource: spanResource(pod, serviceName, d.agent !== undefined, cluster),
      delivery: d.delivery,
    });
  }

  /** A pod serves one request (SERVER span), making its calls in sequence (CLIENT spans). */
  serve(pod: Pod, beh: ServiceBehaviour, incoming: string | undefined, startMs: number, path: string, depth: number): Hop {
    const { rng } = this.ctx;
    // No propagated context: the first instrumented pod starts the trace; later ones start others.
    const parentId = incoming ?? (this.rooted ? undefined : '');
    const instrumented = parentId !== undefined && isInstrumented(pod, this.ctx.operatorRunning, beh.instrumented);
    if (instrumented && parentId === '') this.rooted = true;
    const serviceName = serviceNameOf(pod, beh.service);
    const spanId = newSpanId(rng);
    let t = startMs + 0.1;
    let error = rng.next() < beh.errorRate;
    for (const call of depth < MAX_DEPTH ? beh.calls : []) {
      const times = Math.min(MAX_CALLS_PER_HOP, stochasticRound(call.perRequest, rng));
      for (let j = 0; j < times; j++) {
        const hop = this.call(pod, instrumented ? spanId : undefined, instrumented, serviceName, call, t, depth);
        error = error || hop.error;
        t = hop.endMs + 0.1;
      }
    }
    const endMs = t + beh.latencyMs * (0.5 + rng.next());
    if (instrumented) {
      const attributes: Record<string, AttributeValue> = { 'http.request.method': 'GET', 'url.path': path, 'http.response.status_code': error ? 500 : 200 };
      this.record(pod, serviceName, {
        spanId, parentSpanId: parentId ?? '', name: beh.operation ?? `GET ${path}`, kind: 'SERVER', startMs, durationMs: endMs - startMs,
        status: error ? { code: 'ERROR', message: 'HTTP 500' } : { code: 'UNSET' }, attributes,
      });
    }
    return { endMs, error };
  }

  private call(pod: Pod, parentId: string | undefined, instrumented: boolean, serviceName: string, call: ServiceBehaviour['calls'][number], t: number, depth: number): Hop {
    const { w, rng } = this.ctx;
    const clientId = newSpanId(rng);
    const sp = servicePort(w, call.namespace, call.service, call.port);
    const attributes: Record<string, AttributeValue> = { 'http.request.method': 'GET', 'server.address': call.service, 'server.port': call.port, 'url.full': `http://${call.service}:${call.port}${call.path}` };
    let endMs: number;
    let failure: string | undefined;
    if (!sp || !dnsReachable(w, pod).ok) {
      endMs = t + 2;
      failure = `getaddrinfo: ${call.service}: Name or service not known`;
      attributes['error.type'] = 'dns';
    } else {
      const r = connectService(w, pod, sp, rng);
      ({ endMs, failure } = this.afterConnect(r, sp, call.path, t, depth, instrumented ? clientId : undefined, attributes));
    }
    if (instrumented && parentId !== undefined) {
      this.record(pod, serviceName, {
        spanId: clientId, parentSpanId: parentId, name: 'GET', kind: 'CLIENT', startMs: t, durationMs: endMs - t,
        status: failure ? { code: 'ERROR', message: failure } : { code: 'UNSET' }, attributes,
      });
    }
    return { endMs, error: failure !== undefined };
  }

  private afterConnect(r: ConnectResult, sp: ServicePortEntry, path: string, t: number, depth: number, clientId: string | undefined, attributes: Record<string, AttributeValue>): { endMs: number; failure?: string } {
    if (!r.ok) {
      const slow = r.reason === 'timeout' || r.reason === 'denied';
      attributes['error.type'] = slow ? 'timeout' : 'connection_refused';
      return { endMs: t + (slow ? CONNECT_TIMEOUT_MS : 1), failure: r.message };
    }
    attributes['network.peer.address'] = r.ip;
    const child = this.serve(r.pod, this.ctx.behaviours.get(sp.namespace, sp.service), clientId, t + 0.2, path, depth + 1);
    attributes['http.response.status_code'] = child.error ? 500 : 200;
    return { endMs: child.endMs + 0.2, ...(child.error ? { failure: 'HTTP 500' } : {}) };
  }
}

/** The first hop of a sampled request: which pod the entry reaches, and through what. */
function firstHop(ctx: TraceContext, entry: TrafficEntry): { r: ConnectResult; sp: ServicePortEntry } | undefined {
  const { w, rng } = ctx;
  const t = entry.target;
  if (t.kind === 'Service') {
    const sp = servicePort(w, t.namespace, t.name, t.port);
    const eps = sp ? categorize(sp, '').cluster : [];
    const ep = eps[rng.int(eps.length)];
    if (!sp || !ep) return undefined;
    const peer = { kind: 'external', ip: EXTERNAL_CLIENT_IP } as const;
    const use = endpointUsable(w, peer, ep, sp.protocol);
    return use.pod && !use.reason ? { r: { ok: true, pod: use.pod, ip: ep.ip, port: ep.port, policy: use.policy! }, sp } : undefined;
  }
  const kind = t.ingressClassName ? w.ingress.kindForClass(t.ingressClassName) : w.ingress.controllersFor(t.host)[0];
  const ctrls = kind ? ingressControllerPods(w, kind) : [];
  const ctrl = ctrls[rng.int(ctrls.length)];
  const match = kind && ctrl ? w.ingress.route(kind, t.host, t.path) : undefined;
  if (!ctrl || !match) return undefined;
  const b = match.backend;
  const sp = b.port.number !== undefined ? servicePort(w, b.namespace, b.service, b.port.number) : w.proxy.service(b.namespace, b.service)?.ports.find((p) => p.portName === b.port.name);
  return sp ? { r: connectServiceFrom(w, ctrl, ctrl.spec.nodeName ?? '', sp, rng), sp } : undefined;
}

/** One sampled request from `entry`, or undefined when no instrumented pod saw it. */
export function simulateTrace(ctx: TraceContext, entry: TrafficEntry, startMs: number): Trace | undefined {
  const hop = firstHop(ctx, entry);
  if (!hop || !hop.r.ok) return undefined;
  const b = new TraceBuilder(ctx);
  const path = entry.target.kind === 'Ingress' ? entry.target.path : '/';
  const res = b.serve(hop.r.pod, ctx.behaviours.get(hop.sp.namespace, hop.sp.service), undefined, startMs + 0.5, path, 0);
  if (b.spans.length === 0) return undefined;
  const spans = [...b.spans].sort((x, y) => x.startMs - y.startMs || (x.parentSpanId === '' ? -1 : 1));
  const root = spans[0]!;
  return {
    traceId: b.traceId,
    entry: entry.name,
    rootName: `${root.resource['service.name']}: ${root.name}`,
    startMs: root.startMs,
    durationMs: res.endMs - root.startMs,
    services: [...new Set(spans.map((s) => s.resource['service.name'] ?? ''))].sort(),
    error: res.error,
    spans,
  };
}

/** A bounded ring of sampled traces, newest last. */
export class TraceRing {
  private readonly ring: Trace[] = [];

  constructor(private capacity: number) {}

  resize(capacity: number): void {
    this.capacity = Math.max(0, capacity);
    if (this.ring.length > this.capacity) this.ring.splice(0, this.ring.length - this.capacity);
  }

  /** Samples about one in `traceSampleEvery` of each entry's `n` requests this bucket. */
  sample(ctx: TraceContext, counts: readonly { entry: TrafficEntry; n: number }[], bucketStartMs: number): void {
    const o = ctx.config.otel;
    for (const { entry, n } of counts) {
      const k = Math.min(o.maxTracesPerBucket, binomial(n, 1 / o.traceSampleEvery, ctx.rng));
      for (let i = 0; i < k; i++) {
        const t = simulateTrace(ctx, entry, bucketStartMs + ctx.rng.next() * ctx.config.bucketMs);
        if (t) this.push(t);
      }
    }
  }

  push(t: Trace): void {
    if (this.capacity === 0) return;
    this.ring.push(t);
    if (this.ring.length > this.capacity) this.ring.shift();
  }

  recent(count = this.capacity): Trace[] {
    return this.ring.slice(Math.max(0, this.ring.length - count));
  }

  get(traceId: string): Trace | undefined {
    return this.ring.find((t) => t.traceId === traceId);
  }
}
