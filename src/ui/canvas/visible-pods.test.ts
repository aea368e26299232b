import { describe, expect, it } from 'vitest';
import type { PodRecord } from '../../protocol/records';
import { canvasPods, podsSummary, visiblePods } from './visible-pods';

const pod = (name: string, status: string, over: Partial<PodRecord> = {}): PodRecord => ({
  key: name, namespace: 'default', name, node: 'w1', phase: 'Running', status, readyText: '1/1', ready: true, restarts: 0, tone: 'running',
  ownerKind: null, ownerName: null, workloadKind: null, workloadName: null, evictAtMs: null, deleteAtMs: null, system: false, createdMs: 0, ...over,
});

describe('visible pods', () => {
  it('hides kube-proxy always and kube-system pods unless asked', () => {
    const pods = [pod('web-1', 'Running'), pod('kube-proxy-x', 'Running', { ownerKind: 'DaemonSet', system: true }), pod('coredns-1', 'Running', { system: true })];
    expect(visiblePods(pods, false).map((p) => p.name)).toEqual(['web-1']);
    expect(visiblePods(pods, true).map((p) => p.name)).toEqual(['web-1', 'coredns-1']);
  });

  it('leaves the static control-plane pods (drawn as components) off the canvas, not other node-owned pods', () => {
    const pods = [
      pod('kube-apiserver-cp-1', 'Running', { ownerKind: 'Node', system: true }),
      pod('etcd-cp-1', 'Running', { ownerKind: 'Node', system: true }),
      pod('kube-scheduler-cp-1', 'Running', { ownerKind: 'Node', system: true }),
      pod('kube-controller-manager-cp-1', 'Running', { ownerKind: 'Node', system: true }),
      pod('etcd-backup-1', 'Running', { ownerKind: 'Job' }),
      pod('static-web-cp-1', 'Running', { ownerKind: 'Node' }),
      pod('coredns-1', 'Running', { ownerKind: 'ReplicaSet', system: true }),
    ];
    expect(canvasPods(pods, true).map((p) => p.name)).toEqual(['etcd-backup-1', 'static-web-cp-1', 'coredns-1']);
    expect(visiblePods(pods, true)).toHaveLength(7);
  });

  it.each([
    [[], '0 pods'],
    [['Running'], '1 pod: 1 Running'],
    [['Running', 'CrashLoopBackOff', 'Running'], '3 pods: 2 Running, 1 CrashLoopBackOff'],
    [['Pending', 'Completed'], '2 pods: 1 Completed, 1 Pending'],
  ])('summary of %j is %s', (statuses, want) => {
    expect(podsSummary(statuses.map((s, i) => pod(`p${i}`, s)))).toBe(want);
  });
});
