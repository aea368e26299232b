import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import type { Cluster } from '../cluster/cluster';
import { bootCluster, createPod, eventsFor, getPod, makePod, records, waitFor } from './testing';

function running(c: Cluster, name: string, node = 'worker-1', extra: Parameters<typeof makePod>[1] = {}): void {
  createPod(c, makePod(name, { node, ...extra }));
  waitFor(c, () => getPod(c, name)?.status?.phase === 'Running', 15_000);
}

/** Every version of a pod the store holds from now on (PUTs), and when it was deleted. */
function track(c: Cluster, name: string): { puts: Pod[]; deletedAt: number | undefined } {
  const out = { puts: [] as Pod[], deletedAt: undefined as number | undefined };
  c.api.etcd.subscribe((ev) => {
    if (ev.kv.value.kind !== 'Pod' || ev.kv.value.metadata.name !== name) return;
    if (ev.type === 'PUT') out.puts.push(ev.kv.value as Pod);
    else out.deletedAt = c.now;
  });
  return out;
}

const del = (c: Cluster, name: string, gracePeriodSeconds?: number) => {
  const res = c.api.delete({ component: 'user/kubectl' }, 'pods', 'default', name, gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds });
  if (!res.ok) throw new Error(res.status.message);
};

describe('kubelet: termination', () => {
  it('stops containers (Killing), writes the terminal phase, then deletes the pod with grace 0', () => {
    const c = bootCluster();
    running(c, 'web');
    const seen = track(c, 'web');
    const t0 = c.now;
    del(c, 'web');
    expect(getPod(c, 'web')?.metadata.deletionTimestamp).toBeDefined();
    waitFor(c, () => !getPod(c, 'web'), 5000, 10);
    expect(seen.deletedAt! - t0).toBeLessThan(1000);
    const last = seen.puts.at(-1)!;
    expect(last.status?.phase).toBe('Succeeded');
    expect(last.status?.containerStatuses?.[0]?.state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(eventsFor(c, 'web').find((e) => e.reason === 'Killing')).toMatchObject({ type: 'Normal', message: 'Stopping container web' });
    const deletes = c.log.since(0).filter((r) => r.kind === 'request' && r.from === 'kubelet/worker-1' && r.label === 'DELETE /api/v1/namespaces/default/pods/web');
    expect(deletes).toHaveLength(1);
  });

  it('a container that ignores SIGTERM keeps the pod Terminating for the whole grace period, then is killed (137)', () => {
    const c = bootCluster();
    running(c, 'slow', 'worker-1', { annotations: { 'sim.kube-sandbox.dev/ignore-sigterm': 'true' }, terminationGracePeriodSeconds: 10 });
    const seen = track(c, 'slow');
    const t0 = c.now;
    del(c, 'slow');
    c.advance(9_500);
    expect(getPod(c, 'slow')?.metadata.deletionTimestamp).toBeDefined();
    waitFor(c, () => !getPod(c, 'slow'), 2000, 10);
    expect(seen.deletedAt! - t0).toBeGreaterThanOrEqual(10_000);
    expect(seen.deletedAt! - t0).toBeLessThan(10_100);
    expect(seen.puts.at(-1)!.status?.containerStatuses?.[0]?.state.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(seen.puts.at(-1)!.status?.phase).toBe('Failed');
  });

  it('a second DELETE with a shorter grace period brings the kill forward', () => {
    const c = bootCluster();
    running(c, 'slow', 'worker-1', { annotations: { 'sim.kube-sandbox.dev/ignore-sigterm': 'true' }, terminationGracePeriodSeconds: 60 });
    const t0 = c.now;
    del(c, 'slow');
    c.advance(1000);
    del(c, 'slow', 5);
    const gone = waitFor(c, () => !getPod(c, 'slow'), 10_000, 10);
    expect(gone - t0).toBeGreaterThanOrEqual(5_000);
    expect(gone - t0).toBeLessThan(7_000);
  });

  it('a force delete (grace 0) removes the object at once; the kubelet just stops the containers', () => {
    const c = bootCluster();
    running(c, 'web');
    del(c, 'web', 0);
    expect(getPod(c, 'web')).toBeUndefined();
    c.advance(1000);
    expect(records(c, 'runtime', 'stop container web', 'kubelet/worker-1')).toHaveLength(1);
    expect(c.log.since(0).filter((r) => r.from === 'kubelet/worker-1' && r.label.startsWith('PUT /api/v1/namespaces/default/pods/web/status') && r.tMs > c.now - 1000)).toHaveLength(0);
  });
});

describe('kubelet: a node that comes back', () => {
  it('finalizes pods deleted while it was down, restarts the others (restartCount + 1, new IP)', () => {
    const c = bootCluster();
    running(c, 'stay', 'worker-2');
    running(c, 'leave', 'worker-2');
    const ipBefore = getPod(c, 'stay')!.status!.podIP;
    c.killNode('worker-2');
    c.advance(30_000);
    del(c, 'leave');
    c.advance(120_000);
    expect(getPod(c, 'leave')?.metadata.deletionTimestamp).toBeDefined();
    c.restoreNode('worker-2');
    c.advance(100);
    expect(getPod(c, 'leave')).toBeUndefined();
    waitFor(c, () => getPod(c, 'stay')?.status?.containerStatuses?.[0]?.state.running !== undefined && getPod(c, 'stay')!.status!.containerStatuses![0]!.restartCount === 1, 10_000);
    const stay = getPod(c, 'stay')!;
    expect(stay.status?.phase).toBe('Running');
    expect(stay.status?.podIP).not.toBe(ipBefore);
    expect(stay.status?.containerStatuses?.[0]?.lastState?.terminated).toMatchObject({ exitCode: 255, reason: 'Unknown' });
    expect(eventsFor(c, 'worker-2').some((e) => e.reason === 'Rebooted' && e.type === 'Warning')).toBe(true);
  });
});
