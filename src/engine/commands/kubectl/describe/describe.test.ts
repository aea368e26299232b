import { describe, expect, it } from 'vitest';
import type { KubeEvent, Node, Pod } from '../../../api/types';
import { rfc3339 } from '../../../sim/time';
import { BareHost } from '../../test-host';
import { smartLabel } from './generic';

const NOW = 400_000;

function webPod(): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web-5dd5756b68-x8k2p',
      namespace: 'default',
      labels: { app: 'web', 'pod-template-hash': '5dd5756b68' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5dd5756b68', uid: 'rs-uid', controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      nodeName: 'worker-1',
      serviceAccountName: 'default',
      priority: 0,
      containers: [{
        name: 'web',
        image: 'nginx:1.25',
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        resources: { requests: { cpu: '100m', memory: '64Mi' } },
        readinessProbe: { httpGet: { path: '/', port: 80 } },
      }],
      tolerations: [
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
    },
    status: {
      phase: 'Running',
      hostIP: '172.18.0.3',
      podIP: '10.244.1.5',
      podIPs: [{ ip: '10.244.1.5' }],
      startTime: rfc3339(1_000),
      qosClass: 'Burstable',
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True' as const })),
      containerStatuses: [{
        name: 'web', image: 'nginx:1.25', imageID: 'docker.io/library/nginx@sha256:def', containerID: 'containerd://abc',
        ready: true, started: true, restartCount: 0, state: { running: { startedAt: rfc3339(3_000) } },
      }],
    },
  };
}

function event(name: string, pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string, source: string, firstMs: number, lastMs: number, count: number): KubeEvent {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: 'default' },
    involvedObject: { kind: 'Pod', name: pod.metadata.name, namespace: 'default', uid: pod.metadata.uid },
    type, reason, message, source: { component: source }, count,
    firstTimestamp: rfc3339(firstMs), lastTimestamp: rfc3339(lastMs),
  };
}

describe('kubectl describe', () => {
  it('describes a pod in kubectl\'s layout, events with (xN over …)', () => {
    const h = new BareHost();
    h.seed('pods', webPod());
    const pod = h.api.peek<Pod>('pods', 'default', 'web-5dd5756b68-x8k2p')!;
    h.seed('events',
      event('e1', pod, 'Normal', 'Scheduled', 'Successfully assigned default/web-5dd5756b68-x8k2p to worker-1', 'default-scheduler', 0, 0, 1),
      event('e2', pod, 'Warning', 'BackOff', 'Back-off pulling image "nginx:1.25"', 'kubelet', NOW - 300_000, NOW - 15_000, 20),
      { ...event('e3', pod, 'Normal', 'Pulled', 'an older pod with the same name', 'kubelet', 0, 0, 1), involvedObject: { kind: 'Pod', name: pod.metadata.name, namespace: 'default', uid: 'other' } },
    );
    h.advance(NOW);
    const proc = h.run('kubectl describe pod web-5dd5756b68-x8k2p');
    expect(proc.exitCode).toBe(0);
    expect(proc.text()).toBe(`Name:             web-5dd5756b68-x8k2p
Namespace:        default
Priority:         0
Service Account:  default
Node:             worker-1/172.18.0.3
Start Time:       Thu, 01 Jan 2026 09:00:01 +0000
Labels:           app=web
                  pod-template-hash=5dd5756b68
Annotations:      <none>
Status:           Running
IP:               10.244.1.5
IPs:
  IP:           10.244.1.5
Controlled By:  ReplicaSet/web-5dd5756b68
Containers:
  web:
    Container ID:   containerd://abc
    Image:          nginx:1.25
    Image ID:       docker.io/library/nginx@sha256:def
    Port:           80/TCP
    Host Port:      0/TCP
    State:          Running
      Started:      Thu, 01 Jan 2026 09:00:03 +0000
    Ready:          True
    Restart Count:  0
    Requests:
      cpu:        100m
      memory:     64Mi
    Readiness:    http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3
    Environment:  <none>
    Mounts:       <none>
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:                      <none>
QoS Class:                    Burstable
Node-Selectors:               <none>
Tolerations:                  node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                              node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type     Reason     Age                From               Message
  ----     ------     ----               ----               -------
  Normal   Scheduled  6m40s              default-scheduler  Successfully assigned default/web-5dd5756b68-x8k2p to worker-1
  Warning  BackOff    15s (x20 over 5m)  kubelet            Back-off pulling image "nginx:1.25"`);
  });

  it('prefix-matches names and separates objects with two blank lines; NotFound otherwise', () => {
    const h = new BareHost();
    const base = webPod();
    h.seed('pods', { ...base, metadata: { ...base.metadata, name: 'web-a' } }, { ...base, metadata: { ...base.metadata, name: 'web-b' } });
    const text = h.run('kubectl describe pods web').text().split('\n');
    expect(text.filter((l) => l.startsWith('Name:'))).toEqual(['Name:             web-a', 'Name:             web-b']);
    expect(text[text.indexOf('Name:             web-b') - 1]).toBe('');
    expect(text[text.indexOf('Name:             web-b') - 2]).toBe('');
    const missing = h.run('kubectl describe pod nope');
    expect([missing.exitCode, missing.text()]).toEqual([1, 'Error from server (NotFound): pods "nope" not found']);
  });

  it('describes a node with its taints, lease, capacity and allocated resources', () => {
    const h = new BareHost();
    const node: Node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'worker-1', labels: { 'kubernetes.io/hostname': 'worker-1' } },
      spec: { podCIDR: '10.244.1.0/24', unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }, { key: 'dedicated', value: 'gpu', effect: 'NoExecute' }] },
      status: {
        capacity: { cpu: '4', memory: '8Gi', pods: '110' },
        allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: rfc3339(0), lastTransitionTime: rfc3339(0) }],
        addresses: [{ type: 'InternalIP', address: '172.18.0.3' }, { type: 'Hostname', address: 'worker-1' }],
        nodeInfo: { kubeletVersion: 'v1.34.1', osImage: 'Ubuntu 24.04.3 LTS', kernelVersion: '6.8.0', containerRuntimeVersion: 'containerd://2.1.3', operatingSystem: 'linux', architecture: 'amd64' },
      },
    };
    h.seed('nodes', node);
    h.seed('pods', webPod());
    h.advance(NOW);
    const text = h.run('kubectl describe node worker-1').text();
    expect(text).toContain(`Taints:             dedicated=gpu:NoExecute
                    node.kubernetes.io/unschedulable:NoSchedule
Unschedulable:      true
Lease:
  HolderIdentity:  <unset>
  AcquireTime:     <unset>
  RenewTime:       <unset>
Conditions:
  Type    Status  LastHeartbeatTime                 LastTransitionTime                Reason         Message
  ----    ------  -----------------                 ------------------                ------         -------
  Ready   True    Thu, 01 Jan 2026 09:00:00 +0000   Thu, 01 Jan 2026 09:00:00 +0000   KubeletReady   kubelet is posting ready status
Addresses:
  InternalIP:  172.18.0.3
  Hostname:    worker-1
Capacity:
  cpu:     4
  memory:  8Gi
  pods:    110
Allocatable:
  cpu:     4
  memory:  8Gi
  pods:    110
System Info:
  Machine ID:                 
  System UUID:                
  Boot ID:                    
  Kernel Version:             6.8.0
  OS Image:                   Ubuntu 24.04.3 LTS
  Operating System:           linux
  Architecture:               amd64
  Container Runtime Version:  containerd://2.1.3
  Kubelet Version:            v1.34.1
PodCIDR:                      10.244.1.0/24
Non-terminated Pods:          (1 in total)
  Namespace                   Name                    CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----                    ------------  ----------  ---------------  -------------  ---
  default                     web-5dd5756b68-x8k2p    100m (2%)     0 (0%)      64Mi (0%)        0 (0%)         6m40s
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests   Limits
  --------           --------   ------
  cpu                100m (2%)  0 (0%)
  memory             64Mi (0%)  0 (0%)
  ephemeral-storage  0 (0%)     0 (0%)
Events:              <none>`);
  });
});

describe('smartLabel (kubectl generic describer)', () => {
  it.each([
    ['apiVersion', 'API Version'],
    ['creationTimestamp', 'Creation Timestamp'],
    ['uid', 'UID'],
    ['hostIP', 'Host IP'],
    ['podCIDR', 'Pod CIDR'],
    ['revisionHistoryLimit', 'Revision History Limit'],
    ['k8s-app', 'k8s-app'],
    ['HTMLParser', 'HTML Parser'],
  ])('%s → %s', (field, label) => {
    expect(smartLabel(field)).toBe(label);
  });
});
