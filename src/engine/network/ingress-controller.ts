import type { ApiServer } from '../api/apiserver';
import type { Ingress, IngressClass } from '../api/types';
import { Component } from '../client/component';
import type { Informer } from '../client/informer';
import type { SimEnv } from '../sim/env';
import {
  buildRouteTable, controllerOfClass, ingressClassOf, INGRESS_CONTROLLERS, matchIngress,
  type IngressControllerKind, type IngressMatch, type RouteTable,
} from './ingress';

/**
 * The ingress controllers' configuration side: they watch Ingresses and IngressClasses and
 * keep one route table per controller (ingress-nginx for class `nginx`, Traefik for class
 * `traefik`). Whether a controller pod is Running to serve it is the data plane's question.
 */
export class IngressControllers extends Component {
  private ingresses!: Informer<Ingress>;
  private classes!: Informer<IngressClass>;
  private readonly tables = new Map<IngressControllerKind, RouteTable>();
  private dirty = true;

  constructor(env: SimEnv, api: ApiServer) {
    super(env, api, 'ingress-controller');
  }

  protected onStart(): void {
    const touch = { add: () => this.touch(), update: () => this.touch(), delete: () => this.touch() };
    this.ingresses = this.informer<Ingress>('ingresses').on(touch);
    this.classes = this.informer<IngressClass>('ingressclasses').on(touch);
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
