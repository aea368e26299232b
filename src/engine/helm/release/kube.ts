import type { ApiServer } from '../../api/apiserver';
import type { RequestContext } from '../../api/hooks';
import { apiVersionOf, type ResourceInfo } from '../../api/resources';
import type { KubeObject } from '../../api/types';
import { checkObject } from '../../manifest/check';
import { splitManifests } from '../manifests';
import { withReleaseMetadata } from '../release-metadata';
import { fromGoValue, isMap, type GoMap } from '../template/value';
import { parseYaml } from '../yaml/parse';

/**
 * The part of Helm's kube client (pkg/kube) that turns manifests into API objects:
 * Build (decode, map kinds to resources, default the namespace) and the identity used to
 * diff two releases' resource lists.
 */

export interface KubeContext {
  readonly api: ApiServer;
  readonly req: RequestContext;
}

/** One object of a release, resolved against the API's resource registry. */
export interface KubeResource {
  readonly r: ResourceInfo;
  readonly name: string;
  /** '' for cluster-scoped kinds (Helm's info.Namespace). */
  readonly namespace: string;
  readonly object: KubeObject;
}

export type BuildResult = { ok: true; resources: KubeResource[] } | { ok: false; error: string };

/** Stamp Helm's ownership metadata on the objects (setMetadataVisitor). */
export interface ReleaseStamp {
  readonly name: string;
  readonly namespace: string;
}

/** One parsed document → a resource, namespaced kinds defaulting to the release namespace. */
export function buildObject(doc: GoMap, releaseNamespace: string, stamp?: ReleaseStamp): BuildResult {
  const json = stamp ? withReleaseMetadata(doc, stamp.name, stamp.namespace) : fromGoValue(doc);
  const checked = checkObject(json, '');
  if (!checked.ok) return { ok: false, error: checked.message.replace(/^error: /, '') };
  const resources: KubeResource[] = [];
  for (const { object, resource: r } of checked.items) {
    const namespace = r.namespaced ? object.metadata.namespace || releaseNamespace : '';
    const metadata = { ...object.metadata };
    if (r.namespaced) metadata.namespace = namespace;
    else delete metadata.namespace;
    resources.push({ r, name: metadata.name, namespace, object: { ...object, metadata } });
  }
  return { ok: true, resources };
}

/** Build over already-parsed documents, in order. */
export function buildObjects(docs: readonly GoMap[], releaseNamespace: string, stamp?: ReleaseStamp): BuildResult {
  const resources: KubeResource[] = [];
  for (const doc of docs) {
    const b = buildObject(doc, releaseNamespace, stamp);
    if (!b.ok) return b;
    resources.push(...b.resources);
  }
  return { ok: true, resources };
}

/** Build over a release's manifest text (the stored `manifest`, a hook's manifest). */
export function buildManifest(text: string, releaseNamespace: string, stamp?: ReleaseStamp): BuildResult {
  const docs: GoMap[] = [];
  for (const content of splitManifests(text)) {
    const parsed = parseYaml(content, undefined, true);
    if (!parsed.ok) return { ok: false, error: `error parsing : error converting YAML to JSON: ${parsed.error}` };
    if (parsed.value === null) continue;
    if (!isMap(parsed.value)) return { ok: false, error: 'error unmarshaling JSON: json: cannot unmarshal into Go value of type map[string]interface {}' };
    docs.push(parsed.value);
  }
  return buildObjects(docs, releaseNamespace, stamp);
}

/** gvk + namespace + name: how Helm matches resources between two releases. */
export function resourceKey(res: KubeResource): string {
  return `${apiVersionOf(res.r)}/${res.r.kind}/${res.namespace}/${res.name}`;
}

/** `ConfigMap "web" in namespace "default"` (resourceString). */
export function resourceString(res: KubeResource): string {
  return `${res.r.kind} ${JSON.stringify(res.name)} in namespace ${JSON.stringify(res.namespace)}`;
}

export function nsArg(res: KubeResource): string | undefined {
  return res.r.namespaced ? res.namespace : undefined;
}
