import { fromGoValue, type GoMap } from './template/value';

/**
 * Ownership metadata Helm stamps on every object it creates, and the check it runs before
 * adopting an object that already exists (pkg/action/validate.go).
 */

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const RELEASE_NAME_ANNOTATION = 'meta.helm.sh/release-name';
export const RELEASE_NAMESPACE_ANNOTATION = 'meta.helm.sh/release-namespace';

type Json = Record<string, unknown>;

function record(v: unknown): Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v)) : {};
}

/** A manifest's object as plain JSON with Helm's label and annotations added (input untouched). */
export function withReleaseMetadata(object: GoMap, releaseName: string, releaseNamespace: string): Json {
  const obj = record(fromGoValue(object));
  const metadata = record(obj['metadata']);
  metadata['labels'] = { ...record(metadata['labels']), [MANAGED_BY_LABEL]: 'Helm' };
  metadata['annotations'] = { ...record(metadata['annotations']), [RELEASE_NAME_ANNOTATION]: releaseName, [RELEASE_NAMESPACE_ANNOTATION]: releaseNamespace };
  obj['metadata'] = metadata;
  return obj;
}

function check(map: Json, key: string, want: string, what: 'label' | 'annotation'): string | undefined {
  const got = map[key];
  if (got === undefined) return `${what} validation error: missing key ${JSON.stringify(key)}: must be set to ${JSON.stringify(want)}`;
  if (got !== want) return `${what} validation error: key ${JSON.stringify(key)} must equal ${JSON.stringify(want)}: current value is ${JSON.stringify(got)}`;
  return undefined;
}

/**
 * Whether an existing object may be taken over by this release; the error text is Helm's
 * (the installer prefixes `rendered manifests contain a resource that already exists…`).
 */
export function checkOwnership(existing: { kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> } }, releaseName: string, releaseNamespace: string): string | undefined {
  const labels = existing.metadata.labels ?? {};
  const annotations = existing.metadata.annotations ?? {};
  const errs = [
    check(labels, MANAGED_BY_LABEL, 'Helm', 'label'),
    check(annotations, RELEASE_NAME_ANNOTATION, releaseName, 'annotation'),
    check(annotations, RELEASE_NAMESPACE_ANNOTATION, releaseNamespace, 'annotation'),
  ].filter((e): e is string => e !== undefined);
  if (errs.length === 0) return undefined;
  // Helm's resourceString names the namespace even for cluster-scoped objects (`in namespace ""`).
  const where = ` in namespace ${JSON.stringify(existing.metadata.namespace ?? '')}`;
  return `${existing.kind} ${JSON.stringify(existing.metadata.name)}${where} exists and cannot be imported into the current release: invalid ownership metadata; ${errs.join('; ')}`;
}
