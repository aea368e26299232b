import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Job } from '../api/types';
import { bootCluster, createPod, eventsFor, getPod, makePod, records, waitFor } from './testing';

const status = (c: ReturnType<typeof bootCluster>, name: string): Partial<ContainerStatus> & Pick<ContainerStatus, 'state'> =>
  getPod(c, name)?.status?.containerStatuses?.[0] ?? { state: {} };

describe('kubelet: restarts and CrashLoopBackOff', () => {
  it('restarts at once the first time, then backs off 10 s, 20 s, 40 s', () => {
    const c = bootCluster();
    createPod(c, makePod('crash', { annotations: { 'sim.kube-sandbox.dev/crash-after': '30s' } }));
    c.advance(300_000);
    const exits = records(c, 'runtime', 'container web exited (1)').map(([t]) => t);
    const starts = records(c, 'runtime', 'start container web', 'kubelet/worker-1').map(([t]) => t);
    expect(exits.length).toBeGreaterThanOrEqual(4);
    const gaps = exits.slice(0, 4).map((t, i) => Math.round((starts[i + 1]! - t) / 100) / 10);
    expect(gaps).toEqual([1.3, 10.3, 20.3, 40.3]);
    for (let i = 0; i < exits.length; i++) expect(exits[i]! - starts[i]!).toBe(30_000);
    const cs = status(c, 'crash');
    expect(cs.restartCount).toBe(starts.length - 1);
    expect(cs.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(getPod(c, 'crash')!.status!.phase).toBe('Running');
  });

  it('shows CrashLoopBackOff with the real message and BackOff event', () => {
    const c = bootCluster();
    const pod = createPod(c, makePod('crash', { annotations: { 'sim.kube-sandbox.dev/crash-after': '5s', 'sim.kube-sandbox.dev/exit-code': '2' } }));
    waitFor(c, () => status(c, 'crash').state.waiting?.reason === 'CrashLoopBackOff', 60_000);
    const desc = `crash_default(${pod.metadata.uid})`;
    expect(status(c, 'crash').state.waiting?.message).toBe(`back-off 10s restarting failed container=web pod=${desc}`);
    expect(status(c, 'crash').lastState?.terminated).toMatchObject({ exitCode: 2, reason: 'Error' });
    const backOff = eventsFor(c, 'crash').find((e) => e.reason === 'BackOff')!;
    expect(backOff).toMatchObject({ type: 'Warning', message: `Back-off restarting failed container web in pod ${desc}` });
    c.advance(200_000);
    expect(eventsFor(c, 'crash').find((e) => e.reason === 'BackOff')!.count).toBeGreaterThan(2);
  });

  it('caps the back-off at 5 minutes', () => {
    const c = bootCluster({ watchLatencyMs: 0, workqueueDelayMs: 0, imagePullMsPerMiB: 0, containerStartMs: 0 });
    createPod(c, makePod('crash', { annotations: { 'sim.kube-sandbox.dev/crash-after': '1s' } }));
    c.advance(1_500_000);
    const exits = records(c, 'runtime', 'container web exited').map(([t]) => t);
    const starts = records(c, 'runtime', 'start container web', 'kubelet/worker-1').map(([t]) => t);
    const gaps = exits.slice(0, 8).map((t, i) => (starts[i + 1]! - t) / 1000);
    expect(gaps).toEqual([1, 10, 20, 40, 80, 160, 300, 300]);
  });

  it('OOMKilled: exit 137, restarted per policy', () => {
    const c = bootCluster();
    createPod(c, makePod('oom', { annotations: { 'sim.kube-sandbox.dev/oom-after': '45s' } }));
    waitFor(c, () => status(c, 'oom').restartCount === 1, 120_000);
    expect(status(c, 'oom').lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
  });

  it.each([
    ['Never', 'crash-after', 'Failed', 'Error', 1],
    ['OnFailure', 'complete-after', 'Succeeded', 'Completed', 0],
    ['Never', 'complete-after', 'Succeeded', 'Completed', 0],
  ] as const)('restartPolicy %s with %s → %s', (policy, what, phase, reason, code) => {
    const c = bootCluster();
    createPod(c, makePod('job', { restartPolicy: policy, annotations: { [`sim.kube-sandbox.dev/${what}`]: '20s' } }));
    waitFor(c, () => getPod(c, 'job')?.status?.phase === phase, 60_000);
    const p = getPod(c, 'job')!;
    expect(p.status!.containerStatuses![0]!.state.terminated).toMatchObject({ exitCode: code, reason });
    expect(p.status!.containerStatuses![0]!.restartCount).toBe(0);
    expect(p.status!.conditions!.find((x) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed' });
    c.advance(60_000);
    expect(getPod(c, 'job')?.status?.phase).toBe(phase);
  });

  it('Job pods complete after 5 s by default', () => {
    const c = bootCluster();
    // A real (suspended, non-matching) Job as owner, so the garbage collector leaves the pod alone.
    const job = c.api.create<Job>({ component: 'test' }, 'jobs', 'default', {
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi' },
      spec: { suspend: true, manualSelector: true, selector: { matchLabels: { unused: 'x' } }, template: { metadata: { labels: { unused: 'x' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34' }] } } },
    });
    if (!job.ok) throw new Error(job.status.message);
    const pod = makePod('pi', { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34' }] });
    pod.metadata.ownerReferences = [{ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid: job.value.metadata.uid!, controller: true }];
    createPod(c, pod);
    const running = waitFor(c, () => getPod(c, 'pi')?.status?.phase === 'Running', 60_000, 50);
    const done = waitFor(c, () => getPod(c, 'pi')?.status?.phase === 'Succeeded', 20_000, 50);
    expect(done - running).toBeGreaterThanOrEqual(4900);
    expect(done - running).toBeLessThanOrEqual(5100);
  });
});

describe('kubelet: image pulls that fail', () => {
  it('ErrImagePull → ImagePullBackOff, retries 10 s, 20 s, 40 s after each failure, with the real events', () => {
    const c = bootCluster({ imagePullMsPerMiB: 0 });
    createPod(c, makePod('bad', { annotations: { 'sim.kube-sandbox.dev/image-pull-error': 'true' }, containers: [{ name: 'app', image: 'busybox777' }] }));
    waitFor(c, () => status(c, 'bad').state.waiting?.reason === 'ErrImagePull', 5000, 50);
    expect(status(c, 'bad').state.waiting?.message).toMatch(/failed to resolve reference "docker\.io\/library\/busybox777:latest"/);
    waitFor(c, () => status(c, 'bad').state.waiting?.reason === 'ImagePullBackOff', 5000, 50);
    expect(status(c, 'bad').state.waiting?.message).toBe('Back-off pulling image "busybox777"');
    expect(getPod(c, 'bad')!.status!.phase).toBe('Pending');
    c.advance(200_000);
    const pulls = records(c, 'runtime', 'pull busybox777').map(([t]) => t);
    expect(pulls.slice(1, 5).map((t, i) => (t - pulls[i]!) / 1000)).toEqual([10, 20, 40, 80]);
    const reasons = eventsFor(c, 'bad').map((e) => `${e.type} ${e.reason}: ${e.message}`);
    expect(reasons).toEqual(expect.arrayContaining([
      'Normal Pulling: Pulling image "busybox777"',
      expect.stringMatching(/^Warning Failed: Failed to pull image "busybox777": rpc error: code = NotFound/),
      'Warning Failed: Error: ErrImagePull',
      'Normal BackOff: Back-off pulling image "busybox777"',
      'Warning Failed: Error: ImagePullBackOff',
    ]));
    expect(eventsFor(c, 'bad').find((e) => e.reason === 'Pulling')!.count).toBe(pulls.length);
  });

  it.each([
    ['Never policy, image absent', { name: 'app', image: 'acme/thing:1', imagePullPolicy: 'Never' as const }, 'ErrImageNeverPull', 'Container image "acme/thing:1" is not present with pull policy of Never'],
    ['invalid reference', { name: 'app', image: 'Acme/Thing' }, 'InvalidImageName', 'Failed to apply default image tag "Acme/Thing": couldn\'t parse image name "Acme/Thing": invalid reference format: repository name (Acme/Thing) must be lowercase'],
  ])('%s', (_name, container, reason, message) => {
    const c = bootCluster();
    createPod(c, makePod('x', { containers: [container] }));
    c.advance(5000);
    expect(status(c, 'x').state.waiting).toEqual({ reason, message });
  });
});

describe('kubelet: readiness that never comes', () => {
  it('never-ready pods run but stay unready with repeating Unhealthy events', () => {
    const c = bootCluster();
    createPod(c, makePod('nr', { annotations: { 'sim.kube-sandbox.dev/never-ready': 'true' }, containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] }));
    c.advance(65_000);
    const p = getPod(c, 'nr')!;
    expect(p.status!.phase).toBe('Running');
    expect(p.status!.conditions!.find((x) => x.type === 'Ready')?.status).toBe('False');
    const unhealthy = eventsFor(c, 'nr').find((e) => e.reason === 'Unhealthy')!;
    expect(unhealthy).toMatchObject({ type: 'Warning', message: 'Readiness probe failed: HTTP probe failed with statuscode: 503' });
    expect(unhealthy.count).toBeGreaterThanOrEqual(5);
  });
});

describe('kubelet: changing a container image on a live pod', () => {
  it('fixes an image stuck in ImagePullBackOff at once, and restarts a running container on a new image', () => {
    const c = bootCluster();
    createPod(c, makePod('fix', { containers: [{ name: 'app', image: 'nginx:1.27' }], annotations: {} }));
    waitFor(c, () => getPod(c, 'fix')?.status?.phase === 'Running', 15_000);
    const patch = (image: string) => c.api.patch({ component: 'user/kubectl' }, 'pods', 'default', 'fix', { spec: { containers: [{ name: 'app', image }] } });
    const res = patch('nginx:1.28');
    expect(res.ok).toBe(true);
    waitFor(c, () => status(c, 'fix').image === 'docker.io/library/nginx:1.28' && status(c, 'fix').state.running !== undefined, 15_000);
    expect(status(c, 'fix').restartCount).toBe(1);
    expect(eventsFor(c, 'fix').some((e) => e.reason === 'Killing' && e.message === 'Container app definition changed, will be restarted')).toBe(true);

    createPod(c, makePod('stuck', { containers: [{ name: 'app', image: 'acme/absent:1', imagePullPolicy: 'Never' }] }));
    waitFor(c, () => status(c, 'stuck').state.waiting?.reason === 'ErrImageNeverPull', 5000);
    const fixed = c.api.patch({ component: 'user/kubectl' }, 'pods', 'default', 'stuck', { spec: { containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.10', imagePullPolicy: 'Never' }] } });
    expect(fixed.ok).toBe(true);
    waitFor(c, () => getPod(c, 'stuck')?.status?.phase === 'Running', 5000);
    expect(status(c, 'stuck').restartCount).toBe(0);
  });
});
