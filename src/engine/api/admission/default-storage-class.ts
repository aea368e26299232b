/** DefaultStorageClass: a claim that names no class gets the cluster's default one. */
import type { AdmissionPlugin } from '../hooks';
import type { KubeObject } from '../types';
import { recordAt } from '../validation/shape';
import { isMainResource, type ApiLookup } from './lookup';

const DEFAULT_CLASS_ANNOTATIONS = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

/** With several defaults the newest wins, ties by name (upstream GetDefaultClass). */
function defaultClass(lookup: ApiLookup): KubeObject | undefined {
  let best: KubeObject | undefined;
  for (const sc of lookup.list('storageclasses')) {
    if (!DEFAULT_CLASS_ANNOTATIONS.some((a) => sc.metadata.annotations?.[a] === 'true')) continue;
    const newer = !best || (sc.metadata.creationTimestamp ?? '') > (best.metadata.creationTimestamp ?? '')
      || ((sc.metadata.creationTimestamp ?? '') === (best.metadata.creationTimestamp ?? '') && sc.metadata.name < best.metadata.name);
    if (newer) best = sc;
  }
  return best;
}

export function defaultStorageClass(lookup: ApiLookup): AdmissionPlugin {
  return {
    name: 'DefaultStorageClass',
    admit(a) {
      if (a.operation !== 'CREATE' || !isMainResource(a, 'PersistentVolumeClaim')) return undefined;
      const spec = recordAt(a.object, 'spec');
      // An explicit "" asks for no class; only an absent field gets the default.
      if (!spec || (spec.storageClassName !== undefined && spec.storageClassName !== null)) return undefined;
      const cls = defaultClass(lookup);
      if (cls) spec.storageClassName = cls.metadata.name;
      return undefined;
    },
  };
}
