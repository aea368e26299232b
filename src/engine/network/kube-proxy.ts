import type { ApiServer } from '../api/apiserver';
import type { EndpointSlice, Service } from '../api/types';
import { Component } from '../client/component';
import { InteractionKind } from '../log/interaction-log';
import type { SimEnv } from '../sim/env';
import type { ScheduledEvent } from '../sim/event-queue';
import { routeChoices, type RouteChoice } from './categorize';
import { renderIptablesSave } from './iptables';
import { serviceKey, type Protocol, type ServiceEntry, type ServicePortEntry } from './service-table';
import { ServiceSliceIndex } from './slice-index';

export interface KubeProxyOptions {
  /** Is this node's machine (and so its kube-proxy and its rules) up? */
  readonly nodeAlive: (node: string) => boolean;
  /** The cluster's pod network, for the masquerade rules (`10.244.0.0/16`). */
  readonly clusterCidr: string;
  /** kube-proxy's --iptables-min-sync-period (default 1s): changes are batched at most this often. */
  readonly minSyncPeriodMs?: number;
}

export type ProxyRoute = RouteChoice | { readonly ok: false; readonly reason: 'proxy-down' | 'no-service' };

/**
 * kube-proxy in iptables mode. One process per node in a real cluster; here one component
 * holds the synced rules (every node programs the same Services and EndpointSlices) and
 * each node's view is computed from them: its Local-policy endpoints, and nothing at all
 * while the node is down. Changes reach the rules at most once per min sync period.
 */
export class KubeProxy extends Component {
  private readonly index = new ServiceSliceIndex((key) => this.markDirty(key));
  private readonly dirty = new Set<string>();
  private readonly synced = new Map<string, ServiceEntry>();
  private readonly byVip = new Map<string, ServicePortEntry>();
  private readonly byNodePort = new Map<string, ServicePortEntry>();
  private readonly byIp = new Map<string, ServiceEntry>();
  private syncTimer: ScheduledEvent | undefined;
  private lastSyncMs = -Infinity;
  /** Bumped on every sync that changed something (caches elsewhere key on it). */
  version = 0;

  constructor(env: SimEnv, api: ApiServer, private readonly opts: KubeProxyOptions) {
    super(env, api, 'kube-proxy');
  }

  protected onStart(): void {
    this.index.attach(this.informer<Service>('services'), this.informer<EndpointSlice>('endpointslices'));
  }

  protected override onStop(): void {
    this.syncTimer = undefined;
  }

  private markDirty(key: string): void {
    this.dirty.add(key);
    if (this.syncTimer) return;
    const due = Math.max(this.lastSyncMs + (this.opts.minSyncPeriodMs ?? 1000), this.env.now());
    this.syncTimer = this.after(due - this.env.now(), 'syncProxyRules', () => this.sync());
  }

  /** syncProxyRules: rebuild the changed services' chains. */
  private sync(): void {
    this.syncTimer = undefined;
    this.lastSyncMs = this.env.now();
    const keys = [...this.dirty].sort();
    this.dirty.clear();
    let endpoints = 0;
    for (const key of keys) {
      const old = this.synced.get(key);
      if (old) this.removeVips(old);
      const entry = this.index.build(key);
      if (!entry) {
        this.synced.delete(key);
        continue;
      }
      this.synced.set(key, entry);
      this.addVips(entry);
      for (const p of entry.ports) endpoints += p.endpoints.length;
    }
    this.version++;
    this.env.log.append({
      kind: InteractionKind.Traffic,
      from: 'kube-proxy',
      to: 'iptables',
      label: `iptables-restore: ${keys.length} service${keys.length === 1 ? '' : 's'} changed (${endpoints} endpoints)`,
    });
  }

  private addVips(e: ServiceEntry): void {
    if (e.clusterIP) this.byIp.set(e.clusterIP, e);
    for (const p of e.ports) {
      if (p.clusterIP) this.byVip.set(`${p.clusterIP}:${p.port}/${p.protocol}`, p);
      if (p.nodePort) this.byNodePort.set(`${p.nodePort}/${p.protocol}`, p);
    }
  }

  private removeVips(e: ServiceEntry): void {
    if (e.clusterIP && this.byIp.get(e.clusterIP) === e) this.byIp.delete(e.clusterIP);
    for (const p of e.ports) {
      if (p.clusterIP && this.byVip.get(`${p.clusterIP}:${p.port}/${p.protocol}`) === p) this.byVip.delete(`${p.clusterIP}:${p.port}/${p.protocol}`);
      if (p.nodePort && this.byNodePort.get(`${p.nodePort}/${p.protocol}`) === p) this.byNodePort.delete(`${p.nodePort}/${p.protocol}`);
    }
  }

  // ------------------------------------------------------------------ data plane

  service(namespace: string, name: string): ServiceEntry | undefined {
    return this.synced.get(serviceKey(namespace, name));
  }

  /** The service port a connection to `ip:port` hits, if `ip` is a ClusterIP. */
  byClusterIP(ip: string, port: number, protocol: Protocol = 'tcp'): ServicePortEntry | undefined {
    return this.byVip.get(`${ip}:${port}/${protocol}`);
  }

  byNodePortNumber(nodePort: number, protocol: Protocol = 'tcp'): ServicePortEntry | undefined {
    return this.byNodePort.get(`${nodePort}/${protocol}`);
  }

  /** The Service owning a ClusterIP. */
  serviceByClusterIP(ip: string): ServiceEntry | undefined {
    return this.byIp.get(ip);
  }

  /** Where a new connection from `node` to this service port may go, as that node's rules say. */
  route(node: string, entry: ServicePortEntry, external = false): ProxyRoute {
    if (!this.running || !this.opts.nodeAlive(node)) return { ok: false, reason: 'proxy-down' };
    return routeChoices(entry, node, external);
  }

  entries(): ServiceEntry[] {
    return [...this.synced.values()];
  }

  /** `iptables-save` on `node`; undefined when the node is down (nothing answers). */
  iptablesSave(node: string, format: 'save' | 'restore' = 'save'): string | undefined {
    if (!this.opts.nodeAlive(node)) return undefined;
    return renderIptablesSave(node, this.entries(), { clusterCidr: this.opts.clusterCidr, nowMs: this.env.now(), format });
  }
}
