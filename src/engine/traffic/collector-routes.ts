import type { Pod } from '../api/types';
import { isIPv4 } from '../network/cidr';
import { connect, dnsReachable, endpointUsable } from '../network/connect';
import { isPodRunning } from '../network/pods';
import { splitUniform } from '../network/sampling';
import type { ProxyEndpoint } from '../network/service-table';
import type { Rng } from '../sim/rng';
import { podId, svcId } from './flows';
import type { ExportDestination } from './otel';
import type { TrafficWorld } from './world';

/**
 * Spans an SDK sends to a collector it names by host (a Service such as
 * `otel-collector.observability:4318`, a pod IP, localhost), rather than to its node's agent:
 * resolved the way the pod's kernel would (CoreDNS with the pod's search path, the
 * ClusterIP's rules on the pod's node, kube-proxy's uniform pick), in aggregate per bucket.
 */

type HostDestination = Extract<ExportDestination, { kind: 'host' }>;

/** Where a share of one pod's spans went: a collector pod that took them, or a flow id they failed at. */
export interface Delivered {
  readonly count: number;
  /** `pod/<ns>/<name>` of the collector, `ip/<ip>` (its node is gone), `svc/<ns>/<name>` or `host/<host>` (nothing answered). */
  readonly target: string;
  readonly collector?: Pod;
}

interface HostRoute {
  /** Flow id of what the name stands for. */
  readonly target: string;
  readonly endpoints: readonly ProxyEndpoint[];
}

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/** localhost: the pod itself when one of its containers listens on `port` (a collector sidecar), else nobody. */
function sidecar(pod: Pod, port: number): Pod | undefined {
  const listens = pod.spec.containers.some((c) => (c.ports ?? []).some((p) => p.containerPort === port));
  return listens && isPodRunning(pod) ? pod : undefined;
}

function podEndpoint(ip: string, port: number): ProxyEndpoint {
  return { ip, port, ready: true, serving: true, terminating: false, address: `${ip}:${port}` };
}

/** One bucket's routing (names and rules stand still within a bucket, so lookups are cached). */
export class CollectorRoutes {
  private readonly cache = new Map<string, HostRoute>();

  constructor(
    private readonly w: TrafficWorld,
    private readonly rng: Rng,
  ) {}

  /** Splits `spans` from `pod` over what `dest` resolves to from the pod's node. */
  send(pod: Pod, dest: HostDestination, spans: number): Delivered[] {
    if (LOOPBACK.test(dest.host)) {
      const self = sidecar(pod, dest.port);
      return [self ? { count: spans, target: podId(pod.metadata.namespace ?? 'default', pod.metadata.name), collector: self } : { count: spans, target: `host/${dest.host}` }];
    }
    const route = this.route(pod, dest);
    if (route.endpoints.length === 0) return [{ count: spans, target: route.target }];
    const out: Delivered[] = [];
    splitUniform(spans, route.endpoints.length, this.rng).forEach((count, i) => {
      if (count === 0) return;
      const ep = route.endpoints[i]!;
      const use = endpointUsable(this.w, pod, ep, 'tcp');
      const target = use.pod ? podId(use.pod.metadata.namespace ?? 'default', use.pod.metadata.name) : `ip/${ep.ip}`;
      out.push(use.reason || !use.pod ? { count, target } : { count, target, collector: use.pod });
    });
    return out;
  }

  private route(pod: Pod, dest: HostDestination): HostRoute {
    const node = pod.spec.nodeName ?? '';
    const ns = pod.metadata.namespace ?? 'default';
    const key = `${node}|${ns}|${dest.host}:${dest.port}`;
    let r = this.cache.get(key);
    if (!r) this.cache.set(key, (r = this.resolve(pod, node, ns, dest)));
    return r;
  }

  private resolve(pod: Pod, node: string, ns: string, dest: HostDestination): HostRoute {
    const nowhere = (target = `host/${dest.host}`): HostRoute => ({ target, endpoints: [] });
    let ips: readonly string[] = [dest.host];
    if (!isIPv4(dest.host)) {
      if (!dnsReachable(this.w, pod).ok) return nowhere();
      const answer = this.w.dns.lookup(dest.host, ns);
      if (answer.rcode !== 'NOERROR' || answer.addresses.length === 0) return nowhere();
      ips = answer.addresses;
    }
    if (ips.length === 1) {
      const sp = this.w.proxy.byClusterIP(ips[0]!, dest.port, 'tcp');
      if (sp) {
        const target = svcId(sp.namespace, sp.service);
        const route = this.w.proxy.route(node, sp);
        return route.ok ? { target, endpoints: route.endpoints } : nowhere(target);
      }
      const svc = this.w.proxy.serviceByClusterIP(ips[0]!);
      if (svc) return nowhere(svcId(svc.namespace, svc.name));
    }
    // Pod IPs: a headless Service's answer, or an address written into the endpoint.
    return { target: `host/${dest.host}`, endpoints: ips.map((ip) => podEndpoint(ip, dest.port)) };
  }
}

/** The collector one sampled span reaches (concrete choices, as the waterfall needs), if any. */
export function collectorForSpan(w: TrafficWorld, pod: Pod, dest: HostDestination, rng: Rng): Pod | undefined {
  if (LOOPBACK.test(dest.host)) return sidecar(pod, dest.port);
  const r = connect(w, pod, dest.host, dest.port, rng);
  return r.ok ? r.pod : undefined;
}
