import type { ApiServer } from '../api/apiserver';
import type { EndpointSlice, Service } from '../api/types';
import { Component } from '../client/component';
import type { SimEnv } from '../sim/env';
import { CLUSTER_DOMAIN, resolve, reverseIndex, type DnsAnswer, type DnsZone } from './dns-records';
import type { ServiceEntry } from './service-table';
import { ServiceSliceIndex } from './slice-index';

/** The Service in front of CoreDNS, and the label its pods carry. */
export const KUBE_DNS = { namespace: 'kube-system', service: 'kube-dns', podLabel: { 'k8s-app': 'kube-dns' } } as const;

/**
 * CoreDNS's view of the cluster zone, kept by its own informers on Services and
 * EndpointSlices (as the kubernetes plugin's watch does). Whether a pod can reach a
 * CoreDNS replica at all is decided by the networking stack (kube-dns Service endpoints,
 * kube-proxy, NetworkPolicy); this component only answers.
 */
export class CoreDns extends Component implements DnsZone {
  private readonly index = new ServiceSliceIndex((key) => this.stale.add(key));
  private readonly stale = new Set<string>();
  private readonly entries = new Map<string, ServiceEntry>();
  private reverse: Map<string, string> | undefined;

  constructor(env: SimEnv, api: ApiServer, readonly domain = CLUSTER_DOMAIN) {
    super(env, api, 'coredns');
  }

  protected onStart(): void {
    this.index.attach(this.informer<Service>('services'), this.informer<EndpointSlice>('endpointslices'));
  }

  /** Rebuilds the services changed since the last question (answers are always current). */
  private refresh(): void {
    if (this.stale.size === 0) return;
    for (const key of [...this.stale].sort()) {
      const e = this.index.build(key);
      if (e) this.entries.set(key, e);
      else this.entries.delete(key);
    }
    this.stale.clear();
    this.reverse = undefined;
  }

  service(namespace: string, name: string): ServiceEntry | undefined {
    this.refresh();
    return this.entries.get(`${namespace}/${name}`);
  }

  /** A query from a pod in `namespace` (its search path applies). */
  lookup(query: string, namespace: string): DnsAnswer {
    return resolve(query, namespace, this, this.domain);
  }

  /** PTR: the name CoreDNS gives an IP (a ClusterIP or an endpoint address), if any. */
  ptr(ip: string): string | undefined {
    this.refresh();
    if (!this.reverse) this.reverse = reverseIndex(this.entries.values(), this.domain);
    return this.reverse.get(ip);
  }
}
