import type { KubeObject } from '../../../api/types';
import { accessModesText } from '../../../storage/volume-util';
import { isDefaultClass } from '../../../storage/storage-class';
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../../storage/types';
import { since } from '../../format/duration';
import type { TablePrinter } from './table';

/** printStorageClass / printPersistentVolume / printPersistentVolumeClaim of kubectl's table printers. */

export const storageClassPrinter: TablePrinter = {
  columns: ['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'],
  row(obj: KubeObject, ctx) {
    const sc = obj as StorageClass;
    return [
      isDefaultClass(sc) ? `${sc.metadata.name} (default)` : sc.metadata.name,
      sc.provisioner,
      sc.reclaimPolicy ?? 'Delete',
      sc.volumeBindingMode ?? 'Immediate',
      String(sc.allowVolumeExpansion === true),
      since(sc.metadata.creationTimestamp, ctx.nowMs),
    ];
  },
};

export const persistentVolumePrinter: TablePrinter = {
  columns: ['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE'],
  wideColumns: ['VOLUMEMODE'],
  row(obj: KubeObject, ctx) {
    const pv = obj as PersistentVolume;
    const ref = pv.spec.claimRef;
    const cells = [
      pv.metadata.name,
      pv.spec.capacity?.storage ?? '',
      accessModesText(pv.spec.accessModes),
      pv.spec.persistentVolumeReclaimPolicy ?? '',
      pv.metadata.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? ''),
      ref?.name ? `${ref.namespace ?? ''}/${ref.name}` : '',
      pv.spec.storageClassName ?? '',
      '<unset>',
      pv.status?.reason ?? '',
      since(pv.metadata.creationTimestamp, ctx.nowMs),
    ];
    return ctx.wide ? [...cells, pv.spec.volumeMode ?? 'Filesystem'] : cells;
  },
};

export const persistentVolumeClaimPrinter: TablePrinter = {
  columns: ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'],
  wideColumns: ['VOLUMEMODE'],
  row(obj: KubeObject, ctx) {
    const pvc = obj as PersistentVolumeClaim;
    const bound = !!pvc.spec.volumeName;
    const cells = [
      pvc.metadata.name,
      pvc.metadata.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? 'Pending'),
      pvc.spec.volumeName ?? '',
      bound ? (pvc.status?.capacity?.storage ?? '') : '',
      bound ? accessModesText(pvc.status?.accessModes) : '',
      pvc.spec.storageClassName ?? '',
      '<unset>',
      since(pvc.metadata.creationTimestamp, ctx.nowMs),
    ];
    return ctx.wide ? [...cells, pvc.spec.volumeMode ?? 'Filesystem'] : cells;
  },
};
