/** Shared by the defaulting, validation and admission tests: a booted cluster and terse requests. */
import { Cluster, type ClusterOptions } from '../../cluster/cluster';
import type { ApiResult } from '../status';
import type { KubeObject } from '../types';

export const USER = { component: 'user/kubectl' };

export function bootCluster(opts: ClusterOptions = {}): Cluster {
  return new Cluster({ seed: 11, config: { freezeObjects: true }, ...opts }).boot();
}

/** The API server's message for a failed request, or `ok`. */
export function outcome(r: ApiResult<unknown>): string {
  return r.ok ? 'ok' : r.status.message;
}

export function create<T extends KubeObject = KubeObject>(c: Cluster, resource: string, obj: Record<string, unknown>, ns = 'default'): ApiResult<T> {
  const r = c.api.resource(resource);
  return c.api.create<T>(USER, resource, r?.namespaced ? ns : undefined, obj as KubeObject);
}

export function created<T extends KubeObject = KubeObject>(c: Cluster, resource: string, obj: Record<string, unknown>, ns = 'default'): T {
  const r = create<T>(c, resource, obj, ns);
  if (!r.ok) throw new Error(r.status.message);
  return r.value;
}

export function container(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'app', image: 'nginx:1.25', ...extra };
}

export function pod(name: string, spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, ...meta }, spec: { containers: [container()], ...spec } };
}

export function deployment(name: string, spec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [container()] } },
      ...spec,
    },
  };
}
