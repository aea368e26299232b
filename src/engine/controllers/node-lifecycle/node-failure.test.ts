import { describe, expect, it } from 'vitest';
import type { Condition, Node, Pod, Taint } from '../../api/types';
import type { Cluster } from '../../cluster/cluster';
import { parseTimestamp } from '../../sim/time';
import { bootCluster, createPod, eventsFor, getPod, makePod, records, waitFor } from '../../kubelet/testing';

const node = (c: Cluster, name: string): Node => c.api.peek<Node>('nodes', undefined, name)!;
const ready = (c: Cluster, name: string): Condition | undefined => node(c, name).status?.conditions?.find((x) => x.type === 'Ready');
const taint = (c: Cluster, name: string, key: string, effect: Taint['effect']): Taint | undefined => node(c, name).spec.taints?.find((t) => t.key === key && t.effect === effect);
const podReady = (p: Pod | undefined): string | undefined => p?.status?.conditions?.find((x) => x.type === 'Ready')?.status;
const UNREACHABLE = 'node.kubernetes.io/unreachable';

function setup(): Cluster {
  const c = bootCluster();
  createPod(c, makePod('web', { node: 'worker-2' }));
  createPod(c, makePod('agent', { node: 'worker-2', tolerations: [{ operator: 'Exists', effect: 'NoExecute' }] }));
  createPod(c, makePod('other', { node: 'worker-1' }));
  waitFor(c, () => ['web', 'agent', 'other'].every((n) => podReady(getPod(c, n)) === 'True'), 20_000);
  return c;
}

const lastRenew = (c: Cluster, n: string): number => Math.max(...records(c, 'heartbeat', 'renew lease', `kubelet/${n}`).map(([t]) => t));

describe('node failure timeline (k8s-semantics §1.5)', () => {
  it('NotReady after the grace period, taints, eviction after 300 s, Terminating until the node returns', () => {
    const c = setup();
    c.killNode('worker-2');
    const renewed = lastRenew(c, 'worker-2');
    const unknownAt = waitFor(c, () => ready(c, 'worker-2')?.status === 'Unknown', 120_000, 100);
    expect(unknownAt - renewed).toBeGreaterThanOrEqual(50_000);
    expect(unknownAt - renewed).toBeLessThanOrEqual(55_100);
    expect(ready(c, 'worker-2')).toMatchObject({ reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    expect(node(c, 'worker-2').status!.conditions!.filter((x) => x.status === 'Unknown').map((x) => x.type)).toEqual(['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready']);
    expect(ready(c, 'worker-1')?.status).toBe('True');

    c.advance(200);
    expect(taint(c, 'worker-2', UNREACHABLE, 'NoSchedule')?.timeAdded).toBeDefined();
    expect(taint(c, 'worker-2', UNREACHABLE, 'NoExecute')?.timeAdded).toBeDefined();
    const taintedAt = c.now;
    expect(podReady(getPod(c, 'web'))).toBe('False');
    expect(podReady(getPod(c, 'agent'))).toBe('False');
    expect(podReady(getPod(c, 'other'))).toBe('True');
    expect(eventsFor(c, 'web').find((e) => e.reason === 'NodeNotReady')).toMatchObject({ type: 'Warning', message: 'Node is not ready', source: { component: 'node-controller' } });
    expect(eventsFor(c, 'worker-2').find((e) => e.reason === 'NodeNotReady')?.message).toBe('Node worker-2 status is now: NodeNotReady');

    c.runUntil(taintedAt + 299_000);
    expect(getPod(c, 'web')?.metadata.deletionTimestamp).toBeUndefined();
    const evictedAt = waitFor(c, () => getPod(c, 'web')?.metadata.deletionTimestamp !== undefined, 5000, 100);
    expect(evictedAt - unknownAt).toBeGreaterThanOrEqual(300_000);
    expect(evictedAt - unknownAt).toBeLessThanOrEqual(300_500);
    const evicted = getPod(c, 'web')!;
    expect(evicted.status?.conditions?.find((x) => x.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' });
    expect(evicted.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(eventsFor(c, 'web').find((e) => e.reason === 'TaintManagerEviction')).toMatchObject({ message: 'Marking for deletion Pod default/web', source: { component: 'taint-eviction-controller' } });

    c.advance(600_000);
    expect(getPod(c, 'web')?.metadata.deletionTimestamp).toBeDefined();
    expect(getPod(c, 'agent')?.metadata.deletionTimestamp).toBeUndefined();

    c.restoreNode('worker-2');
    c.advance(100);
    expect(getPod(c, 'web')).toBeUndefined();
    waitFor(c, () => ready(c, 'worker-2')?.status === 'True' && !node(c, 'worker-2').spec.taints?.length, 10_000);
    waitFor(c, () => podReady(getPod(c, 'agent')) === 'True', 15_000);
    expect(getPod(c, 'agent')?.status?.containerStatuses?.[0]?.restartCount).toBe(1);
  });

  it('cancels the eviction when the node comes back in time', () => {
    const c = setup();
    c.killNode('worker-2');
    waitFor(c, () => taint(c, 'worker-2', UNREACHABLE, 'NoExecute') !== undefined, 120_000);
    c.advance(100_000);
    c.restoreNode('worker-2');
    waitFor(c, () => !taint(c, 'worker-2', UNREACHABLE, 'NoExecute'), 10_000);
    c.advance(400_000);
    expect(getPod(c, 'web')?.metadata.deletionTimestamp).toBeUndefined();
    expect(eventsFor(c, 'web').find((e) => e.reason === 'TaintManagerEviction')?.message).toBe('Cancelling deletion of Pod default/web');
    expect(podReady(getPod(c, 'web'))).toBe('True');
  });

  it('evicts at once a pod that does not tolerate a NoExecute taint; the earliest tolerationSeconds wins', () => {
    const c = bootCluster();
    createPod(c, makePod('plain', { node: 'worker-1' }));
    createPod(c, makePod('brief', { node: 'worker-1', tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 20 }] }));
    c.advance(10_000);
    const t0 = c.now;
    c.api.patch({ component: 'user/kubectl' }, 'nodes', undefined, 'worker-1', { spec: { taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }] } });
    c.advance(100);
    expect(getPod(c, 'plain')?.metadata.deletionTimestamp).toBeDefined();
    expect(getPod(c, 'brief')?.metadata.deletionTimestamp).toBeUndefined();
    const at = waitFor(c, () => getPod(c, 'brief')?.metadata.deletionTimestamp !== undefined, 30_000, 100);
    expect(at - t0).toBeGreaterThanOrEqual(20_000);
    expect(at - t0).toBeLessThan(20_200);
  });

  it('taints a cordoned node unschedulable, and removes the taint on uncordon', () => {
    const c = bootCluster();
    c.api.patch({ component: 'user/kubectl' }, 'nodes', undefined, 'worker-1', { spec: { unschedulable: true } });
    c.advance(100);
    expect(taint(c, 'worker-1', 'node.kubernetes.io/unschedulable', 'NoSchedule')?.timeAdded).toBeDefined();
    c.api.patch({ component: 'user/kubectl' }, 'nodes', undefined, 'worker-1', { spec: { unschedulable: null } });
    c.advance(100);
    expect(taint(c, 'worker-1', 'node.kubernetes.io/unschedulable', 'NoSchedule')).toBeUndefined();
  });

  it('rate-limits NoExecute tainting to one node per 10 s in a zone', () => {
    const c = bootCluster();
    c.killNode('worker-1');
    c.killNode('worker-2');
    waitFor(c, () => ready(c, 'worker-1')?.status === 'Unknown' && ready(c, 'worker-2')?.status === 'Unknown', 120_000, 100);
    c.advance(15_000);
    const added = ['worker-1', 'worker-2'].map((n) => parseTimestamp(taint(c, n, UNREACHABLE, 'NoExecute')?.timeAdded)!);
    expect(Math.abs(added[1]! - added[0]!)).toBeGreaterThanOrEqual(10_000);
    expect(Math.abs(added[1]! - added[0]!)).toBeLessThanOrEqual(11_000);
  });

  it('stops evicting when every node is down (master disruption mode)', () => {
    const c = setup();
    // The control plane keeps running (its kubelet alone stops), so the controller can watch every node go dark.
    c.kubelets.get('control-plane')!.stop();
    for (const n of ['worker-1', 'worker-2']) c.killNode(n);
    waitFor(c, () => ['control-plane', 'worker-1', 'worker-2'].every((n) => ready(c, n)?.status === 'Unknown'), 120_000, 100);
    c.advance(400_000);
    expect(['control-plane', 'worker-1', 'worker-2'].some((n) => taint(c, n, UNREACHABLE, 'NoExecute'))).toBe(false);
    expect(getPod(c, 'web')?.metadata.deletionTimestamp).toBeUndefined();
    expect(taint(c, 'worker-2', UNREACHABLE, 'NoSchedule')).toBeDefined();
  });
});
