import type { Ingress, IngressBackend, IngressClass, Pod, ServiceBackendPort } from '../api/types';

/**
 * Ingress routing as an nginx ingress controller does it: the Ingresses of its class are
 * merged into one server per host (oldest Ingress wins a duplicate path), the request's host
 * picks the server (exact, then `*.` wildcard, then the host-less catch-all), and the path
 * picks a location: an Exact path first, else the longest Prefix / ImplementationSpecific
 * one. No match → the controller's default backend (404), or an Ingress `defaultBackend`.
 */

export const INGRESS_CONTROLLERS = {
  nginx: { className: 'nginx', controller: 'k8s.io/ingress-nginx', role: 'ingress-nginx' },
  traefik: { className: 'traefik', controller: 'traefik.io/ingress-controller', role: 'ingress-traefik' },
} as const;
export type IngressControllerKind = keyof typeof INGRESS_CONTROLLERS;

const NGINX_NAMES = ['ingress-nginx', 'nginx-ingress', 'nginx-ingress-controller', 'rke2-ingress-nginx'];

/** A running ingress-nginx controller pod (chart labels, or the classic names). */
export function isNginxControllerPod(pod: Pod): boolean {
  const l = pod.metadata.labels ?? {};
  const name = l['app.kubernetes.io/name'] ?? l['app'] ?? '';
  if (NGINX_NAMES.includes(name)) return (l['app.kubernetes.io/component'] ?? 'controller') === 'controller';
  return /^(nginx-ingress-controller|ingress-nginx-controller)/.test(pod.metadata.name);
}

/** A Traefik pod (k3s's bundled ingress controller). */
export function isTraefikPod(pod: Pod): boolean {
  const l = pod.metadata.labels ?? {};
  return l['app.kubernetes.io/name'] === 'traefik' || l['app'] === 'traefik' || /^traefik-/.test(pod.metadata.name);
}

export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';
export const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** The class an Ingress asks for: spec.ingressClassName, the legacy annotation, or the default class. */
export function ingressClassOf(ing: Ingress, classes: readonly IngressClass[]): string | undefined {
  const explicit = ing.spec.ingressClassName ?? ing.metadata.annotations?.[LEGACY_CLASS_ANNOTATION];
  if (explicit) return explicit;
  const defaults = classes.filter((c) => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
  return defaults.map((c) => c.metadata.name).sort()[0];
}

/** The controller behind a class: its IngressClass's spec.controller, else the well-known names. */
export function controllerOfClass(className: string, classes: readonly IngressClass[]): IngressControllerKind | undefined {
  const cls = classes.find((c) => c.metadata.name === className);
  const controller = cls?.spec.controller;
  for (const [kind, info] of Object.entries(INGRESS_CONTROLLERS) as [IngressControllerKind, (typeof INGRESS_CONTROLLERS)[IngressControllerKind]][]) {
    if (controller ? controller === info.controller : className === info.className) return kind;
  }
  return undefined;
}

export interface BackendRef {
  readonly namespace: string;
  readonly service: string;
  readonly port: ServiceBackendPort;
}

interface Location {
  readonly path: string;
  readonly pathType: 'Exact' | 'Prefix' | 'ImplementationSpecific';
  readonly backend: BackendRef;
  readonly ingress: string;
}

export interface IngressMatch {
  readonly ingress: string;
  readonly host: string;
  readonly path: string;
  readonly pathType: Location['pathType'] | 'DefaultBackend';
  readonly backend: BackendRef;
}

export interface RouteTable {
  readonly servers: ReadonlyMap<string, readonly Location[]>;
  readonly defaultBackend?: { readonly backend: BackendRef; readonly ingress: string };
}

function backendRef(b: IngressBackend | undefined, namespace: string): BackendRef | undefined {
  if (!b?.service?.name) return undefined;
  return { namespace, service: b.service.name, port: b.service.port ?? {} };
}

function age(i: Ingress): string {
  return `${i.metadata.creationTimestamp ?? ''}|${i.metadata.namespace ?? ''}/${i.metadata.name}`;
}

/** Merges one class's Ingresses into servers and locations, oldest Ingress first. */
export function buildRouteTable(ingresses: readonly Ingress[]): RouteTable {
  const servers = new Map<string, Location[]>();
  let defaultBackend: RouteTable['defaultBackend'];
  for (const ing of [...ingresses].sort((a, b) => (age(a) < age(b) ? -1 : 1))) {
    const ns = ing.metadata.namespace ?? 'default';
    const id = `${ns}/${ing.metadata.name}`;
    const def = backendRef(ing.spec.defaultBackend, ns);
    if (def && !defaultBackend) defaultBackend = { backend: def, ingress: id };
    for (const rule of ing.spec.rules ?? []) {
      const host = (rule.host ?? '').toLowerCase();
      let locs = servers.get(host);
      if (!locs) servers.set(host, (locs = []));
      for (const p of rule.http?.paths ?? []) {
        const backend = backendRef(p.backend, ns);
        const path = p.path || '/';
        if (!backend || locs.some((l) => l.path === path && l.pathType === p.pathType)) continue;
        locs.push({ path, pathType: p.pathType, backend, ingress: id });
      }
    }
  }
  return { servers, ...(defaultBackend ? { defaultBackend } : {}) };
}

function hostMatches(pattern: string, host: string): boolean {
  if (!pattern.startsWith('*.')) return pattern === host;
  const rest = host.slice(host.indexOf('.') + 1);
  return host.includes('.') && rest === pattern.slice(2);
}

function pickServer(table: RouteTable, host: string): string | undefined {
  if (table.servers.has(host) && host !== '') return host;
  const wild = [...table.servers.keys()].filter((k) => k.startsWith('*.') && hostMatches(k, host)).sort();
  if (wild[0]) return wild[0];
  return table.servers.has('') ? '' : undefined;
}

/** Prefix semantics: element-wise, `/api` matches `/api`, `/api/`, `/api/v1`, not `/apis`. */
function prefixMatches(rulePath: string, path: string): boolean {
  const base = rulePath.replace(/\/+$/, '');
  if (base === '') return true;
  return path === base || path.startsWith(`${base}/`);
}

function locationMatches(l: Location, path: string): boolean {
  if (l.pathType === 'Exact') return l.path === path;
  if (l.pathType === 'Prefix') return prefixMatches(l.path, path);
  return path.startsWith(l.path);
}

/** The location a request `host` + `path` reaches, or undefined (the controller answers 404). */
export function matchIngress(table: RouteTable, host: string, path: string): IngressMatch | undefined {
  const h = host.toLowerCase().replace(/:\d+$/, '');
  const p = path.split('?')[0] || '/';
  const server = pickServer(table, h);
  const locs = server === undefined ? [] : (table.servers.get(server) ?? []);
  const exact = locs.find((l) => l.pathType === 'Exact' && l.path === p);
  const best = exact ?? locs.filter((l) => l.pathType !== 'Exact' && locationMatches(l, p)).sort((a, b) => b.path.length - a.path.length)[0];
  if (best) return { ingress: best.ingress, host: server ?? '', path: best.path, pathType: best.pathType, backend: best.backend };
  const def = table.defaultBackend;
  return def ? { ingress: def.ingress, host: server ?? '', path: '/', pathType: 'DefaultBackend', backend: def.backend } : undefined;
}
