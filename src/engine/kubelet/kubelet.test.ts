import { describe, expect, it } from 'vitest';
import type { Lease, Node, Pod } from '../api/types';
import { parseTimestamp } from '../sim/time';
import { bootCluster, createPod, eventsFor, getPod, makePod, records, waitFor } from './testing';

describe('kubelet: node registration and heartbeats', () => {
  it('registers each node with status, addresses, nodeInfo and the kubelet conditions', () => {
    const c = bootCluster();
    const node = c.api.peek<Node>('nodes', undefined, 'worker-1')!;
    expect(node.status?.capacity).toMatchObject({ cpu: '4', memory: '8388608Ki', pods: '110' });
    expect(node.status?.allocatable).toMatchObject({ cpu: '4', memory: '8286208Ki', pods: '110' });
    expect(node.status?.nodeInfo).toMatchObject({ kubeletVersion: 'v1.34.1', containerRuntimeVersion: 'containerd://2.1.3', operatingSystem: 'linux' });
    expect(node.status?.addresses?.map((a) => a.type)).toEqual(['InternalIP', 'Hostname']);
    expect(node.status?.conditions?.map((c) => `${c.type}=${c.status}/${c.reason}`)).toEqual([
      'MemoryPressure=False/KubeletHasSufficientMemory', 'DiskPressure=False/KubeletHasNoDiskPressure', 'PIDPressure=False/KubeletHasSufficientPID', 'Ready=True/KubeletReady',
    ]);
    expect(node.spec.podCIDR).toBe('10.244.1.0/24');
    const cp = c.api.peek<Node>('nodes', undefined, 'control-plane')!;
    expect(cp.spec.taints?.map((t) => t.key)).toEqual(['node-role.kubernetes.io/control-plane']);
    expect(eventsFor(c, 'worker-1').map((e) => e.reason)).toEqual(expect.arrayContaining(['Starting', 'NodeHasSufficientMemory', 'NodeReady', 'RegisteredNode']));
  });

  it('renews its Lease every ~10 s and re-posts unchanged status only every 5 minutes', () => {
    const c = bootCluster();
    const lease = (): Lease => c.api.peek<Lease>('leases', 'kube-node-lease', 'worker-1')!;
    expect(lease().spec).toMatchObject({ holderIdentity: 'worker-1', leaseDurationSeconds: 40 });
    const t0 = parseTimestamp(lease().spec.renewTime)!;
    c.advance(60_000);
    const renewals = records(c, 'heartbeat', 'renew lease', 'kubelet/worker-1').map(([t]) => t).filter((t) => t > t0);
    expect(renewals.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < renewals.length; i++) expect(renewals[i]! - renewals[i - 1]!).toBeGreaterThanOrEqual(10_000);
    for (let i = 1; i < renewals.length; i++) expect(renewals[i]! - renewals[i - 1]!).toBeLessThanOrEqual(10_400);
    const hb = () => parseTimestamp(c.api.peek<Node>('nodes', undefined, 'worker-1')!.status!.conditions!.find((x) => x.type === 'Ready')!.lastHeartbeatTime)!;
    const last = hb();
    c.runUntil(last + 290_000);
    expect(hb()).toBe(last);
    c.runUntil(last + 312_000);
    expect(hb()).toBeGreaterThanOrEqual(last + 300_000);
  });
});

describe('kubelet: starting a pod', () => {
  it('sandbox, pull, create, start, with the real events and one opId throughout', () => {
    const c = bootCluster();
    const t0 = c.now;
    createPod(c, makePod('web'), 42);
    waitFor(c, () => getPod(c, 'web')?.status?.phase === 'Running', 10_000);
    const pod = getPod(c, 'web')!;
    const cs = pod.status!.containerStatuses![0]!;
    expect(cs).toMatchObject({ name: 'web', image: 'docker.io/library/nginx:1.27', ready: true, started: true, restartCount: 0 });
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(pod.status).toMatchObject({ hostIP: '172.18.0.3', qosClass: 'BestEffort' });
    expect(pod.status!.podIP).toMatch(/^10\.244\.1\.\d+$/);
    expect(pod.status!.conditions!.slice(0, 4).map((x) => `${x.type}=${x.status}`)).toEqual(['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True']);
    const ev = eventsFor(c, 'web').filter((e) => e.source.component === 'kubelet');
    expect(ev.map((e) => e.reason)).toEqual(['Pulling', 'Pulled', 'Created', 'Started']);
    expect(ev[1]!.message).toMatch(/^Successfully pulled image "nginx:1\.27" in \d+(\.\d+)?m?s \(\d+(\.\d+)?m?s including waiting\)\. Image size: \d+ bytes\.$/);
    expect(ev.map((e) => e.involvedObject.fieldPath)).toEqual(Array(4).fill('spec.containers{web}'));
    const rt = records(c, 'runtime', '', 'kubelet/worker-1').filter(([t]) => t >= t0);
    expect(rt.map(([, l]) => l)).toEqual(['run sandbox web', 'pull nginx:1.27', 'create container web', 'start container web']);
    expect(rt.every(([, , op]) => op === 42)).toBe(true);
    expect(records(c, 'kubelet', 'status Running', 'kubelet/worker-1').some(([, , op]) => op === 42)).toBe(true);
    // sandbox 300 ms, then a ~2.8 s pull at 40 ms/MiB, then 300 ms create/start
    const started = rt.find(([, l]) => l === 'start container web')![0];
    expect(started - t0).toBeGreaterThan(3000);
    expect(started - t0).toBeLessThan(4500);
  });

  it('uses the node image cache: a second pod finds the image already present', () => {
    const c = bootCluster();
    createPod(c, makePod('a'));
    waitFor(c, () => getPod(c, 'a')?.status?.phase === 'Running', 10_000);
    createPod(c, makePod('b'));
    waitFor(c, () => getPod(c, 'b')?.status?.phase === 'Running', 2000);
    expect(eventsFor(c, 'b').find((e) => e.reason === 'Pulled')?.message).toBe('Container image "nginx:1.27" already present on machine');
    const ipA = Number(getPod(c, 'a')!.status!.podIP!.split('.')[3]);
    expect(getPod(c, 'b')?.status?.podIP).toBe(`10.244.1.${ipA + 1}`);
  });

  it('with zero latencies a pod goes from bound to Running in one status write', () => {
    const c = bootCluster({ watchLatencyMs: 0, workqueueDelayMs: 0, imagePullMsPerMiB: 0, containerStartMs: 0 });
    const puts: string[] = [];
    const stop = c.log.subscribe((r) => {
      if (r.kind === 'request' && r.label.includes('/pods/z/status')) puts.push(r.label);
    });
    createPod(c, makePod('z'));
    c.runUntilQuiet(10_000);
    stop();
    expect(getPod(c, 'z')?.status?.phase).toBe('Running');
    expect(puts).toEqual(['PUT /api/v1/namespaces/default/pods/z/status']);
  });

  it('a readiness probe holds Ready back until its first success (next probe tick)', () => {
    const c = bootCluster();
    const t0 = c.now;
    createPod(c, makePod('r', { containers: [{ name: 'web', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 10 } }] }));
    waitFor(c, () => getPod(c, 'r')?.status?.phase === 'Running', 10_000);
    expect(getPod(c, 'r')!.status!.containerStatuses![0]!.ready).toBe(false);
    const readyAt = waitFor(c, () => getPod(c, 'r')!.status!.containerStatuses![0]!.ready, 20_000, 50);
    expect(readyAt - t0).toBeGreaterThanOrEqual(10_000);
    expect(readyAt - t0).toBeLessThan(10_200);
    expect(getPod(c, 'r')!.status!.conditions!.find((x) => x.type === 'Ready')?.status).toBe('True');
  });

  it('runs init containers in order before the app (Pending, Init conditions)', () => {
    const c = bootCluster();
    createPod(c, makePod('i', { initContainers: [{ name: 'init-a', image: 'busybox:1.36' }, { name: 'init-b', image: 'busybox:1.36' }] }));
    waitFor(c, () => getPod(c, 'i')?.status?.initContainerStatuses?.[0]?.state.running !== undefined, 10_000, 50);
    const p = getPod(c, 'i')!;
    expect(p.status?.phase).toBe('Pending');
    expect(p.status?.conditions?.find((x) => x.type === 'Initialized')).toMatchObject({ status: 'False', message: 'containers with incomplete status: [init-a init-b]' });
    expect(p.status?.containerStatuses?.[0]?.state.waiting?.reason).toBe('PodInitializing');
    waitFor(c, () => getPod(c, 'i')?.status?.phase === 'Running', 20_000);
    const done = getPod(c, 'i')!.status!;
    expect(done.initContainerStatuses?.map((s) => s.state.terminated?.reason)).toEqual(['Completed', 'Completed']);
    const ends = done.initContainerStatuses!.map((s) => s.state.terminated!.finishedAt!);
    expect(ends[0]! <= done.initContainerStatuses![1]!.state.terminated!.startedAt!).toBe(true);
    expect(done.conditions?.find((x) => x.type === 'Initialized')?.status).toBe('True');
  });

  it('hostNetwork pods get the node IP; static pods appear as mirror pods', () => {
    const c = bootCluster();
    createPod(c, makePod('h', { hostNetwork: true }));
    waitFor(c, () => getPod(c, 'h')?.status?.phase === 'Running', 10_000);
    expect(getPod(c, 'h')?.status?.podIP).toBe('172.18.0.3');
    const mirror = getPod(c, 'kube-apiserver-control-plane', 'kube-system')!;
    expect(mirror.status?.phase).toBe('Running');
    expect(mirror.status?.podIP).toBe('172.18.0.2');
    expect(mirror.metadata.annotations?.['kubernetes.io/config.mirror']).toBeDefined();
    expect(mirror.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Node', name: 'control-plane' });
  });

  it('rejects a pod that really does not fit (OutOfcpu)', () => {
    const c = bootCluster();
    createPod(c, makePod('big', { containers: [{ name: 'web', image: 'nginx:1.27', resources: { requests: { cpu: '5' } } }] }));
    waitFor(c, () => getPod(c, 'big')?.status?.phase === 'Failed', 2000);
    expect(getPod(c, 'big')!.status?.reason).toBe('OutOfcpu');
    expect(getPod(c, 'big')!.status?.message).toMatch(/^Pod was rejected: Node didn't have enough resource: cpu, requested: 5000, used: \d+, capacity: 4000$/);
    expect(eventsFor(c, 'big').find((e) => e.reason === 'OutOfcpu')?.type).toBe('Warning');
  });

  it('serves container logs and usage for kubectl logs / top', () => {
    const c = bootCluster();
    createPod(c, makePod('web', { containers: [{ name: 'web', image: 'nginx:1.27', resources: { requests: { cpu: '200m', memory: '128Mi' } } }] }));
    c.advance(100);
    expect(c.observability.containerLogs('default', 'web', undefined, false)).toEqual({ error: 'container "web" in pod "web" is waiting to start: ContainerCreating' });
    waitFor(c, () => getPod(c, 'web')?.status?.phase === 'Running', 10_000);
    c.advance(60_000);
    const logs = c.observability.containerLogs('default', 'web', undefined, false);
    expect(Array.isArray(logs) && logs.some((l) => l.includes('start worker processes'))).toBe(true);
    expect(c.observability.containerLogs('default', 'web', undefined, true)).toEqual({ error: 'previous terminated container "web" in pod "web" not found' });
    expect(c.observability.containerLogs('default', 'web', 'nope', false)).toEqual({ error: 'container nope is not valid for pod web' });
    const usage = c.observability.podUsage('default', 'web')!;
    expect(usage[0]!.container).toBe('web');
    expect(usage[0]!.usage.cpuMillis).toBeGreaterThan(0);
    expect(usage[0]!.usage.cpuMillis).toBeLessThan(200);
    const node = c.observability.nodeUsage('worker-1')!;
    expect(node.cpuMillis).toBeGreaterThan(usage[0]!.usage.cpuMillis);
    expect(c.observability.nodeUsage('worker-1')).toEqual(node);
  });
});

describe('kubelet: pod objects are never mutated in place', () => {
  it('runs with frozen objects (freezeObjects) without throwing', () => {
    const c = bootCluster();
    for (let i = 0; i < 5; i++) createPod(c, makePod(`p${i}`, { node: i % 2 ? 'worker-1' : 'worker-2' }));
    c.advance(30_000);
    expect(c.objects<Pod>('pods').filter((p) => p.metadata.namespace === 'default' && p.status?.phase === 'Running')).toHaveLength(5);
  });
});
