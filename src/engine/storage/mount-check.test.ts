import { describe, expect, it } from 'vitest';
import { makePod } from '../scheduler/testing/builders';
import { failedMountMessage } from './mount-check';
import type { PersistentVolume, PersistentVolumeClaim } from './types';

const BOUND: PersistentVolumeClaim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { volumeName: 'pv-1' }, status: { phase: 'Bound' } };
const PENDING: PersistentVolumeClaim = { ...BOUND, spec: {}, status: { phase: 'Pending' } };
const PV: PersistentVolume = {
  apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-1' },
  spec: { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['worker-1'] }] }] } } },
};

describe('FailedMount messages', () => {
  const pod = { ...makePod('db', { nodeName: 'worker-2' }), spec: { ...makePod('db').spec, volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] } };
  it.each([
    ['the claim is missing', undefined, 'worker-1', 'Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: error processing PVC default/data: failed to fetch PVC from API server: persistentvolumeclaims "data" not found'],
    ['the claim is not bound', PENDING, 'worker-1', 'Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: error processing PVC default/data: PVC is not bound'],
    ['the volume lives on another node', BOUND, 'worker-2', 'MountVolume.NodeAffinity check failed for volume "pv-1" : no matching NodeSelectorTerms'],
    ['everything in place', BOUND, 'worker-1', undefined],
  ])('%s', (_name, claim, node, want) => {
    expect(failedMountMessage(pod, { name: node, labels: { 'kubernetes.io/hostname': node } }, { claim: () => claim, volume: () => PV })).toBe(want);
  });

  it('an API server that cannot read the claim passes its error through', () => {
    const msg = failedMountMessage(pod, { name: 'worker-1', labels: {} }, { claim: () => undefined, volume: () => undefined, claimError: () => 'etcdserver: request timed out' });
    expect(msg).toBe('Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: error processing PVC default/data: failed to fetch PVC from API server: etcdserver: request timed out');
  });
});
