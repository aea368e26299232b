import { restPath, type ResourceInfo } from './resources';

/**
 * Request-record labels of named objects (`PUT /api/v1/namespaces/default/pods/web-1/status`)
 * in parts: the part before the name repeats (one per verb, resource and namespace) and is
 * kept, so a request hashes the label in parts and builds it only when something records.
 */

const MAX_PREFIXES = 4096;
let prefixes = new Map<string, Map<ResourceInfo, Map<string, string>>>();
let count = 0;

/** `<verb> <collection path>/`: the label of a request for a named object up to the name. */
export function objectRequestPrefix(verb: string, r: ResourceInfo, namespace: string | undefined): string {
  const ns = r.namespaced && namespace ? namespace : '';
  let byResource = prefixes.get(verb);
  if (byResource === undefined) prefixes.set(verb, (byResource = new Map()));
  let byNamespace = byResource.get(r);
  if (byNamespace === undefined) byResource.set(r, (byNamespace = new Map()));
  let prefix = byNamespace.get(ns);
  if (prefix === undefined) {
    if (count >= MAX_PREFIXES) {
      prefixes = new Map([[verb, (byResource = new Map([[r, (byNamespace = new Map())]]))]]);
      count = 0;
    }
    prefix = `${verb} ${restPath(r, ns)}/`;
    byNamespace.set(ns, prefix);
    count++;
  }
  return prefix;
}

const SUFFIXES = new Map<string, string>();

/** `/<subresource>` (or '' for none): a handful of constants. */
export function subresourceSuffix(subresource: string | undefined): string {
  if (!subresource) return '';
  let suffix = SUFFIXES.get(subresource);
  if (suffix === undefined) {
    if (SUFFIXES.size >= 64) SUFFIXES.clear();
    suffix = `/${subresource}`;
    SUFFIXES.set(subresource, suffix);
  }
  return suffix;
}
