import type { ApiServer } from '../api/apiserver';
import type { Ingress, IngressClass, Node, Pod } from '../api/types';
import { Component } from '../client/component';
import { objectKey } from '../client/shared-informer';
import { compareStrings } from '../controllers/shared/owner-refs';
import type { Informer } from '../client/informer';
import type { SimEnv } from '../sim/env';
import {
  buildRouteTable, controllerOfClass, ingressClassOf, INGRESS_CONTROLLERS, isNginxControllerPod, matchIngress,
  type IngressControllerKind, type IngressMatch, type RouteTable,
} from './ingress';
import { hasStatusAddresses, INGRESS_STATUS_SYNC_MS, nodeStatusAddress, servingNodes, statusAddresses } from './ingress-status';

/**
 * The ingress controllers' configuration side: they watch Ingresses and IngressClasses and
 * keep one route table per controller (ingress-nginx for class `nginx`, Traefik for class
 * `traefik`). Whether a controller pod is Running to serve it is the data plane's question.
 * ingress-nginx also publishes where it serves: every minute, while one of its pods runs, it
 * writes the serving nodes' addresses into each of its Ingresses' status (see ingress-status.ts).
 */
export class IngressControllers extends Component {
  private ingresses!: Informer<Ingress>;
  private classes!: Informer<IngressClass>;
  private readonly tables = new Map<IngressControllerKind, RouteTable>();
  /** The Ingresses each controller serves, as of the last rebuild. */
  private served = new Map<IngressControllerKind, Ingress[]>();
  private dirty = true;

  constructor(env: SimEnv, api: ApiServer) {
    super(env, api, 'ingress-controller');
  }

  protected onStart(): void {
    const touch = { add: () => this.touch(), update: () => this.touch(), delete: () => this.touch() };
    this.ingresses = this.informer<Ingress>('ingresses').on(touch);
    this.classes = this.informer<IngressClass>('ingressclasses').on(touch);
    this.every(INGRESS_STATUS_SYNC_MS, 'sync ingress status', () => this.syncNginxStatus());
  }

  /**
   * ingress-nginx's status sync: list the controller pods, look up the nodes that run a
   * Running and Ready one, and write their addresses into every `nginx` Ingress whose status
   * differs. Only a running controller does this, and with no Ingress there is nothing to
   * report (so an Ingress-less cluster sees no requests from it).
   */
  private syncNginxStatus(): void {
    this.rebuild();
    const mine = this.served.get('nginx') ?? [];
    if (mine.length === 0) return;
    const ctx = this.ctx();
    const pods = this.api.list<Pod>(ctx, 'pods');
    if (!pods.ok) return;
    const nodes = servingNodes(pods.value.items.filter(isNginxControllerPod));
    if (nodes.length === 0) return;
    const want = statusAddresses(nodes.map((name) => {
      const node = this.api.get<Node>(ctx, 'nodes', undefined, name);
      return node.ok ? nodeStatusAddress(node.value) : undefined;
    }));
    // In ns/name order (code units: the same in every engine, whatever its collation).
    const ordered = mine.map((ing) => ({ key: objectKey(ing), ing })).sort((a, b) => compareStrings(a.key, b.key));
    for (const { ing } of ordered) {
      if (hasStatusAddresses(ing, want)) continue;
      this.api.update(ctx, 'ingresses', { ...ing, status: { loadBalancer: { ingress: want } } }, 'status');
    }
  }

  private touch(): void {
    this.dirty = true;
  }

  private rebuild(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const classes = [...this.classes.list()];
    const byKind = new Map<IngressControllerKind, Ingress[]>();
    for (const ing of this.ingresses.list()) {
      const cls = ingressClassOf(ing, classes);
      const kind = cls === undefined ? undefined : controllerOfClass(cls, classes);
      if (!kind) continue;
      let list = byKind.get(kind);
      if (!list) byKind.set(kind, (list = []));
      list.push(ing);
    }
    this.served = byKind;
    this.tables.clear();
    for (const kind of Object.keys(INGRESS_CONTROLLERS) as IngressControllerKind[]) this.tables.set(kind, buildRouteTable(byKind.get(kind) ?? []));
  }

  /** The controller serving an IngressClass name (its spec.controller, else the well-known names). */
  kindForClass(className: string): IngressControllerKind | undefined {
    return controllerOfClass(className, [...this.classes.list()]);
  }

  table(kind: IngressControllerKind): RouteTable {
    this.rebuild();
    return this.tables.get(kind) ?? { servers: new Map() };
  }

  route(kind: IngressControllerKind, host: string, path: string): IngressMatch | undefined {
    return matchIngress(this.table(kind), host, path);
  }

  /** Controllers that have at least one Ingress for `host` (nginx first), for requests that name no class. */
  controllersFor(host: string): IngressControllerKind[] {
    const h = host.toLowerCase();
    return (Object.keys(INGRESS_CONTROLLERS) as IngressControllerKind[]).filter((k) => {
      const t = this.table(k);
      return t.servers.has(h) || t.servers.has('') || [...t.servers.keys()].some((s) => s.startsWith('*.') && h.endsWith(s.slice(1))) || t.defaultBackend !== undefined;
    });
  }
}
