import type { ApiServer, RequestContext } from '../api/apiserver';
import type { EndpointSlice, KubeObject, Node, Pod, Service } from '../api/types';
import type { DaemonSet } from '../api/types-apps';
import { Component } from '../client/component';
import { EventRecorder } from '../client/event-recorder';
import type { Informer } from '../client/informer';
import type { SimEnv } from '../sim/env';
import { isPodReady, isPodRunning } from './pods';

/**
 * k3s's ServiceLB (klipper-lb), run by the k3s server's embedded cloud controller manager: for
 * every Service of type LoadBalancer it keeps a DaemonSet `svclb-<service>-<uid[:8]>` in
 * kube-system whose pods hold each Service port as a hostPort on their node, and it writes the
 * addresses of the nodes whose svclb pod is Ready into the Service's
 * `status.loadBalancer.ingress` (the EXTERNAL-IP column): the nodes' ExternalIPs when any of
 * them has one, else their InternalIPs. With `externalTrafficPolicy: Local` only nodes that
 * also run a ready endpoint of the Service count (traffic must stay on the node it entered). A port another Service already holds on a node leaves
 * that node's svclb pod Pending (the scheduler's NodePorts filter). The cloud provider's service
 * controller puts its cleanup finalizer on the Service and, when the Service is deleted or
 * stops being a LoadBalancer, deletes the DaemonSet before letting it go.
 * kubeadm clusters have no such controller here: their LoadBalancer Services stay `<pending>`.
 */

export const SERVICELB = {
  image: 'rancher/klipper-lb:v0.4.13',
  namespace: 'kube-system',
  serviceAccount: 'svclb',
  /** Put on LoadBalancer Services by the cloud provider's service controller. */
  finalizer: 'service.kubernetes.io/load-balancer-cleanup',
  nameLabel: 'svccontroller.k3s.cattle.io/svcname',
  namespaceLabel: 'svccontroller.k3s.cattle.io/svcnamespace',
  nodeSelectorLabel: 'svccontroller.k3s.cattle.io/nodeselector',
  /** Events on the Service come from the cloud controller's service controller. */
  eventSource: 'service-controller',
} as const;

/** `svclb-<name>-<first 8 of uid>`, the name cut at 48 characters without a trailing hyphen. */
export function daemonSetName(svc: Service): string {
  let name = svc.metadata.name;
  if (name.length > 48) name = name.slice(0, 48).replace(/-+$/, '');
  return `svclb-${name}-${(svc.metadata.uid ?? '').slice(0, 8)}`;
}

function isLoadBalancer(svc: Service): boolean {
  return svc.spec.type === 'LoadBalancer' && !svc.spec.loadBalancerClass && !svc.metadata.deletionTimestamp;
}

/** The DaemonSet ServiceLB keeps for `svc`: one klipper-lb container per port, each holding it as a hostPort. */
export function svclbDaemonSet(svc: Service): DaemonSet {
  const name = daemonSetName(svc);
  const local = svc.spec.externalTrafficPolicy === 'Local';
  const svcLabels = { [SERVICELB.nameLabel]: svc.metadata.name, [SERVICELB.namespaceLabel]: svc.metadata.namespace ?? 'default' };
  const clusterIPs = (svc.spec.clusterIPs ?? (svc.spec.clusterIP ? [svc.spec.clusterIP] : [])).join(',');
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: SERVICELB.namespace, labels: { [SERVICELB.nodeSelectorLabel]: 'false', ...svcLabels } },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, ...svcLabels } },
        spec: {
          priorityClassName: 'system-node-critical',
          serviceAccountName: SERVICELB.serviceAccount,
          automountServiceAccountToken: false,
          tolerations: [
            { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
            { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
          ],
          containers: (svc.spec.ports ?? []).map((p) => {
            const protocol = p.protocol ?? 'TCP';
            const portName = `lb-${protocol.toLowerCase()}-${p.port}`;
            return {
              name: portName,
              image: SERVICELB.image,
              imagePullPolicy: 'IfNotPresent' as const,
              ports: [{ name: portName, containerPort: p.port, hostPort: p.port, protocol }],
              env: [
                { name: 'SRC_PORT', value: String(p.port) },
                { name: 'SRC_RANGES', value: '0.0.0.0/0' },
                { name: 'DEST_PROTO', value: protocol },
                // Local: forward to the NodePort on this node's own IPs (the client's address is kept).
                ...(local
                  ? [{ name: 'DEST_PORT', value: String(p.nodePort ?? '') }, { name: 'DEST_IPS', valueFrom: { fieldRef: { fieldPath: 'status.hostIPs' } } }]
                  : [{ name: 'DEST_PORT', value: String(p.port) }, { name: 'DEST_IPS', value: clusterIPs }]),
              ],
              securityContext: { capabilities: { add: ['NET_ADMIN'] } },
            };
          }),
        },
      },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
    },
  } as DaemonSet;
}

/** The addresses to publish for the nodes running a Ready svclb pod: ExternalIPs if any node has one, else InternalIPs; sorted. */
export function loadBalancerIPs(nodes: readonly Node[]): string[] {
  const ext = new Set<string>();
  const int = new Set<string>();
  for (const n of nodes) {
    for (const a of n.status?.addresses ?? []) {
      if (a.type === 'ExternalIP' && a.address) ext.add(a.address);
      else if (a.type === 'InternalIP' && a.address) int.add(a.address);
    }
  }
  return [...(ext.size > 0 ? ext : int)].sort();
}

/** What ServiceLB sets in a DaemonSet's containers (the API server's defaults left out): names, ports, env. */
function signature(ds: DaemonSet): string {
  return JSON.stringify(ds.spec.template.spec.containers.map((c) => [
    c.name,
    (c.ports ?? []).map((p) => [p.containerPort, p.hostPort, p.protocol ?? 'TCP']),
    (c.env ?? []).map((e) => [e.name, e.value ?? '', e.valueFrom?.fieldRef?.fieldPath ?? '']),
  ]));
}

/** `[10.0.0.2 10.0.0.3]`, as Go prints a string slice in the UpdatedLoadBalancer event. */
function goList(ips: readonly string[]): string {
  return `[${ips.join(' ')}]`;
}

export class ServiceLB extends Component {
  private services!: Informer<Service>;
  private pods!: Informer<Pod>;
  private nodes!: Informer<Node>;
  private daemonSets!: Informer<DaemonSet>;
  private slices!: Informer<EndpointSlice>;
  private readonly recorder: EventRecorder;

  constructor(env: SimEnv, api: ApiServer) {
    super(env, api, 'servicelb');
    this.recorder = new EventRecorder(env, api, SERVICELB.eventSource);
  }

  protected onStart(): void {
    const queue = this.workqueue('sync load balancer', (key, opId) => this.sync(key, opId));
    const enqueueSvc = (svc: Service, opId: number | undefined): void => {
      if (svc.spec.type === 'LoadBalancer' || (svc.metadata.finalizers ?? []).includes(SERVICELB.finalizer)) queue.add(`${svc.metadata.namespace ?? 'default'}/${svc.metadata.name}`, opId);
    };
    const enqueueOwner = (obj: KubeObject, opId: number | undefined): void => {
      const l = obj.metadata.labels ?? {};
      const name = l[SERVICELB.nameLabel];
      const ns = l[SERVICELB.namespaceLabel];
      if (name && ns) queue.add(`${ns}/${name}`, opId);
    };
    this.services = this.informer<Service>('services').on({
      add: (s, opId) => enqueueSvc(s, opId),
      update: (old, s, opId) => (old.spec.type === 'LoadBalancer' ? queue.add(`${s.metadata.namespace ?? 'default'}/${s.metadata.name}`, opId) : enqueueSvc(s, opId)),
    });
    this.pods = this.informer<Pod>('pods', { namespace: SERVICELB.namespace }).on({
      add: (p, opId) => enqueueOwner(p, opId),
      update: (_o, p, opId) => enqueueOwner(p, opId),
      delete: (p, opId) => enqueueOwner(p, opId),
    });
    this.daemonSets = this.informer<DaemonSet>('daemonsets', { namespace: SERVICELB.namespace }).on({ delete: (d, opId) => enqueueOwner(d, opId) });
    this.nodes = this.informer<Node>('nodes');
    // Which nodes run a ready endpoint matters for externalTrafficPolicy: Local.
    const enqueueSlice = (eps: EndpointSlice, opId: number | undefined): void => {
      const svcName = eps.metadata.labels?.['kubernetes.io/service-name'];
      const svc = svcName ? this.services.get(eps.metadata.namespace ?? 'default', svcName) : undefined;
      if (svc?.spec.type === 'LoadBalancer' && svc.spec.externalTrafficPolicy === 'Local') queue.add(`${svc.metadata.namespace ?? 'default'}/${svc.metadata.name}`, opId);
    };
    this.slices = this.informer<EndpointSlice>('endpointslices').on({
      add: (e, opId) => enqueueSlice(e, opId),
      update: (_o, e, opId) => enqueueSlice(e, opId),
      delete: (e, opId) => enqueueSlice(e, opId),
    });
  }

  private sync(key: string, opId: number | undefined): void {
    const slash = key.indexOf('/');
    const svc = this.services.get(key.slice(0, slash), key.slice(slash + 1));
    if (!svc) return;
    const ctx = this.ctx(opId);
    if (!isLoadBalancer(svc)) return this.release(ctx, svc);
    if (!(svc.metadata.finalizers ?? []).includes(SERVICELB.finalizer)) {
      const res = this.api.update<Service>(ctx, 'services', { ...svc, metadata: { ...svc.metadata, finalizers: [...(svc.metadata.finalizers ?? []), SERVICELB.finalizer] } });
      if (!res.ok) return;
    }
    const name = daemonSetName(svc);
    const want = svclbDaemonSet(svc);
    const have = this.daemonSets.get(SERVICELB.namespace, name);
    if (!have || signature(have) !== signature(want)) {
      // A new Service, or its ports or traffic policy changed: the service controller ensures the load balancer again.
      this.recorder.record(ctx, svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
      this.ensureServiceAccount(ctx);
      const res = have ? this.api.update(ctx, 'daemonsets', { ...have, spec: want.spec }) : this.api.create(ctx, 'daemonsets', SERVICELB.namespace, want);
      if (res.ok) this.recorder.record(ctx, svc, 'Normal', 'AppliedDaemonSet', `Applied LoadBalancer DaemonSet ${SERVICELB.namespace}/${name}`);
    }
    this.publish(ctx, svc);
  }

  /** The addresses of the nodes whose svclb pod for `svc` is Ready, written when they changed. */
  private publish(ctx: RequestContext, svc: Service): void {
    const readyNodes = svc.spec.externalTrafficPolicy === 'Local' ? this.nodesWithReadyEndpoints(svc) : undefined;
    const nodes: Node[] = [];
    for (const p of this.pods.list()) {
      const l = p.metadata.labels ?? {};
      if (l[SERVICELB.nameLabel] !== svc.metadata.name || l[SERVICELB.namespaceLabel] !== (svc.metadata.namespace ?? 'default')) continue;
      if (!p.spec.nodeName || !p.status?.podIP || !isPodRunning(p) || !isPodReady(p)) continue;
      if (readyNodes && !readyNodes.has(p.spec.nodeName)) continue;
      const node = this.nodes.get(undefined, p.spec.nodeName);
      if (node) nodes.push(node);
    }
    const want = loadBalancerIPs(nodes);
    const have = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '');
    if (have.length === want.length && have.every((ip, i) => ip === want[i])) return;
    const res = this.api.update(ctx, 'services', { ...svc, status: { ...svc.status, loadBalancer: want.length > 0 ? { ingress: want.map((ip) => ({ ip })) } : {} } }, 'status');
    if (!res.ok) return;
    if (want.length === 0) this.recorder.record(ctx, svc, 'Warning', 'UnAvailableLoadBalancer', 'There are no available nodes for LoadBalancer');
    else this.recorder.record(ctx, svc, 'Normal', 'UpdatedLoadBalancer', `Updated LoadBalancer with new IPs: ${goList(have)} -> ${goList(want)}`);
  }

  /**
   * Not (or no longer) a LoadBalancer, or being deleted: as the service controller does it, the
   * load balancer (the DaemonSet) goes, then the finalizer, then the published addresses.
   */
  private release(ctx: RequestContext, svc: Service): void {
    const name = daemonSetName(svc);
    const existed = !!this.daemonSets.get(SERVICELB.namespace, name);
    if (existed) {
      this.recorder.record(ctx, svc, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer');
      const res = this.api.delete(ctx, 'daemonsets', SERVICELB.namespace, name);
      if (res.ok) this.recorder.record(ctx, svc, 'Normal', 'DeletedDaemonSet', `Deleted LoadBalancer DaemonSet ${SERVICELB.namespace}/${name}`);
    }
    const finalizers = svc.metadata.finalizers ?? [];
    let current = svc;
    if (finalizers.includes(SERVICELB.finalizer)) {
      const res = this.api.update<Service>(ctx, 'services', { ...svc, metadata: { ...svc.metadata, finalizers: finalizers.filter((f) => f !== SERVICELB.finalizer) } });
      if (!res.ok) return;
      current = res.value;
    }
    if (existed) this.recorder.record(ctx, svc, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
    if (!svc.metadata.deletionTimestamp && current.status?.loadBalancer?.ingress?.length) {
      this.api.update(ctx, 'services', { ...current, status: { ...current.status, loadBalancer: {} } }, 'status');
    }
  }

  /** Nodes that run a ready pod endpoint of `svc`, from its EndpointSlices. */
  private nodesWithReadyEndpoints(svc: Service): Set<string> {
    const out = new Set<string>();
    for (const eps of this.slices.list()) {
      if (eps.metadata.namespace !== svc.metadata.namespace || eps.metadata.labels?.['kubernetes.io/service-name'] !== svc.metadata.name) continue;
      for (const e of eps.endpoints ?? []) if (e.targetRef?.kind === 'Pod' && e.conditions.ready && e.nodeName) out.add(e.nodeName);
    }
    return out;
  }

  /** The pods' ServiceAccount, made the first time a load balancer needs it. */
  private ensureServiceAccount(ctx: RequestContext): void {
    if (this.api.get(ctx, 'serviceaccounts', SERVICELB.namespace, SERVICELB.serviceAccount).ok) return;
    this.api.create(ctx, 'serviceaccounts', SERVICELB.namespace, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: SERVICELB.serviceAccount, namespace: SERVICELB.namespace } });
  }
}
