import type { Distribution } from '../cluster/cluster-spec';
import { LOCAL_PATH_PROVISIONER, StorageAnnotation, type StorageClass } from './types';

/**
 * The default StorageClass each distribution ships: k3s's `local-path`, and kind's
 * `standard` (kind runs the same rancher.io/local-path provisioner) for the kubeadm flavour.
 */
export function defaultStorageClass(distribution: Distribution): StorageClass {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: distribution === 'k3s' ? 'local-path' : 'standard', annotations: { [StorageAnnotation.isDefaultClass]: 'true' } },
    provisioner: LOCAL_PATH_PROVISIONER,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  };
}

/** Where the provisioner makes each volume's directory on the node. */
export function localPathRoot(distribution: Distribution): string {
  return distribution === 'k3s' ? '/var/lib/rancher/k3s/storage' : '/var/local-path-provisioner';
}

export function isDefaultClass(sc: StorageClass): boolean {
  const v = sc.metadata.annotations?.[StorageAnnotation.isDefaultClass] ?? sc.metadata.annotations?.['storageclass.beta.kubernetes.io/is-default-class'];
  return v === 'true';
}
