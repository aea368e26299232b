/**
 * What admission plugins may read: the API server's own store, unlogged (kube-apiserver's
 * plugins read through its internal informers, not through API requests).
 */
import type { AdmissionAttributes, RequestContext } from '../hooks';
import { forbidden, type ApiResult, type Status } from '../status';
import type { KubeObject } from '../types';

export interface ApiLookup {
  get<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string): T | undefined;
  list<T extends KubeObject = KubeObject>(resource: string): readonly T[];
}

/** The subset of ApiServer a lookup is built from (its unlogged reads). */
export interface UnloggedReads {
  peek<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string): T | undefined;
  snapshot<T extends KubeObject = KubeObject>(resource: string): T[];
}

/** A lookup over a server created later (the hooks are built before the ApiServer that uses them). */
export function lazyLookup(server: () => UnloggedReads): ApiLookup {
  return {
    get: (resource, namespace, name) => server().peek(resource, namespace, name),
    list: (resource) => server().snapshot(resource),
  };
}

/**
 * admission.NewForbidden: `pods "x" is forbidden: <reason>`. Before the name is generated
 * upstream admission sees only generateName, so that is what a generated pod's error shows.
 */
export function forbiddenFor(a: AdmissionAttributes, reason: string): Status {
  const m = a.object?.metadata;
  const generated = a.operation === 'CREATE' && m?.generateName && a.name.startsWith(m.generateName);
  const name = generated ? m.generateName! : a.name;
  const resource = a.resource.group ? `${a.resource.resource}.${a.resource.group}` : a.resource.resource;
  return forbidden(`${resource} "${name}" is forbidden: ${reason}`, a.resource, name);
}

/** Plugins act on the object itself, never on subresources (status, binding). */
export function isMainResource(a: AdmissionAttributes, kind: string): boolean {
  return a.resource.kind === kind && !a.subresource && a.object !== undefined;
}

/** The one write admission makes: the eviction subresource records a disruption in the budget's status. */
export interface ApiWriter {
  update<T extends KubeObject = KubeObject>(ctx: RequestContext, resource: string, input: KubeObject, subresource?: 'status'): ApiResult<T>;
}

/** A writer over a server created later (the hooks are built before the ApiServer that uses them). */
export function lazyApi(server: () => ApiWriter): ApiWriter {
  return { update: (ctx, resource, input, subresource) => server().update(ctx, resource, input, subresource) };
}
