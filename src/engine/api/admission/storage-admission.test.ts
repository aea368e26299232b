import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { bootCluster, create, outcome } from './test-cluster';

function claim(name: string, spec: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec } };
}

describe('DefaultStorageClass admission and storage validation', () => {
  const c = bootCluster();

  it.each([
    ['no class: the default one', {}, 'standard'],
    ['an explicit "" asks for no class', { storageClassName: '' }, ''],
    ['a named class is kept', { storageClassName: 'fast' }, 'fast'],
  ])('%s', (_name, spec, want) => {
    const r = create<KubeObject & { spec: { storageClassName?: string } }>(c, 'persistentvolumeclaims', claim(`c-${want || 'none'}`, spec));
    expect(r.ok && r.value.spec.storageClassName).toBe(want);
  });

  it.each([
    ['persistentvolumeclaims', claim('no-modes', { accessModes: [] }), 'PersistentVolumeClaim "no-modes" is invalid: spec.accessModes: Required value: at least 1 access mode is required'],
    ['persistentvolumeclaims', claim('no-size', { resources: {} }), 'PersistentVolumeClaim "no-size" is invalid: spec.resources[storage]: Required value'],
    ['persistentvolumeclaims', claim('bad-mode', { accessModes: ['ReadWriteAlways'] }), 'PersistentVolumeClaim "bad-mode" is invalid: spec.accessModes: Unsupported value: "ReadWriteAlways": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"'],
    ['persistentvolumes', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv' }, spec: { accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } } }, 'PersistentVolume "pv" is invalid: spec: Required value: must specify a volume type'],
    ['storageclasses', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'x' } }, 'StorageClass.storage.k8s.io "x" is invalid: provisioner: Required value'],
    ['storageclasses', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'y' }, provisioner: 'p', volumeBindingMode: 'Later' }, 'StorageClass.storage.k8s.io "y" is invalid: volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"'],
  ])('rejects %s %#', (resource, obj, message) => {
    expect(outcome(create(c, resource, obj))).toBe(message);
  });
});
