import { qualifiedResource, qualifiedSingular, type ResourceInfo } from '../../api/resources';
import type { KubeObject } from '../../api/types';
import { fail } from '../invocation';

/** `deployment.apps/web`, `pod/web-x`: how kubectl names an object in messages and `-o name`. */
export function kindName(r: ResourceInfo, name: string): string {
  return `${qualifiedSingular(r)}/${name}`;
}

/** `deployments.apps "web"`, as API errors and `delete` name an object. */
export function quotedName(r: ResourceInfo, name: string): string {
  return `${qualifiedResource(r)} "${name}"`;
}

/** `deployment.apps "web"`: kubectl delete's wording. */
export function singularQuoted(r: ResourceInfo, name: string): string {
  return `${qualifiedSingular(r)} "${name}"`;
}

/** Go's GroupVersionResource / GroupVersionKind strings (`apps/v1, Resource=deployments`). */
export function gvrText(r: ResourceInfo): string {
  return `Resource: "${r.group}/${r.version}, Resource=${r.resource}", GroupVersionKind: "${r.group}/${r.version}, Kind=${r.kind}"`;
}

/**
 * The namespace an object from a file goes to: its own, else `-n`, else default. A clash
 * between the two is kubectl's error.
 */
export function objectNamespace(r: ResourceInfo, obj: KubeObject, explicitNs: string | undefined): string | undefined {
  if (!r.namespaced) return undefined;
  const own = obj.metadata.namespace;
  if (explicitNs && own && explicitNs !== own) {
    fail(`error: the namespace from the provided object "${own}" does not match the namespace "${explicitNs}". You must pass '--namespace=${own}' to perform this operation.`);
  }
  return own || explicitNs || 'default';
}
