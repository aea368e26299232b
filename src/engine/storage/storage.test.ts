import { describe, expect, it } from 'vitest';
import type { KubeEvent } from '../api/types';
import { inlineScenario, runTranscript, words } from '../cluster/scenario-test-support';
import type { PersistentVolume } from './types';

const DB = `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: db}
spec:
  replicas: 1
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: postgres:16}]
      volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]
`;

const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  replicas: 2
  serviceName: web
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: nginx:1.27}]
  volumeClaimTemplates:
    - metadata: {name: www}
      spec:
        accessModes: [ReadWriteOnce]
        resources: {requests: {storage: 2Gi}}
`;

const CLUSTER = '{ nodes: [{ name: "worker-{i}", count: 2 }] }';

describe('local-path provisioning (WaitForFirstConsumer)', () => {
  const t = runTranscript(inlineScenario({
    cluster: CLUSTER,
    files: { 'data.yaml': DB.split('---')[0]!, 'db.yaml': DB.split('---')[1]! },
    steps: [
      ['0s', 'kubectl get sc'],
      ['0s', 'kubectl apply -f data.yaml'],
      ['5s', 'kubectl get pvc'],
      ['5s', 'kubectl get events --field-selector involvedObject.name=data'],
      ['10s', 'kubectl apply -f db.yaml'],
      ['40s', 'kubectl get pv,pvc'],
      ['40s', 'kubectl get pods -o wide'],
    ],
  }));

  it('the default class is kind\'s standard local-path class', () => {
    expect(t.block('00:00:00', 'kubectl get sc').map(words)).toEqual([
      'NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE',
      'standard (default) rancher.io/local-path Delete WaitForFirstConsumer false 11s',
    ]);
  });

  it('a claim waits for its first consumer', () => {
    expect(t.block('00:00:05', 'kubectl get pvc').map(words)).toEqual([
      'NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE',
      'data Pending standard <unset> 5s',
    ]);
    expect(t.block('00:00:05', 'kubectl get events --field-selector involvedObject.name=data').map(words)[1])
      .toBe('5s Normal WaitForFirstConsumer persistentvolumeclaim/data waiting for first consumer to be created before binding');
  });

  it('once its pod is scheduled the claim is provisioned on that node and bound', () => {
    const pods = t.block('00:00:40', 'kubectl get pods -o wide').map(words);
    const node = pods[1]!.split(' ')[6]!;
    expect(node).toMatch(/^worker-[12]$/);
    const out = t.block('00:00:40', 'kubectl get pv,pvc').map(words);
    const pvName = /^persistentvolume\/(pvc-[0-9a-f-]{36}) /.exec(out[1]!)?.[1];
    expect(pvName).toBeDefined();
    expect(out[0]).toBe('NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS VOLUMEATTRIBUTESCLASS REASON AGE');
    expect(out[1]).toBe(`persistentvolume/${pvName} 1Gi RWO Delete Bound default/data standard <unset> 30s`);
    expect(out.slice(2, 4)).toEqual(['', 'NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE']);
    expect(out[4]).toBe(`persistentvolumeclaim/data Bound ${pvName} 1Gi RWO standard <unset> 40s`);
    const pv = t.runner.cluster.api.peek<PersistentVolume>('persistentvolumes', undefined, pvName!)!;
    expect(pv.spec.nodeAffinity?.required?.nodeSelectorTerms).toEqual([{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }]);
    expect(pv.spec.hostPath?.path).toBe(`/var/local-path-provisioner/${pvName}_default_data`);
    const reasons = t.runner.cluster.objects<KubeEvent>('events').filter((e) => e.involvedObject.name === 'data').map((e) => `${e.reason}: ${e.message}`);
    expect(reasons).toContain(`ProvisioningSucceeded: Successfully provisioned volume ${pvName}`);
    expect(reasons).toContain('Provisioning: External provisioner is provisioning volume for claim "default/data"');
    expect(reasons.some((r) => r.startsWith("ExternalProvisioning: Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path'"))).toBe(true);
  });
});

describe('a local volume pins its pod to the node', () => {
  it('after the node dies the replacement pod stays Pending with the volume node affinity conflict', () => {
    const t = runTranscript(inlineScenario({
      cluster: CLUSTER,
      files: { 'db.yaml': DB },
      steps: [
        ['0s', 'kubectl cordon worker-2'],
        ['0s', 'kubectl apply -f db.yaml'],
        ['30s', 'kubectl get pods -o wide'],
        ['31s', 'kubectl uncordon worker-2'],
        ['31s', 'sandbox kill node worker-1'],
        ['8m', 'kubectl get pods -o wide'],
        ['8m', 'kubectl get events --field-selector reason=FailedScheduling'],
      ],
    }));
    expect(t.block('00:00:30', 'kubectl get pods -o wide').map(words)[1]).toMatch(/^db-\S+ 1\/1 Running 0 30s \S+ worker-1 /);
    const pods = t.block('00:08:00', 'kubectl get pods -o wide').map(words).slice(1);
    expect(pods.map((p) => p.split(' ').slice(2, 3).concat(p.split(' ').slice(6, 7)).join(' '))).toEqual(['Pending <none>', 'Terminating worker-1']);
    const events = t.block('00:08:00', 'kubectl get events --field-selector reason=FailedScheduling').map(words);
    expect(events.at(-1)).toMatch(new RegExp(
      '^\\d+s Warning FailedScheduling pod/db-\\S+ 0/3 nodes are available: 1 node\\(s\\) had untolerated taint \\{node-role.kubernetes.io/control-plane: \\}, '
      + '1 node\\(s\\) had untolerated taint \\{node.kubernetes.io/unreachable: \\}, 1 node\\(s\\) had volume node affinity conflict. '
      + 'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..$',
    ));
  });
});

describe('StatefulSet volumeClaimTemplates', () => {
  it('each pod gets its own claim <template>-<set>-<ordinal>, provisioned where it runs', () => {
    const t = runTranscript(inlineScenario({
      cluster: CLUSTER,
      files: { 'web.yaml': STS },
      steps: [['0s', 'kubectl apply -f web.yaml'], ['60s', 'kubectl get pvc'], ['60s', 'kubectl get pods']],
    }));
    const claims = t.block('00:01:00', 'kubectl get pvc').map(words).slice(1);
    expect(claims.map((c) => c.split(' ').slice(0, 2).join(' '))).toEqual(['www-web-0 Bound', 'www-web-1 Bound']);
    for (const c of claims) expect(c).toMatch(/ 2Gi RWO standard <unset> 60s$/);
    expect(t.block('00:01:00', 'kubectl get pods').map(words).slice(1).map((p) => p.split(' ').slice(0, 3).join(' '))).toEqual(['web-0 1/1 Running', 'web-1 1/1 Running']);
  });
});
