import type { NodeSelectorTerm, Pod } from '../api/types';
import { bytes } from '../util/quantity';
import { anyTermMatches } from '../scheduler/plugins/helpers/node-selector';
import type { PersistentVolume, PersistentVolumeAccessMode, PersistentVolumeClaim, StorageClass, VolumeBindingMode } from './types';

/** Pure helpers the PV controller, the provisioner and the VolumeBinding plugin share. */

/** `ReadWriteOnce,ReadOnlyMany` → `RWO,ROX` (helper.GetAccessModesAsString). */
export function accessModesText(modes: readonly PersistentVolumeAccessMode[] | undefined): string {
  const short: Record<PersistentVolumeAccessMode, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };
  const order: PersistentVolumeAccessMode[] = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];
  return order.filter((m) => (modes ?? []).includes(m)).map((m) => short[m]).join(',');
}

/** The claim's class name: spec.storageClassName, '' when unset (no class). */
export function claimClass(pvc: PersistentVolumeClaim): string {
  return pvc.spec.storageClassName ?? '';
}

export function claimRequestBytes(pvc: PersistentVolumeClaim): number {
  return bytes(pvc.spec.resources?.requests?.storage ?? '0');
}

/** A claim with no class, or whose class is unknown, binds immediately (upstream IsDelayBindingMode). */
export function bindingMode(cls: StorageClass | undefined): VolumeBindingMode {
  return cls?.volumeBindingMode ?? 'Immediate';
}

export function claimKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** The PersistentVolumeClaims a pod mounts, by name, in volume order. */
export function podClaimNames(pod: Pod): string[] {
  const out: string[] = [];
  for (const v of pod.spec.volumes ?? []) if (v.persistentVolumeClaim?.claimName) out.push(v.persistentVolumeClaim.claimName);
  return out;
}

export function pvTerms(pv: PersistentVolume): readonly NodeSelectorTerm[] | undefined {
  return pv.spec.nodeAffinity?.required?.nodeSelectorTerms;
}

/** upstream CheckNodeAffinity: a volume without required node affinity is reachable from every node. */
export function volumeFitsNode(pv: PersistentVolume, labels: Readonly<Record<string, string>>, nodeName: string): boolean {
  const terms = pvTerms(pv);
  return terms === undefined || anyTermMatches(terms, labels, nodeName);
}

/** The claim already belongs to this volume: claimRef by name + namespace, and uid when both have one. */
export function claimRefMatches(pv: PersistentVolume, pvc: PersistentVolumeClaim): boolean {
  const ref = pv.spec.claimRef;
  if (!ref || ref.name !== pvc.metadata.name || (ref.namespace ?? '') !== (pvc.metadata.namespace ?? 'default')) return false;
  return !ref.uid || !pvc.metadata.uid || ref.uid === pvc.metadata.uid;
}

/**
 * upstream findMatchingVolume, simplified: same class, every requested access mode, enough
 * capacity, free (or already claimed by this claim), not being deleted; the smallest wins.
 * `fits` narrows by node for delayed binding.
 */
export function findMatchingVolume(pvc: PersistentVolumeClaim, pvs: Iterable<PersistentVolume>, fits: (pv: PersistentVolume) => boolean = () => true): PersistentVolume | undefined {
  const want = claimRequestBytes(pvc);
  const modes = pvc.spec.accessModes ?? [];
  let best: PersistentVolume | undefined;
  let bestSize = Infinity;
  for (const pv of pvs) {
    if (pv.metadata.deletionTimestamp) continue;
    if (pv.spec.claimRef && !claimRefMatches(pv, pvc)) continue;
    if (pv.spec.claimRef && claimRefMatches(pv, pvc) && fits(pv)) return pv;
    if ((pv.spec.storageClassName ?? '') !== claimClass(pvc)) continue;
    if (pv.status?.phase !== undefined && pv.status.phase !== 'Available' && pv.status.phase !== 'Pending') continue;
    if (!modes.every((m) => (pv.spec.accessModes ?? []).includes(m))) continue;
    const size = bytes(pv.spec.capacity?.storage ?? '0');
    if (size < want || !fits(pv)) continue;
    if (size < bestSize || (size === bestSize && best && pv.metadata.name < best.metadata.name)) {
      best = pv;
      bestSize = size;
    }
  }
  return best;
}
