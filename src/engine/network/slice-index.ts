import type { EndpointSlice, Service } from '../api/types';
import type { Informer } from '../client/informer';
import { buildServiceEntry, SERVICE_NAME_LABEL, serviceKey, type ServiceEntry } from './service-table';

/**
 * A component's own view of Services and their EndpointSlices (fed by its informers),
 * telling it which services changed so that it rebuilds only those.
 */
export class ServiceSliceIndex {
  private services: Informer<Service> | undefined;
  private readonly slices = new Map<string, Map<string, EndpointSlice>>();

  constructor(private readonly onChange: (key: string) => void) {}

  attach(services: Informer<Service>, slices: Informer<EndpointSlice>): void {
    this.services = services;
    const svcKey = (s: Service): string => serviceKey(s.metadata.namespace ?? 'default', s.metadata.name);
    services.on({
      add: (s) => this.onChange(svcKey(s)),
      update: (_o, s) => this.onChange(svcKey(s)),
      delete: (s) => this.onChange(svcKey(s)),
    });
    slices.on({
      add: (s) => this.onSlice(s, false),
      update: (_o, s) => this.onSlice(s, false),
      delete: (s) => this.onSlice(s, true),
    });
  }

  private onSlice(slice: EndpointSlice, deleted: boolean): void {
    const svc = slice.metadata.labels?.[SERVICE_NAME_LABEL];
    if (!svc) return;
    const key = serviceKey(slice.metadata.namespace ?? 'default', svc);
    let m = this.slices.get(key);
    if (!m) this.slices.set(key, (m = new Map()));
    if (deleted) m.delete(slice.metadata.name);
    else m.set(slice.metadata.name, slice);
    if (m.size === 0) this.slices.delete(key);
    this.onChange(key);
  }

  /** The current entry for `ns/name`, or undefined when the Service is gone. */
  build(key: string): ServiceEntry | undefined {
    const slash = key.indexOf('/');
    const svc = this.services?.get(key.slice(0, slash), key.slice(slash + 1));
    if (!svc) return undefined;
    const slices = [...(this.slices.get(key)?.values() ?? [])].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    return buildServiceEntry(svc, slices);
  }
}
