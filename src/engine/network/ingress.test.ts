import { describe, expect, it } from 'vitest';
import type { Ingress, IngressClass, Pod } from '../api/types';
import { buildRouteTable, controllerOfClass, ingressClassOf, isNginxControllerPod, isTraefikPod, matchIngress } from './ingress';

function ing(name: string, spec: Ingress['spec'], created = '2026-01-01T09:00:00Z', annotations?: Record<string, string>): Ingress {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace: 'taskmaster', creationTimestamp: created, ...(annotations ? { annotations } : {}) }, spec };
}

const svc = (name: string, number: number) => ({ service: { name, port: { number } } });

// The k3s document's taskmaster app: `/` → frontend, `/api` → backend.
const taskmaster = ing('taskmaster', {
  ingressClassName: 'nginx',
  rules: [{
    host: 'taskmaster.local',
    http: { paths: [
      { path: '/', pathType: 'Prefix', backend: svc('frontend-svc', 80) },
      { path: '/api', pathType: 'Prefix', backend: svc('backend-svc', 5000) },
    ] },
  }],
});
const extras = ing('extras', {
  rules: [
    { host: 'taskmaster.local', http: { paths: [
      { path: '/api/health', pathType: 'Exact', backend: svc('health', 8080) },
      { path: '/static', pathType: 'ImplementationSpecific', backend: svc('cdn', 80) },
      { path: '/api', pathType: 'Prefix', backend: svc('shadowed', 1) },
    ] } },
    { host: '*.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: svc('wild', 80) }] } },
    { http: { paths: [{ path: '/anyhost', pathType: 'Prefix', backend: svc('catchall', 80) }] } },
  ],
}, '2026-01-01T09:05:00Z');

describe('ingress routing (nginx semantics)', () => {
  const table = buildRouteTable([extras, taskmaster]);
  it.each([
    ['taskmaster.local', '/', 'frontend-svc', 80, '/'],
    ['taskmaster.local', '/index.html', 'frontend-svc', 80, '/'],
    ['taskmaster.local', '/api', 'backend-svc', 5000, '/api'],
    ['taskmaster.local', '/api/', 'backend-svc', 5000, '/api'],
    ['taskmaster.local', '/api/tasks?done=1', 'backend-svc', 5000, '/api'],
    ['taskmaster.local', '/apix', 'frontend-svc', 80, '/'],
    ['TaskMaster.Local:80', '/api', 'backend-svc', 5000, '/api'],
    ['taskmaster.local', '/api/health', 'health', 8080, '/api/health'],
    ['taskmaster.local', '/api/health/x', 'backend-svc', 5000, '/api'],
    ['taskmaster.local', '/staticfiles', 'cdn', 80, '/static'],
    ['shop.example.com', '/x', 'wild', 80, '/'],
    ['other.local', '/anyhost/a', 'catchall', 80, '/anyhost'],
  ])('%s%s → %s:%i', (host, path, service, port, rulePath) => {
    const m = matchIngress(table, host, path);
    expect(m?.backend.service).toBe(service);
    expect(m?.backend.port.number).toBe(port);
    expect(m?.path).toBe(rulePath);
  });

  it.each([
    ['other.local', '/'],
    ['a.b.example.com', '/'],
    ['example.com', '/'],
  ])('%s%s → 404 (no default backend)', (host, path) => {
    expect(matchIngress(table, host, path)).toBeUndefined();
  });

  it('the oldest Ingress wins a duplicate path', () => {
    expect(matchIngress(table, 'taskmaster.local', '/api/v1')?.ingress).toBe('taskmaster/taskmaster');
  });

  it('falls back to an Ingress defaultBackend', () => {
    const t = buildRouteTable([ing('def', { defaultBackend: svc('fallback', 80) }), taskmaster]);
    expect(matchIngress(t, 'nowhere', '/x')).toMatchObject({ pathType: 'DefaultBackend', backend: { service: 'fallback' } });
  });
});

describe('ingress classes', () => {
  const cls = (name: string, controller: string, isDefault = false): IngressClass => ({
    apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass',
    metadata: { name, ...(isDefault ? { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } } : {}) },
    spec: { controller },
  });
  const classes = [cls('nginx', 'k8s.io/ingress-nginx'), cls('traefik', 'traefik.io/ingress-controller', true), cls('internal', 'k8s.io/ingress-nginx')];

  it.each([
    ['spec.ingressClassName', ing('a', { ingressClassName: 'nginx' }), 'nginx'],
    ['legacy annotation', ing('b', {}, undefined, { 'kubernetes.io/ingress.class': 'nginx' }), 'nginx'],
    ['default class', ing('c', {}), 'traefik'],
  ])('%s', (_n, i, want) => {
    expect(ingressClassOf(i, classes)).toBe(want);
  });

  it('no class and no default class: nobody serves it', () => {
    expect(ingressClassOf(ing('d', {}), [cls('nginx', 'k8s.io/ingress-nginx')])).toBeUndefined();
  });

  it.each([
    ['nginx', classes, 'nginx'],
    ['internal', classes, 'nginx'],
    ['traefik', classes, 'traefik'],
    ['nginx', [], 'nginx'],
    ['traefik', [], 'traefik'],
    ['haproxy', [], undefined],
  ] as const)('class %s → controller %s', (name, list, want) => {
    expect(controllerOfClass(name, list)).toBe(want);
  });

  const p = (name: string, labels: Record<string, string>): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'kube-system', labels }, spec: { containers: [] } });
  it.each([
    [p('ingress-nginx-controller-5d8', { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' }), true, false],
    [p('ingress-nginx-admission-create-x', { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'admission-webhook' }), false, false],
    [p('nginx-ingress-controller-abc', {}), true, false],
    [p('traefik-6f8', { 'app.kubernetes.io/name': 'traefik' }), false, true],
    [p('helm-install-traefik-x', {}), false, false],
  ])('controller pod %#', (pod, nginx, traefik) => {
    expect(isNginxControllerPod(pod)).toBe(nginx);
    expect(isTraefikPod(pod)).toBe(traefik);
  });
});
