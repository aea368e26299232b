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
  it("after the node dies the replacement pod stays Pending: only the volume's node is eligible, and it is unreachable", () => {
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
        ['8m', 'kubectl get pv,pvc,sc'],
        ['8m1s', 'sandbox restore node worker-1'],
        ['9m', 'kubectl get pods -o wide'],
      ],
    }));
    expect(t.block('00:00:30', 'kubectl get pods -o wide').map(words)[1]).toMatch(/^db-\S+ 1\/1 Running 0 30s \S+ worker-1 /);
    const pods = t.block('00:08:00', 'kubectl get pods -o wide').map(words).slice(1);
    expect(pods.map((p) => p.split(' ').slice(2, 3).concat(p.split(' ').slice(6, 7)).join(' '))).toEqual(['Pending <none>', 'Terminating worker-1']);
    const events = t.block('00:08:00', 'kubectl get events --field-selector reason=FailedScheduling').map(words);
    // kube-scheduler v1.27+ (GetEligibleNodes): the bound local volume narrows the nodes to its
    // own, so the others fail VolumeBinding's PreFilter and the dead node fails on its taint.
    expect(events.at(-1)).toMatch(new RegExp(
      '^\\d+s Warning FailedScheduling pod/db-\\S+ 0/3 nodes are available: 1 node\\(s\\) had untolerated taint \\{node.kubernetes.io/unreachable: \\}, '
      + "2 node\\(s\\) didn't satisfy plugin\\(s\\) \\[VolumeBinding\\]. "
      + 'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..$',
    ));
    // The volume and its claim stay bound to the dead node's disk, whatever the scheduler says.
    const storage = t.block('00:08:00', 'kubectl get pv,pvc,sc').map(words);
    expect(storage[1]).toMatch(/^persistentvolume\/pvc-\S+ 1Gi RWO Delete Bound default\/data standard <unset> [78]m(\d+s)?$/);
    expect(storage[4]).toMatch(/^persistentvolumeclaim\/data Bound pvc-\S+ 1Gi RWO standard <unset> 8m$/);
    expect(storage.slice(5)).toEqual(['', 'NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE', 'storageclass.storage.k8s.io/standard (default) rancher.io/local-path Delete WaitForFirstConsumer false 8m11s']);
    // Once the node is back, the replacement runs there: the only place its data lives.
    const back = t.block('00:09:00', 'kubectl get pods -o wide').map(words).slice(1);
    expect(back).toHaveLength(1);
    expect(back[0]).toMatch(/^db-\S+ 1\/1 Running 0 \S+ \S+ worker-1 /);
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

const PINNED = (claim: string, node: string): string => `apiVersion: v1
kind: Pod
metadata: {name: pinned}
spec:
  nodeName: ${node}
  containers: [{name: app, image: nginx:1.27}]
  volumes: [{name: data, persistentVolumeClaim: {claimName: ${claim}}}]
`;

describe('FailedMount: a pod placed with spec.nodeName, bypassing the scheduler', () => {
  it('a missing claim keeps it ContainerCreating with the volume manager\'s message, retried every 10 s', () => {
    const t = runTranscript(inlineScenario({
      cluster: CLUSTER,
      files: { 'pod.yaml': PINNED('data', 'worker-1'), 'data.yaml': DB.split('---')[0]! },
      steps: [
        ['0s', 'kubectl apply -f pod.yaml'],
        ['30s', 'kubectl get pods'],
        ['30s', 'kubectl describe pod pinned'],
        ['31s', 'kubectl apply -f data.yaml'],
        ['90s', 'kubectl get pods'],
        ['90s', 'kubectl get events --field-selector involvedObject.name=pinned'],
      ],
    }));
    expect(words(t.block('00:00:30', 'kubectl get pods')[1]!)).toBe('pinned 0/1 ContainerCreating 0 30s');
    const events = t.block('00:00:30', 'kubectl describe pod pinned');
    expect(words(events.at(-1)!)).toBe(
      'Warning FailedMount 10s (x3 over 30s) kubelet Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: '
      + 'error processing PVC default/data: failed to fetch PVC from API server: persistentvolumeclaims "data" not found',
    );
    // A WaitForFirstConsumer claim only binds for a pod the scheduler places: with spec.nodeName
    // it stays Pending (as upstream), and the message says so.
    expect(words(t.block('00:01:30', 'kubectl get pods')[1]!)).toBe('pinned 0/1 ContainerCreating 0 90s');
    const later = t.block('00:01:30', 'kubectl get events --field-selector involvedObject.name=pinned').map(words);
    expect(later[1]).toBe('10s Warning FailedMount pod/pinned Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[data]: error processing PVC default/data: PVC is not bound');
  });

  it('a local volume on another node fails the node affinity check', () => {
    const t = runTranscript(inlineScenario({
      cluster: CLUSTER,
      files: { 'db.yaml': DB, 'pod.yaml': PINNED('data', 'worker-2') },
      steps: [['0s', 'kubectl cordon worker-2'], ['0s', 'kubectl apply -f db.yaml'], ['30s', 'kubectl apply -f pod.yaml'], ['50s', 'kubectl get pods'], ['50s', 'kubectl get events --field-selector reason=FailedMount']],
    }));
    const pvName = t.runner.cluster.objects<PersistentVolume>('persistentvolumes')[0]!.metadata.name;
    expect(words(t.block('00:00:50', 'kubectl get pods').find((l) => l.startsWith('pinned'))!)).toBe('pinned 0/1 ContainerCreating 0 20s');
    expect(words(t.block('00:00:50', 'kubectl get events --field-selector reason=FailedMount')[1]!)).toBe(
      `10s Warning FailedMount pod/pinned MountVolume.NodeAffinity check failed for volume "${pvName}" : no matching NodeSelectorTerms`,
    );
  });

  it('with zero simulated latencies a scheduled pod waits for its claim to be provisioned without a FailedMount', () => {
    const t = runTranscript(inlineScenario({ cluster: CLUSTER, files: { 'web.yaml': STS }, steps: [['0s', 'kubectl apply -f web.yaml'], ['60s', 'kubectl get pods']] }), {
      config: { freezeObjects: true, watchLatencyMs: 0, workqueueDelayMs: 0, imagePullMsPerMiB: 0, containerStartMs: 0 },
    });
    expect(t.block('00:01:00', 'kubectl get pods').map(words).slice(1).map((p) => p.split(' ').slice(0, 3).join(' '))).toEqual(['web-0 1/1 Running', 'web-1 1/1 Running']);
    expect(t.runner.cluster.objects<KubeEvent>('events').filter((e) => e.reason === 'FailedMount')).toEqual([]);
  });
});
