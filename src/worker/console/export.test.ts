import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/types';
import { rfc3339 } from '../../engine/sim/time';
import { cleanForExport, isUserObject } from './export';

const START_MS = 60_000;

function obj(kind: string, name: string, extra: Partial<KubeObject> & { meta?: Partial<KubeObject['metadata']> } = {}): KubeObject {
  const { meta, ...rest } = extra;
  return { apiVersion: 'v1', kind, metadata: { name, namespace: 'default', creationTimestamp: rfc3339(START_MS + 5000), uid: 'u-1', resourceVersion: '42', ...meta }, ...rest };
}

describe('isUserObject', () => {
  it.each<[string, KubeObject, boolean, boolean]>([
    ['a Deployment the user made', obj('Deployment', 'web'), false, true],
    ['made during bootstrap', obj('Deployment', 'coredns', { meta: { creationTimestamp: rfc3339(START_MS - 2000) } }), false, false],
    ['owned by a ReplicaSet', obj('Pod', 'web-1', { meta: { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'x', controller: true }] } }), false, false],
    ['in kube-system', obj('ConfigMap', 'x', { meta: { namespace: 'kube-system' } }), false, false],
    ['an Event', obj('Event', 'x.1'), false, false],
    ['the default ServiceAccount', obj('ServiceAccount', 'default'), false, false],
    ['kube-root-ca.crt', obj('ConfigMap', 'kube-root-ca.crt'), false, false],
    ['a Helm release Secret, even with Helm objects', obj('Secret', 'sh.helm.release.v1.a.v1', { type: 'helm.sh/release.v1' }), true, false],
    ['Helm-managed, not asked for', obj('Service', 'a', { meta: { labels: { 'app.kubernetes.io/managed-by': 'Helm' } } }), false, false],
    ['Helm-managed, asked for', obj('Service', 'a', { meta: { labels: { 'app.kubernetes.io/managed-by': 'Helm' } } }), true, true],
    ['no creation time', obj('ConfigMap', 'x', { meta: { creationTimestamp: undefined } }), false, false],
  ])('%s', (_name, o, includeHelm, expected) => {
    expect(isUserObject(o, START_MS, includeHelm)).toBe(expected);
  });
});

describe('cleanForExport', () => {
  it('drops status and server metadata, keeps what the user wrote', () => {
    const o = obj('Deployment', 'web', {
      meta: { generation: 3, labels: { app: 'web' }, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', 'deployment.kubernetes.io/revision': '2', team: 'a' } },
      spec: { replicas: 2 },
      status: { replicas: 2 },
    });
    expect(cleanForExport(o)).toEqual({ apiVersion: 'v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, annotations: { team: 'a' } }, spec: { replicas: 2 } });
    expect(o.metadata.uid).toBe('u-1');
  });

  it.each<[string, KubeObject, unknown]>([
    ['Service: allocated cluster IPs go', obj('Service', 's', { spec: { clusterIP: '10.96.0.7', clusterIPs: ['10.96.0.7'], ports: [{ port: 80 }] } }), { ports: [{ port: 80 }] }],
    ['Service: headless stays headless', obj('Service', 's', { spec: { clusterIP: 'None', clusterIPs: ['None'] } }), { clusterIP: 'None', clusterIPs: ['None'] }],
    ['Pod: binding and computed priority go', obj('Pod', 'p', { spec: { nodeName: 'worker-1', priority: 0, containers: [] } }), { containers: [] }],
    ['PVC: bound volume goes', obj('PersistentVolumeClaim', 'c', { spec: { volumeName: 'pvc-1', resources: {} } }), { resources: {} }],
    ['Job: generated selector and uid labels go', obj('Job', 'j', { spec: { selector: { matchLabels: { 'controller-uid': 'x' } }, template: { metadata: { labels: { 'controller-uid': 'x', 'batch.kubernetes.io/controller-uid': 'x', app: 'j' } } } } }), { template: { metadata: { labels: { app: 'j' } } } }],
  ])('%s', (_name, o, spec) => {
    expect(cleanForExport(o).spec).toEqual(spec);
  });
});
