import { describe, expect, it } from 'vitest';
import type { DaemonSet, Node, Pod, Toleration } from '../../api/types';
import { isPodReady, pinnedNodeName } from '../shared/pod-util';
import { startTestCluster, USER, type TestCluster } from '../testing/harness';

function agentDs(extra: { tolerations?: Toleration[]; nodeSelector?: Record<string, string>; hostNetwork?: boolean } = {}): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'otel/collector:0.1' }], ...extra } },
    },
  };
}

const live = (t: TestCluster): Pod[] => t.list<Pod>('pods', 'default').filter((p) => p.metadata.labels?.app === 'agent' && !p.metadata.deletionTimestamp);
const nodesOf = (t: TestCluster): string[] => live(t).map((p) => p.spec.nodeName ?? '?').sort();
const ds = (t: TestCluster): DaemonSet => t.get<DaemonSet>('daemonsets', 'default', 'agent')!;

function patchNode(t: TestCluster, name: string, fn: (n: Node) => void): void {
  const n = JSON.parse(JSON.stringify(t.get<Node>('nodes', undefined, name))) as Node;
  fn(n);
  const res = t.api.update(USER, 'nodes', n);
  if (!res.ok) throw new Error(res.status.message);
}

describe('DaemonSet controller', () => {
  it('runs one pod per eligible node, none on the tainted control plane', () => {
    const t = startTestCluster();
    t.create('daemonsets', agentDs());
    t.advance(5000);
    expect(nodesOf(t)).toEqual(['worker-1', 'worker-2']);
    const pod = live(t).find((p) => p.spec.nodeName === 'worker-1')!;
    expect(pod.metadata.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution).toEqual({
      nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker-1'] }] }],
    });
    expect(pod.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    expect(pod.metadata.labels?.['controller-revision-hash']).toMatch(/^[456789bcdf]{9,10}$/);
    expect(pod.metadata.labels?.['pod-template-generation']).toBe('1');
    expect(ds(t).status).toEqual({
      desiredNumberScheduled: 2, currentNumberScheduled: 2, numberMisscheduled: 0, numberReady: 2,
      numberAvailable: 2, updatedNumberScheduled: 2, observedGeneration: 1,
    });
  });

  it('tolerating the control-plane taint puts a pod there too; hostNetwork adds network-unavailable', () => {
    const t = startTestCluster();
    t.create('daemonsets', agentDs({ hostNetwork: true, tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }));
    t.advance(5000);
    expect(nodesOf(t)).toEqual(['control-plane', 'worker-1', 'worker-2']);
    expect(live(t)[0]!.spec.tolerations?.map((x) => x.key)).toContain('node.kubernetes.io/network-unavailable');
    // kube-proxy (tolerates everything) is pinned to every node; pinned, not bound, because the
    // scheduler that boots with the cluster may not honour the affinity yet.
    const proxies = t.list<Pod>('pods', 'kube-system').filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-proxy');
    expect(proxies.map((p) => pinnedNodeName(p)).sort()).toEqual(['control-plane', 'worker-1', 'worker-2']);
  });

  it('follows nodes being added and removed', () => {
    const t = startTestCluster();
    t.create('daemonsets', agentDs());
    t.advance(5000);
    t.cluster.addNode('worker-3', {});
    t.advance(5000);
    expect(nodesOf(t)).toEqual(['worker-1', 'worker-2', 'worker-3']);
    expect(ds(t).status?.desiredNumberScheduled).toBe(3);
    t.cluster.removeNode('worker-1');
    t.advance(5000);
    expect(ds(t).status?.desiredNumberScheduled).toBe(2);
    // The orphaned pod goes when PodGC has seen the node missing for its 40 s quarantine.
    t.advance(80_000);
    expect(nodesOf(t)).toEqual(['worker-2', 'worker-3']);
    expect(ds(t).status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2 });
  });

  it('follows labels (nodeSelector) and taints', () => {
    const t = startTestCluster();
    t.create('daemonsets', agentDs({ nodeSelector: { observability: 'true' } }));
    t.advance(5000);
    expect(nodesOf(t)).toEqual([]);
    patchNode(t, 'worker-2', (n) => (n.metadata.labels = { ...n.metadata.labels, observability: 'true' }));
    t.advance(5000);
    expect(nodesOf(t)).toEqual(['worker-2']);
    // NoSchedule: the running pod stays (only new pods are kept off).
    patchNode(t, 'worker-2', (n) => (n.spec.taints = [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]));
    t.advance(5000);
    expect(nodesOf(t)).toEqual(['worker-2']);
    expect(ds(t).status).toMatchObject({ desiredNumberScheduled: 0, numberMisscheduled: 1 });
    // NoExecute that is not tolerated: the pod is removed.
    patchNode(t, 'worker-2', (n) => (n.spec.taints = [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }]));
    t.advance(5000);
    expect(nodesOf(t)).toEqual([]);
    // Cordoned (unschedulable taint) nodes still run daemon pods.
    patchNode(t, 'worker-2', (n) => {
      n.spec.taints = [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }];
      n.spec.unschedulable = true;
    });
    t.advance(5000);
    expect(nodesOf(t)).toEqual(['worker-2']);
  });

  it('replaces a deleted or failed daemon pod', () => {
    const t = startTestCluster();
    t.create('daemonsets', agentDs());
    t.advance(5000);
    const victim = live(t)[0]!;
    t.api.delete(USER, 'pods', 'default', victim.metadata.name);
    t.advance(5000);
    expect(nodesOf(t)).toEqual(['worker-1', 'worker-2']);
    expect(live(t).map((p) => p.metadata.name)).not.toContain(victim.metadata.name);
  });

  it('rolls a template change out one node at a time', () => {
    const t = startTestCluster({ agent: { startDelayMs: 800, terminationDelayMs: 1200 } });
    t.cluster.addNode('worker-3', {});
    t.create('daemonsets', agentDs());
    t.advance(10_000);
    const before = ds(t);
    const next = JSON.parse(JSON.stringify(before)) as DaemonSet;
    next.spec.template.spec.containers[0]!.image = 'otel/collector:0.2';
    t.api.update(USER, 'daemonsets', next);
    let maxUnavailable = 0;
    for (let ms = 0; ms < 30_000; ms += 10) {
      t.advance(10);
      const readyNodes = new Set(live(t).filter(isPodReady).map((p) => p.spec.nodeName));
      maxUnavailable = Math.max(maxUnavailable, 3 - readyNodes.size);
    }
    expect(maxUnavailable).toBe(1);
    expect(live(t).map((p) => p.spec.containers[0]!.image)).toEqual(['otel/collector:0.2', 'otel/collector:0.2', 'otel/collector:0.2']);
    expect(ds(t).status).toMatchObject({ desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3, observedGeneration: 2 });
    expect(t.list('controllerrevisions', 'default')).toHaveLength(2);
  });
});
