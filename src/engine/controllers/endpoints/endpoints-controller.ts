import type { ApiServer, RequestContext } from '../../api/apiserver';
import type { EndpointSlice, Service } from '../../api/types';
import type { Informer } from '../../client/informer';
import { objectKey } from '../../client/informer';
import type { SimEnv } from '../../sim/env';
import { deepEqual } from '../../util/clone';
import { QueueController, type SyncResult } from '../shared/controller-base';
import { nsKey, splitKey } from '../shared/owner-refs';
import { MANAGED_BY, MANAGED_BY_LABEL, SERVICE_NAME_LABEL } from '../endpointslice/endpointslice-controller';
import { subsetsFromSlices, type Endpoints } from './endpoints-from-slices';

const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';

/**
 * The legacy Endpoints controller: an Endpoints object named after each Service with a
 * selector. It reads the EndpointSlices (which already hold every address and condition)
 * rather than every pod, so it adds no pod watcher to the simulation.
 */
export class EndpointsController extends QueueController {
  private services!: Informer<Service>;
  private endpoints!: Informer<Endpoints>;
  private readonly slicesByService = new Map<string, Map<string, EndpointSlice>>();

  constructor(env: SimEnv, api: ApiServer) {
    super(env, api, 'endpoints-controller', 'endpoint-controller');
  }

  protected setup(): void {
    this.services = this.informer<Service>('services');
    this.services.on({
      add: (s, opId) => this.enqueue(objectKey(s), opId),
      update: (_o, s, opId) => this.enqueue(objectKey(s), opId),
      delete: (s, opId) => this.enqueue(objectKey(s), opId),
    });
    this.endpoints = this.informer<Endpoints>('endpoints');
    this.endpoints.on({
      add: (e, opId) => this.enqueue(objectKey(e), opId),
      update: (_o, e, opId) => this.enqueue(objectKey(e), opId),
      delete: (e, opId) => this.enqueue(objectKey(e), opId),
    });
    const slices = this.informer<EndpointSlice>('endpointslices');
    slices.on({
      add: (s, opId) => this.onSlice(s, false, opId),
      update: (_o, s, opId) => this.onSlice(s, false, opId),
      delete: (s, opId) => this.onSlice(s, true, opId),
    });
  }

  private onSlice(slice: EndpointSlice, deleted: boolean, opId: number | undefined): void {
    const svc = slice.metadata.labels?.[SERVICE_NAME_LABEL];
    if (!svc || slice.metadata.labels?.[MANAGED_BY_LABEL] !== MANAGED_BY) return;
    const key = nsKey(slice.metadata.namespace, svc);
    let m = this.slicesByService.get(key);
    if (!m) this.slicesByService.set(key, (m = new Map()));
    if (deleted) m.delete(slice.metadata.name);
    else m.set(slice.metadata.name, slice);
    if (m.size === 0) this.slicesByService.delete(key);
    this.enqueue(key, opId);
  }

  protected sync(key: string, ctx: RequestContext): SyncResult {
    const svc = this.services.getByKey(key);
    const current = this.endpoints.getByKey(key);
    const { namespace, name } = splitKey(key);
    if (!svc || !svc.spec.selector || Object.keys(svc.spec.selector).length === 0 || svc.spec.type === 'ExternalName') {
      // The Service is gone (or no longer selects pods): its Endpoints go with it.
      if (!svc && current) {
        const res = this.api.delete(ctx, 'endpoints', namespace, name);
        return res.ok || res.status.code === 404 ? 'done' : 'retry';
      }
      return 'done';
    }
    const { subsets, truncated } = subsetsFromSlices(svc, [...(this.slicesByService.get(key)?.values() ?? [])]);
    const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
    if (svc.spec.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
    const annotations: Record<string, string> = { ...(current?.metadata.annotations ?? {}) };
    if (truncated) annotations[OVER_CAPACITY_ANNOTATION] = 'truncated';
    else delete annotations[OVER_CAPACITY_ANNOTATION];
    const desired: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { ...(current?.metadata ?? { name, namespace }), labels },
      ...(subsets.length ? { subsets } : {}),
    };
    if (Object.keys(annotations).length) desired.metadata.annotations = annotations;
    else delete desired.metadata.annotations;
    if (Object.keys(labels).length === 0) delete desired.metadata.labels;
    if (current && deepEqual(current.subsets ?? [], subsets) && deepEqual(current.metadata.labels ?? {}, labels) && deepEqual(current.metadata.annotations ?? {}, annotations)) return 'done';
    const res = current ? this.api.update(ctx, 'endpoints', desired) : this.api.create(ctx, 'endpoints', namespace, desired);
    return res.ok ? 'done' : 'retry';
  }
}
