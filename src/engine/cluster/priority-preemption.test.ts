import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { inlineScenario, runTranscript, words } from './scenario-test-support';

const CLASSES = `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: low}
value: 10
`;

function deployment(name: string, replicas: number, cpu: string, priorityClass: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      priorityClassName: ${priorityClass}
      containers: [{name: app, image: nginx:1.27, resources: {requests: {cpu: ${cpu}}}}]
`;
}

describe('priorities and preemption', () => {
  const t = runTranscript(inlineScenario({
    cluster: '{ nodes: [{ name: "worker-{i}", count: 1, capacity: { cpu: "2" } }] }',
    files: { 'classes.yaml': CLASSES, 'batch.yaml': deployment('batch', 2, '800m', 'low'), 'api.yaml': deployment('api', 1, '1', 'high') },
    steps: [
      ['0s', 'kubectl apply -f classes.yaml'],
      ['0s', 'kubectl get priorityclasses'],
      ['1s', 'kubectl apply -f batch.yaml'],
      ['20s', 'kubectl get pods -o wide'],
      ['21s', 'kubectl apply -f api.yaml'],
      ['22s', 'kubectl get pods -o wide'],
      ['22s', 'kubectl describe pod -l app=api'],
      ['60s', 'kubectl get pods -o wide'],
      ['60s', 'kubectl get events --field-selector reason=Preempted'],
      ['60s', 'kubectl get events --field-selector reason=FailedScheduling'],
    ],
  }));
  const c = t.runner.cluster;

  it('the system classes exist from boot beside the user\'s', () => {
    expect(t.block('00:00:00', 'kubectl get priorityclasses').map(words)).toEqual([
      'NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY',
      'high 1000 false 0s PreemptLowerPriority',
      'low 10 false 0s PreemptLowerPriority',
      'system-cluster-critical 2000000000 false 11s PreemptLowerPriority',
      'system-node-critical 2000001000 false 11s PreemptLowerPriority',
    ]);
    const api = c.objects<Pod>('pods').find((p) => p.metadata.labels?.app === 'api');
    expect(api?.spec.priority).toBe(1000);
  });

  it('the higher-priority pod is nominated to the node and a lower-priority victim is preempted', () => {
    const before = t.block('00:00:20', 'kubectl get pods -o wide').map(words).slice(1);
    expect(before.map((l) => l.split(' ').slice(2, 3).concat(l.split(' ').slice(6, 7)).join(' '))).toEqual(['Running worker-1', 'Running worker-1']);
    const nominated = t.block('00:00:22', 'kubectl get pods -o wide').map(words).find((l) => l.startsWith('api-'));
    expect(nominated).toMatch(/^api-\S+ 0\/1 Pending 0 1s <none> <none> worker-1 <none>$/);
    const preempted = t.block('00:01:00', 'kubectl get events --field-selector reason=Preempted').map(words);
    const apiUid = c.objects<Pod>('pods').find((p) => p.metadata.labels?.app === 'api')?.metadata.uid;
    expect(preempted[1]).toMatch(/^\d+s Normal Preempted pod\/batch-\S+ Preempted by pod \S+ on node worker-1$/);
    expect(preempted[1]!.endsWith(`Preempted by pod ${apiUid} on node worker-1`)).toBe(true);
    const victim = preempted[1]!.split(' ')[3]!.slice('pod/'.length);
    expect(before.map((l) => l.split(' ')[0])).toContain(victim);
    expect(c.objects<Pod>('pods').some((p) => p.metadata.name === victim)).toBe(false);
  });

  it('kubectl describe shows the priority, the nomination and a FailedScheduling without a preemption suffix (PostFilter succeeded)', () => {
    const d = t.block('00:00:22', 'kubectl describe pod -l app=api');
    expect(d).toContain('Priority:             1000');
    expect(d).toContain('Priority Class Name:  high');
    expect(d).toContain('NominatedNodeName:    worker-1');
    expect(words(d.at(-1)!)).toBe('Warning FailedScheduling 1s default-scheduler 0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }.');
  });

  it('system pods carry the system classes\' priorities', () => {
    const pods = c.objects<Pod>('pods').filter((p) => p.metadata.namespace === 'kube-system');
    const byPrefix = (prefix: string): Pod[] => pods.filter((p) => p.metadata.name.startsWith(prefix));
    for (const p of [...byPrefix('kube-apiserver-'), ...byPrefix('etcd-'), ...byPrefix('kube-scheduler-'), ...byPrefix('kube-proxy-')]) {
      expect([p.metadata.name, p.spec.priorityClassName, p.spec.priority]).toEqual([p.metadata.name, 'system-node-critical', 2000001000]);
    }
    expect(byPrefix('coredns-').map((p) => [p.spec.priorityClassName, p.spec.priority])).toEqual([['system-cluster-critical', 2000000000], ['system-cluster-critical', 2000000000]]);
    expect(byPrefix('etcd-')).toHaveLength(1);
  });

  it('afterwards the high-priority pod runs and the displaced low-priority replica waits with the reason', () => {
    const after = t.block('00:01:00', 'kubectl get pods -o wide').map(words).slice(1);
    expect(after.find((l) => l.startsWith('api-'))).toMatch(/^api-\S+ 1\/1 Running 0 39s \S+ worker-1 <none> <none>$/);
    expect(after.filter((l) => l.startsWith('batch-')).map((l) => l.split(' ')[2]).sort()).toEqual(['Pending', 'Running']);
    const failed = t.block('00:01:00', 'kubectl get events --field-selector reason=FailedScheduling').map(words);
    const batch = failed.find((l) => l.includes('pod/batch-'));
    expect(batch).toMatch(/FailedScheduling pod\/batch-\S+ 0\/2 nodes are available: 1 Insufficient cpu, 1 node\(s\) had untolerated taint \{node-role\.kubernetes\.io\/control-plane: \}\. preemption: 0\/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling\.\.$/);
  });
});
