/**
 * The API's resource registry: kind ↔ plural resource ↔ group/version ↔ etcd prefix,
 * plus the short names kubectl accepts. Adding a kind is one row.
 */

import { lookupKey } from '../util/keys';

export interface ResourceInfo {
  readonly kind: string;
  /** Plural, lower-case resource name (`deployments`). */
  readonly resource: string;
  readonly singular: string;
  /** API group; '' for the core group. */
  readonly group: string;
  readonly version: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  /** etcd key prefix without the trailing slash (`/registry/deployments`). */
  readonly etcdPrefix: string;
  /** Whether objects carry a spec whose changes bump metadata.generation. */
  readonly hasGeneration: boolean;
}

type Row = [kind: string, resource: string, group: string, version: string, namespaced: boolean, shortNames: string[], etcd?: string];

const ROWS: Row[] = [
  ['Namespace', 'namespaces', '', 'v1', false, ['ns']],
  ['Node', 'nodes', '', 'v1', false, ['no'], 'minions'],
  ['Pod', 'pods', '', 'v1', true, ['po']],
  ['Service', 'services', '', 'v1', true, ['svc'], 'services/specs'],
  ['Endpoints', 'endpoints', '', 'v1', true, ['ep'], 'services/endpoints'],
  ['ConfigMap', 'configmaps', '', 'v1', true, ['cm']],
  ['Secret', 'secrets', '', 'v1', true, []],
  ['ServiceAccount', 'serviceaccounts', '', 'v1', true, ['sa']],
  ['Event', 'events', '', 'v1', true, ['ev']],
  ['PersistentVolume', 'persistentvolumes', '', 'v1', false, ['pv']],
  ['PersistentVolumeClaim', 'persistentvolumeclaims', '', 'v1', true, ['pvc']],
  ['ResourceQuota', 'resourcequotas', '', 'v1', true, ['quota']],
  ['LimitRange', 'limitranges', '', 'v1', true, ['limits']],
  ['Deployment', 'deployments', 'apps', 'v1', true, ['deploy']],
  ['ReplicaSet', 'replicasets', 'apps', 'v1', true, ['rs']],
  ['DaemonSet', 'daemonsets', 'apps', 'v1', true, ['ds']],
  ['StatefulSet', 'statefulsets', 'apps', 'v1', true, ['sts']],
  ['ControllerRevision', 'controllerrevisions', 'apps', 'v1', true, []],
  ['Job', 'jobs', 'batch', 'v1', true, []],
  ['CronJob', 'cronjobs', 'batch', 'v1', true, ['cj']],
  ['EndpointSlice', 'endpointslices', 'discovery.k8s.io', 'v1', true, []],
  ['Lease', 'leases', 'coordination.k8s.io', 'v1', true, []],
  ['Ingress', 'ingresses', 'networking.k8s.io', 'v1', true, ['ing'], 'ingress'],
  ['IngressClass', 'ingressclasses', 'networking.k8s.io', 'v1', false, []],
  ['NetworkPolicy', 'networkpolicies', 'networking.k8s.io', 'v1', true, ['netpol']],
  ['StorageClass', 'storageclasses', 'storage.k8s.io', 'v1', false, ['sc']],
  ['PriorityClass', 'priorityclasses', 'scheduling.k8s.io', 'v1', false, ['pc']],
  ['PodDisruptionBudget', 'poddisruptionbudgets', 'policy', 'v1', true, ['pdb']],
  ['HorizontalPodAutoscaler', 'horizontalpodautoscalers', 'autoscaling', 'v2', true, ['hpa']],
  ['Role', 'roles', 'rbac.authorization.k8s.io', 'v1', true, []],
  ['RoleBinding', 'rolebindings', 'rbac.authorization.k8s.io', 'v1', true, []],
  ['ClusterRole', 'clusterroles', 'rbac.authorization.k8s.io', 'v1', false, []],
  ['ClusterRoleBinding', 'clusterrolebindings', 'rbac.authorization.k8s.io', 'v1', false, []],
  ['CustomResourceDefinition', 'customresourcedefinitions', 'apiextensions.k8s.io', 'v1', false, ['crd', 'crds']],
];

const NO_GENERATION = new Set(['Namespace', 'Node', 'Pod', 'Service', 'Endpoints', 'ConfigMap', 'Secret', 'ServiceAccount', 'Event', 'Lease', 'EndpointSlice']);

export const RESOURCES: readonly ResourceInfo[] = ROWS.map(([kind, resource, group, version, namespaced, shortNames, etcd]) => ({
  kind,
  resource,
  singular: kind.toLowerCase(),
  group,
  version,
  namespaced,
  shortNames,
  etcdPrefix: `/registry/${etcd ?? resource}`,
  hasGeneration: !NO_GENERATION.has(kind),
}));

const byResource = new Map<string, ResourceInfo>();
const byKind = new Map<string, ResourceInfo>();
const byAlias = new Map<string, ResourceInfo>();
for (const r of RESOURCES) {
  byResource.set(r.resource, r);
  byKind.set(r.kind, r);
  for (const alias of [r.resource, r.singular, ...r.shortNames]) {
    byAlias.set(alias, r);
    if (r.group) byAlias.set(`${alias}.${r.group}`, r);
  }
}

export function resourceByName(resource: string): ResourceInfo | undefined {
  return byResource.get(resource);
}

export function resourceForKind(kind: string): ResourceInfo | undefined {
  return byKind.get(kind);
}

/** Resolves what a kubectl user may type: `po`, `pods`, `pod`, `deploy`, `deployments.apps`. */
export function resolveResource(alias: string): ResourceInfo | undefined {
  return byAlias.get(alias.toLowerCase());
}

export function apiVersionOf(r: ResourceInfo): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** `deployments.apps`, or `pods` for the core group: how errors and kubectl name a resource. */
export function qualifiedResource(r: ResourceInfo): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

/** `deployment.apps`, `service`: the prefix kubectl prints before `/name`. */
export function qualifiedSingular(r: ResourceInfo): string {
  return r.group ? `${r.singular}.${r.group}` : r.singular;
}

/** REST path of a collection or object, as the API server logs requests. */
/** Joined into one flat string: the request log hashes it at once (a rope would be flattened first). */
export function restPath(r: ResourceInfo, namespace?: string, name?: string, subresource?: string): string {
  if (!name) return collectionPath(r, namespace);
  return joinRestPath(r, namespace, name, subresource);
}

/** Strings kept per resource and key, bounded: at `max` entries it starts over. */
class ResourceStrings {
  private readonly byResource = new Map<ResourceInfo, Map<string, string>>();
  private size = 0;

  constructor(private readonly max: number) {}

  get(r: ResourceInfo, key: string): string | undefined {
    return this.byResource.get(r)?.get(key);
  }

  set(r: ResourceInfo, key: string, value: string): string {
    if (this.size >= this.max) {
      this.byResource.clear();
      this.size = 0;
    }
    let byKey = this.byResource.get(r);
    if (!byKey) this.byResource.set(r, (byKey = new Map()));
    byKey.set(key, value);
    this.size++;
    return value;
  }
}

/**
 * Collection paths repeat (every Event and every pod is POSTed to the same one): kept per
 * resource and namespace, bounded, so a create neither builds the path nor hashes a new string.
 */
const COLLECTION_PATHS = new ResourceStrings(4096);

function collectionPath(r: ResourceInfo, namespace: string | undefined): string {
  const ns = r.namespaced && namespace ? namespace : '';
  return COLLECTION_PATHS.get(r, ns) ?? COLLECTION_PATHS.set(r, ns, joinRestPath(r, ns, undefined, undefined));
}

function joinRestPath(r: ResourceInfo, namespace: string | undefined, name: string | undefined, subresource: string | undefined): string {
  const parts = r.group ? ['/apis/', r.group, '/', r.version] : ['/api/', r.version];
  if (r.namespaced && namespace) parts.push('/namespaces/', namespace);
  parts.push('/', r.resource);
  if (name) {
    parts.push('/', name);
    if (subresource) parts.push('/', subresource);
  }
  return parts.join('');
}

/**
 * The key the API server files an object under in its resource's etcd bucket: the etcd key
 * without the resource's prefix (`<namespace>/<name>`, or `<name>`), which is the informers'
 * cache key: the string they share once the object is published (util/keys.ts). The bucket
 * stands for the prefix, so keys sort and filter as the full etcd keys would.
 */
export function storeKey(r: ResourceInfo, namespace: string | undefined, name: string): string {
  return r.namespaced ? lookupKey(namespace ?? '', name) : name;
}

/**
 * storeKey for an object about to be created: a new string without a look for a shared one
 * (the object is new to every cache; publishing it shares this string). Joined rather than
 * concatenated: a template literal makes a chain of rope nodes that etcd would keep with every
 * key, where join makes one flat string.
 */
export function newStoreKey(r: ResourceInfo, namespace: string | undefined, name: string): string {
  return r.namespaced ? [namespace ?? '', name].join('/') : name;
}

/** The full etcd key (`/registry/pods/default/web-1`) of a store key in `bucket` (a resource name). */
export function etcdKeyOf(bucket: string, key: string): string {
  const r = resourceByName(bucket);
  return r ? `${r.etcdPrefix}/${key}` : key;
}

/** Label prefixes of etcd-write records, per resource and operation. */
const TXN_PREFIXES = new ResourceStrings(256);

/** `txn put <etcd prefix>/` (or `txn delete …`): what precedes the store key in an etcd-write record's label. */
export function txnLabelPrefix(r: ResourceInfo, put: boolean): string {
  const op = put ? 'txn put ' : 'txn delete ';
  return TXN_PREFIXES.get(r, op) ?? TXN_PREFIXES.set(r, op, `${op}${r.etcdPrefix}/`);
}

/**
 * `<verb> <collection path>/` per verb, resource and namespace: a request for a named object
 * hashes its label as this prefix, the name and the subresource suffix in turn, and builds it
 * only when something records.
 */
const OBJECT_REQUEST_PREFIXES = new Map<string, ResourceStrings>();

/** `<verb> <collection path>/`: the label of a request for a named object up to the name. */
export function objectRequestPrefix(verb: string, r: ResourceInfo, namespace: string | undefined): string {
  const ns = r.namespaced && namespace ? namespace : '';
  let byVerb = OBJECT_REQUEST_PREFIXES.get(verb);
  if (byVerb === undefined) OBJECT_REQUEST_PREFIXES.set(verb, (byVerb = new ResourceStrings(1024)));
  return byVerb.get(r, ns) ?? byVerb.set(r, ns, `${verb} ${collectionPath(r, ns)}/`);
}

const SUBRESOURCE_SUFFIXES = new Map<string, string>();

/** `/<subresource>` (or '' for none): the last part of a named object's request label; a handful of constants. */
export function subresourceSuffix(subresource: string | undefined): string {
  if (!subresource) return '';
  let suffix = SUBRESOURCE_SUFFIXES.get(subresource);
  if (suffix === undefined) {
    if (SUBRESOURCE_SUFFIXES.size >= 64) SUBRESOURCE_SUFFIXES.clear();
    SUBRESOURCE_SUFFIXES.set(subresource, (suffix = `/${subresource}`));
  }
  return suffix;
}
