import type { KubeObject, LabelSelector, NodeSelectorTerm, ResourceList } from '../api/types';

/** storage.k8s.io/v1 and core/v1 storage kinds, spelled as upstream spells them. */

export type PersistentVolumeAccessMode = 'ReadWriteOnce' | 'ReadOnlyMany' | 'ReadWriteMany' | 'ReadWriteOncePod';
export type ReclaimPolicy = 'Retain' | 'Delete' | 'Recycle';
export type VolumeBindingMode = 'Immediate' | 'WaitForFirstConsumer';

export interface StorageClass extends KubeObject {
  kind: 'StorageClass';
  provisioner: string;
  reclaimPolicy?: ReclaimPolicy;
  volumeBindingMode?: VolumeBindingMode;
  allowVolumeExpansion?: boolean;
  parameters?: Record<string, string>;
}

export interface ObjectReference {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
}

export interface PersistentVolume extends KubeObject {
  kind: 'PersistentVolume';
  spec: {
    capacity?: ResourceList;
    accessModes?: PersistentVolumeAccessMode[];
    persistentVolumeReclaimPolicy?: ReclaimPolicy;
    storageClassName?: string;
    volumeMode?: 'Filesystem' | 'Block';
    claimRef?: ObjectReference;
    hostPath?: { path: string; type?: string };
    local?: { path: string };
    nfs?: { server: string; path: string };
    nodeAffinity?: { required?: { nodeSelectorTerms: NodeSelectorTerm[] } };
  };
  status?: { phase?: 'Pending' | 'Available' | 'Bound' | 'Released' | 'Failed'; reason?: string; message?: string; lastPhaseTransitionTime?: string };
}

export interface PersistentVolumeClaim extends KubeObject {
  kind: 'PersistentVolumeClaim';
  spec: {
    accessModes?: PersistentVolumeAccessMode[];
    resources?: { requests?: ResourceList; limits?: ResourceList };
    storageClassName?: string | null;
    volumeName?: string;
    volumeMode?: 'Filesystem' | 'Block';
    selector?: LabelSelector;
  };
  status?: { phase?: 'Pending' | 'Bound' | 'Lost'; accessModes?: PersistentVolumeAccessMode[]; capacity?: ResourceList };
}

/** Annotations the PV controller, the scheduler and provisioners agree on (upstream pv_controller.go). */
export const StorageAnnotation = {
  /** Set by the scheduler (VolumeBinding PreBind) on a WaitForFirstConsumer claim: provision there. */
  selectedNode: 'volume.kubernetes.io/selected-node',
  /** Set by the PV controller: which provisioner should act on the claim. */
  storageProvisioner: 'volume.kubernetes.io/storage-provisioner',
  betaStorageProvisioner: 'volume.beta.kubernetes.io/storage-provisioner',
  /** On a PV: who provisioned it (the provisioner deletes it on reclaim). */
  provisionedBy: 'pv.kubernetes.io/provisioned-by',
  /** On claim and volume once the controller bound them. */
  bindCompleted: 'pv.kubernetes.io/bind-completed',
  boundByController: 'pv.kubernetes.io/bound-by-controller',
  isDefaultClass: 'storageclass.kubernetes.io/is-default-class',
} as const;

/** k3s's local-path-provisioner (also the default class of kind clusters). */
export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';
/** Static local volumes: no dynamic provisioning, binding waits for the consumer. */
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';
