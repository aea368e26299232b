import type { Node, Pod } from '../api/types';
import type { PersistentVolume, PersistentVolumeClaim } from './types';
import { volumeFitsNode } from './volume-util';

/**
 * What the kubelet's volume manager says (Warning `FailedMount`) when a pod's claims cannot
 * be mounted on its node: a missing or unbound claim, or a volume whose node affinity
 * excludes the node (a pod placed with spec.nodeName, bypassing the scheduler). undefined =
 * every claim can be mounted. For the kubelet to call before it starts the pod's containers.
 */
export interface MountLookups {
  claim(namespace: string, name: string): PersistentVolumeClaim | undefined;
  volume(name: string): PersistentVolume | undefined;
}

export function failedMountMessage(pod: Pod, node: Node, lookups: MountLookups): string | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  const failed: string[] = [];
  let detail = '';
  for (const v of pod.spec.volumes ?? []) {
    const name = v.persistentVolumeClaim?.claimName;
    if (!name) continue;
    const pvc = lookups.claim(ns, name);
    const pv = pvc?.spec.volumeName ? lookups.volume(pvc.spec.volumeName) : undefined;
    if (pv && !volumeFitsNode(pv, node.metadata.labels ?? {}, node.metadata.name)) {
      return `MountVolume.NodeAffinity check failed for volume "${pv.metadata.name}" : no matching NodeSelectorTerms`;
    }
    if (pv && pvc?.status?.phase === 'Bound') continue;
    failed.push(v.name);
    detail ||= !pvc
      ? `error processing PVC ${ns}/${name}: failed to fetch PVC from API server: persistentvolumeclaims "${name}" not found`
      : `error processing PVC ${ns}/${name}: PVC is not bound`;
  }
  if (failed.length === 0) return undefined;
  return `Unable to attach or mount volumes: unmounted volumes=[${failed.join(' ')}], unattached volumes=[], failed to process volumes=[${failed.join(' ')}]: ${detail}`;
}
