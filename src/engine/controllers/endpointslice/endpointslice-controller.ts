import type { ApiServer, RequestContext } from '../../api/apiserver';
import type { EndpointSlice, Pod, Service } from '../../api/types';
import type { Informer } from '../../client/informer';
import { objectKey } from '../../client/informer';
import type { SimEnv } from '../../sim/env';
import { deepEqual } from '../../util/clone';
import { QueueController, type SyncResult } from '../shared/controller-base';
import { NamespaceIndex } from '../shared/namespace-index';
import { nsKey } from '../shared/owner-refs';
import { desiredGroups, podInEndpoints, podToEndpoint, endpointPorts } from './desired';
import { PodLabelIndex } from './pod-label-index';
import { planSlices, type SliceDraft } from './reconcile';
import { SliceTracker } from './slice-tracker';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY = 'endpointslice-controller.k8s.io';

/**
 * The EndpointSlice controller: for every Service with a selector, slices `<svc>-<5 chars>`
 * listing each matching pod that has an IP, with ready / serving / terminating, written
 * only when something really changed.
 */
export class EndpointSliceController extends QueueController {
  private services!: Informer<Service>;
  private readonly servicesByNs = new NamespaceIndex<Service>();
  private readonly pods = new PodLabelIndex();
  private readonly slicesByService = new Map<string, Map<string, EndpointSlice>>();
  private readonly tracker = new SliceTracker(() => this.env.now());

  constructor(env: SimEnv, api: ApiServer) {
    super(env, api, 'endpointslice-controller');
  }

  protected setup(): void {
    this.services = this.informer<Service>('services');
    this.servicesByNs.attach(this.services);
    this.services.on({
      add: (s, opId) => this.enqueue(objectKey(s), opId),
      update: (_o, s, opId) => this.enqueue(objectKey(s), opId),
      delete: (s, opId) => this.enqueue(objectKey(s), opId),
    });
    const pods = this.informer<Pod>('pods');
    this.pods.attach(pods);
    pods.on({
      add: (p, opId) => this.onPod(undefined, p, opId),
      update: (o, p, opId) => this.onPod(o, p, opId),
      delete: (p, opId) => this.onPod(p, undefined, opId),
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

  /** Only changes that alter a pod's endpoint (or which Services select it) wake Services up. */
  private onPod(old: Pod | undefined, pod: Pod | undefined, opId: number | undefined): void {
    const any = (pod ?? old)!;
    for (const svc of this.servicesByNs.in(any.metadata.namespace)) {
      const sel = svc.spec.selector;
      if (!sel || Object.keys(sel).length === 0) continue;
      const before = old !== undefined && matches(sel, old);
      const after = pod !== undefined && matches(sel, pod);
      if (!before && !after) continue;
      if (before && after && sameEndpoint(svc, old!, pod!)) continue;
      this.enqueue(objectKey(svc), opId);
    }
  }

  protected sync(key: string, ctx: RequestContext): SyncResult {
    const svc = this.services.getByKey(key);
    if (!svc) {
      this.tracker.forget(key);
      return 'done';
    }
    const sel = svc.spec.selector;
    if (!sel || Object.keys(sel).length === 0 || svc.spec.type === 'ExternalName') return 'done';
    const existing = [...(this.slicesByService.get(key)?.values() ?? [])];
    if (this.tracker.stale(key, existing)) return 'done';
    const plan = planSlices(desiredGroups(svc, this.pods.select(svc.metadata.namespace, sel)), existing);
    const labels = sliceLabels(svc);
    let ok = true;
    for (const slice of plan.delete) {
      const res = this.api.delete(ctx, 'endpointslices', slice.metadata.namespace, slice.metadata.name);
      if (res.ok || res.status.code === 404) this.tracker.deleted(key, slice.metadata.name);
      else ok = false;
    }
    for (const draft of plan.update) ok = this.write(ctx, key, svc, labels, draft) && ok;
    for (const draft of plan.create) ok = this.write(ctx, key, svc, labels, draft) && ok;
    for (const slice of existing) {
      if (plan.delete.includes(slice) || plan.update.some((d) => d.existing === slice)) continue;
      if (!deepEqual(slice.metadata.labels, labels)) ok = this.write(ctx, key, svc, labels, { existing: slice, ports: slice.ports ?? [], endpoints: slice.endpoints }) && ok;
    }
    return ok ? 'done' : 'retry';
  }

  private write(ctx: RequestContext, key: string, svc: Service, labels: Record<string, string>, draft: SliceDraft): boolean {
    const base = draft.existing;
    const slice: EndpointSlice = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: base
        ? { ...base.metadata, labels }
        : {
            name: '',
            generateName: `${svc.metadata.name}-`,
            namespace: svc.metadata.namespace,
            labels,
            ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata.name, uid: svc.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
          },
      addressType: 'IPv4',
      endpoints: draft.endpoints,
      ports: draft.ports,
    };
    if (base && deepEqual(base.endpoints, slice.endpoints) && deepEqual(base.ports ?? [], slice.ports) && deepEqual(base.metadata.labels, labels)) return true;
    const res = base ? this.api.update<EndpointSlice>(ctx, 'endpointslices', slice) : this.api.create<EndpointSlice>(ctx, 'endpointslices', svc.metadata.namespace, slice);
    if (res.ok) this.tracker.wrote(key, res.value);
    return res.ok;
  }
}

function matches(selector: Readonly<Record<string, string>>, pod: Pod): boolean {
  for (const [k, v] of Object.entries(selector)) if (pod.metadata.labels?.[k] !== v) return false;
  return true;
}

function endpointView(svc: Service, pod: Pod): unknown {
  return podInEndpoints(pod) ? [podToEndpoint(svc, pod), endpointPorts(svc, pod)] : undefined;
}

function sameEndpoint(svc: Service, a: Pod, b: Pod): boolean {
  return deepEqual(endpointView(svc, a), endpointView(svc, b));
}

/** getEndpointSliceLabels: the Service's labels plus the reserved ones. */
function sliceLabels(svc: Service): Record<string, string> {
  const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
  if (svc.spec.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
  else delete labels['service.kubernetes.io/headless'];
  labels[SERVICE_NAME_LABEL] = svc.metadata.name;
  labels[MANAGED_BY_LABEL] = MANAGED_BY;
  return labels;
}
