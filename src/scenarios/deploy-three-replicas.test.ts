import { describe, expect, it } from 'vitest';
import type { Pod, ReplicaSet } from '../engine/api/types';
import { words } from '../engine/cluster/scenario-test-support';
import { DEPLOY_THREE_REPLICAS } from './deploy-three-replicas';
import { failedSteps, playBuiltin } from './test-support';

describe('deploy-three-replicas', () => {
  const t = playBuiltin(DEPLOY_THREE_REPLICAS);
  const cluster = t.runner.cluster;
  const rows = (at: string, command: string) => t.block(at, command).slice(1).map((l) => words(l).split(' '));

  it('runs to its end without a failing step', () => {
    expect(failedSteps(t.lines)).toEqual([]);
    expect(cluster.simTimeMs).toBe(20_000);
  });

  it('three pods Running, spread over both workers, none on the control plane', () => {
    const pods = rows('00:00:20', 'kubectl get pods -o wide');
    expect(pods).toHaveLength(3);
    expect(pods.map((r) => `${r[1]} ${r[2]}`)).toEqual(['1/1 Running', '1/1 Running', '1/1 Running']);
    expect(new Set(pods.map((r) => r[6]))).toEqual(new Set(['worker-1', 'worker-2']));
    expect(words(t.block('00:00:20', 'kubectl get deployments -o wide')[1]!)).toMatch(/^nginx-deployment 3\/3 3 3 20s nginx nginx:1\.27 app=nginx$/);
  });

  it('the ReplicaSet is named after the pod-template hash, and the pods after the ReplicaSet', () => {
    const rs = cluster.objects<ReplicaSet>('replicasets').filter((r) => r.metadata.namespace === 'default');
    expect(rs).toHaveLength(1);
    const hash = rs[0]!.metadata.labels?.['pod-template-hash'];
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    expect(rs[0]!.metadata.name).toBe(`nginx-deployment-${hash}`);
    expect(words(t.block('00:00:20', 'kubectl get replicasets -o wide')[1]!)).toBe(`nginx-deployment-${hash} 3 3 3 20s nginx nginx:1.27 app=nginx,pod-template-hash=${hash}`);
    for (const p of cluster.objects<Pod>('pods').filter((p) => p.metadata.namespace === 'default')) {
      expect(p.metadata.name).toMatch(new RegExp(`^nginx-deployment-${hash}-[a-z0-9]{5}$`));
    }
  });

  it('one second in: ReplicaSet and Pods exist, bound to workers, containers still being created', () => {
    const block = t.block('00:00:01', 'kubectl get deploy,rs,pods -o wide').map(words);
    expect(block[1]).toMatch(/^deployment\.apps\/nginx-deployment 0\/3 3 0 1s /);
    const pods = block.filter((l) => l.startsWith('pod/'));
    expect(pods).toHaveLength(3);
    for (const p of pods) expect(p).toMatch(/ 0\/1 (ContainerCreating|Pending) 0 1s .* worker-[12] <none> <none>$/);
  });

  it("each pod's events: Scheduled by the scheduler, then the kubelet's pull and start, in order", () => {
    const describe = t.block('00:00:20', 'kubectl describe pods -l app=nginx');
    const reasons = describe.map(words).filter((l) => l.startsWith('Normal ')).map((l) => l.split(' ')[1]);
    expect(reasons).toEqual(Array(3).fill(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']).flat());
    expect(t.block('00:00:20', 'kubectl describe deployment nginx-deployment').map(words)).toContainEqual(expect.stringMatching(/^Normal ScalingReplicaSet 20s deployment-controller Scaled up replica set nginx-deployment-\w+ from 0 to 3$/));
  });
});
