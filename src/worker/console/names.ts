import { resolveResource } from '../../engine/api/resources';
import type { KubeObject, Secret } from '../../engine/api/types';
import { FILES_SOURCE, RELEASES_SOURCE, type NameSource } from '../../protocol/console';

/** Completion never offers more names than this (a terminal would ask "show all 5000?"). */
export const MAX_NAMES = 500;

export interface NameLookup {
  objects<T extends KubeObject>(resource: string): T[];
  readonly files: ReadonlyMap<string, string>;
}

function inNamespace(o: KubeObject, namespace: string | null): boolean {
  return namespace === null || o.metadata.namespace === undefined || o.metadata.namespace === namespace;
}

/**
 * Names for tab completion: live objects of a resource (any alias kubectl accepts),
 * Helm release names (from their storage Secrets), or the scenario's files. Sorted, unique.
 */
export function completionNames(src: NameLookup, source: NameSource, namespace: string | null): string[] {
  let names: string[];
  if (source === FILES_SOURCE) names = [...src.files.keys()];
  else if (source === RELEASES_SOURCE) {
    names = src
      .objects<Secret>('secrets')
      .filter((s) => s.type === 'helm.sh/release.v1' && s.metadata.labels?.owner === 'helm' && inNamespace(s, namespace))
      .map((s) => s.metadata.labels?.name ?? '');
  } else {
    const r = resolveResource(source.toLowerCase());
    if (!r) return [];
    names = src
      .objects(r.resource)
      .filter((o) => !r.namespaced || inNamespace(o, namespace))
      .map((o) => o.metadata.name ?? '');
  }
  return [...new Set(names.filter((n) => n !== ''))].sort().slice(0, MAX_NAMES);
}
