import { describe, expect, it } from 'vitest';
import type { ContainerStatus } from '../api/types';
import { hasFreshKeys } from './container-keys';
import { bootCluster, createPod, getPod, makePod, waitFor } from './testing';

const FRESH = ['name', 'image', 'imageID', 'lastState', 'ready', 'restartCount', 'started', 'state'];
const statusWithKeys = (keys: readonly string[]): ContainerStatus => Object.fromEntries(keys.map((k) => [k, k === 'state' ? {} : 'x'])) as unknown as ContainerStatus;

describe('hasFreshKeys', () => {
  it.each([
    { name: 'the constructor keys in order', keys: FRESH, fresh: true },
    { name: 'with containerID', keys: [...FRESH, 'containerID'], fresh: false },
    { name: 'reordered', keys: ['image', 'name', ...FRESH.slice(2)], fresh: false },
    { name: 'a key missing', keys: FRESH.slice(0, -1), fresh: false },
    { name: 'no keys', keys: [], fresh: false },
  ])('$name → $fresh', ({ keys, fresh }) => {
    expect(hasFreshKeys(statusWithKeys(keys))).toBe(fresh);
  });
});

describe('ContainerRunner status', () => {
  it.each([
    { name: 'zero latencies', config: { watchLatencyMs: 0, workqueueDelayMs: 0, imagePullMsPerMiB: 0, containerStartMs: 0 } },
    { name: 'default latencies', config: {} },
  ])('$name: the stored container status has the constructor keys, containerID last, through start and restarts', ({ config }) => {
    const c = bootCluster(config);
    createPod(c, makePod('crash', { annotations: { 'sim.kube-sandbox.dev/crash-after': '2s' } }));
    const cs = (): ContainerStatus | undefined => getPod(c, 'crash')?.status?.containerStatuses?.[0];
    waitFor(c, () => cs()?.state.running !== undefined, 60_000);
    const first = cs()!;
    expect(Object.keys(first)).toEqual([...FRESH, 'containerID']);
    expect(first.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(first).toMatchObject({ image: 'docker.io/library/nginx:1.27', ready: true, started: true, restartCount: 0 });
    waitFor(c, () => (cs()?.restartCount ?? 0) >= 1 && cs()?.state.running !== undefined, 60_000);
    const again = cs()!;
    expect(Object.keys(again)).toEqual([...FRESH, 'containerID']);
    expect(again.containerID).not.toBe(first.containerID);
    expect(again.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
  });
});
