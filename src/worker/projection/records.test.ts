import { describe, expect, it } from 'vitest';
import type { Node, Pod, Taint } from '../../engine/api/types';
import { evictionDeadline, nodeRecord, podRecord, podRequests, tolerates, ZERO } from './records';

const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
const notReady: Taint = { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' };

function pod(tolerations: Pod['spec']['tolerations'], deleting = false): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'default', uid: 'u1', ...(deleting ? { deletionTimestamp: '2026-01-01T09:05:00Z' } : {}), ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d', uid: 'rs', controller: true }] },
    spec: { nodeName: 'worker-2', tolerations, containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '250m', memory: '128Mi' } } }] },
    status: { phase: 'Running' },
  };
}

const DEFAULT_TOLS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists' as const, effect: 'NoExecute' as const, tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists' as const, effect: 'NoExecute' as const, tolerationSeconds: 300 },
];

describe('evictionDeadline (taint manager)', () => {
  const since = (): number => 60_000;
  it.each<[string, Pod, Taint[], number | null]>([
    ['no NoExecute taint', pod(DEFAULT_TOLS), [{ key: 'x', effect: 'NoSchedule' }], null],
    ['default tolerations → taint time + 300s', pod(DEFAULT_TOLS), [unreachable], 360_000],
    ['untolerated → now (taint time)', pod([]), [unreachable], 60_000],
    ['tolerated forever (no seconds)', pod([{ operator: 'Exists' }]), [unreachable, notReady], null],
    ['smallest tolerationSeconds wins', pod([...DEFAULT_TOLS, { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }]), [unreachable], 90_000],
    ['already deleting', pod(DEFAULT_TOLS, true), [unreachable], null],
  ])('%s', (_n, p, taints, want) => {
    expect(evictionDeadline(p, taints, since)).toBe(want);
  });

  it('matches tolerations like the API does', () => {
    expect(tolerates({ operator: 'Exists' }, unreachable)).toBe(true);
    expect(tolerates({ key: 'a', operator: 'Equal', value: 'b', effect: 'NoSchedule' }, { key: 'a', value: 'b', effect: 'NoSchedule' })).toBe(true);
    expect(tolerates({ key: 'a', operator: 'Equal', value: 'c' }, { key: 'a', value: 'b', effect: 'NoSchedule' })).toBe(false);
    expect(tolerates({ key: 'a', operator: 'Exists', effect: 'NoExecute' }, { key: 'a', effect: 'NoSchedule' })).toBe(false);
  });
});

describe('records', () => {
  it('node STATUS follows kubectl (NotReady for Unknown, SchedulingDisabled when cordoned)', () => {
    const node = (ready: 'True' | 'False' | 'Unknown' | undefined, unschedulable = false): Node => ({
      apiVersion: 'v1', kind: 'Node', metadata: { name: 'w', uid: 'n1' }, spec: { unschedulable, taints: [unreachable] },
      status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' }, conditions: ready ? [{ type: 'Ready', status: ready }] : [] },
    });
    const ctx = { role: 'worker' as const, machineUp: true, requested: ZERO, proxyReady: false };
    expect(nodeRecord(node('True'), ctx).status).toBe('Ready');
    expect(nodeRecord(node('Unknown'), ctx).status).toBe('NotReady');
    expect(nodeRecord(node('False', true), ctx).status).toBe('NotReady,SchedulingDisabled');
    expect(nodeRecord(node(undefined), ctx).status).toBe('Unknown');
    const rec = nodeRecord(node('True'), ctx);
    expect(rec.allocatable).toEqual({ cpuMillis: 4000, memoryBytes: 8 * 2 ** 30, pods: 110 });
    expect(rec.taints).toEqual(['node.kubernetes.io/unreachable:NoExecute']);
  });

  it('pod record carries owner, workload, requests and countdown', () => {
    const p = pod(DEFAULT_TOLS);
    expect(podRequests(p)).toEqual({ cpuMillis: 250, memoryBytes: 128 * 2 ** 20, pods: 1 });
    const rec = podRecord(p, { workload: { kind: 'Deployment', name: 'web' }, evictAtMs: 360_000 });
    expect(rec).toMatchObject({ key: 'u1', node: 'worker-2', ownerKind: 'ReplicaSet', ownerName: 'web-5d', workloadKind: 'Deployment', workloadName: 'web', evictAtMs: 360_000, deleteAtMs: null });
    expect(podRecord(pod(DEFAULT_TOLS, true), { workload: null, evictAtMs: null }).deleteAtMs).toBe(300_000);
  });

  it('a pod on a dead node reads 1/1 Running as kubectl prints it, coloured not ready once its Ready condition is False', () => {
    const running = (ready: 'True' | 'False'): Pod => {
      const p = pod(DEFAULT_TOLS);
      return { ...p, status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready }], containerStatuses: [{ name: 'c', ready: true, restartCount: 0, image: 'nginx', imageID: '', state: { running: { startedAt: '2026-01-01T09:00:00Z' } } }] } };
    };
    const ctx = { workload: null, evictAtMs: null };
    expect(podRecord(running('True'), ctx)).toMatchObject({ status: 'Running', readyText: '1/1', tone: 'running' });
    expect(podRecord(running('False'), ctx)).toMatchObject({ status: 'Running', readyText: '1/1', tone: 'notready' });
  });
});
