import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { Machine, type NodeConfig } from '../cluster/node-config';
import { EventQueue } from '../sim/event-queue';
import { Backoff } from './backoff';
import { ensureImage, type ImageStepHost } from './container-image';
import { ImagePuller } from './image-puller';
import type { KubeletRuntime } from './kubelet-runtime';
import type { PodContext } from './pod-context';

const cfg: NodeConfig = { name: 'n', role: 'worker', cpuMillis: 1000, memoryBytes: 2 ** 30, pods: 10, labels: {}, taints: [], internalIP: '172.18.0.2', podCIDR: '10.244.0.0/24', distribution: 'kubeadm' };
const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } };

/** A container's image step on a node without the image, the puller taking `msPerMiB` per MiB (0: done at once, as the kubelet runs zero-delay steps). */
function setup(msPerMiB: number) {
  const q = new EventQueue();
  const machine = new Machine(cfg);
  const puller = new ImagePuller(machine, (d, l, f, bg) => (d <= 0 && !bg ? f() : void q.after(d, l, f, bg)), () => q.nowMs, msPerMiB);
  const reasons: string[] = [];
  const rt = {
    env: { now: () => q.nowMs, log: { append: () => undefined } },
    id: 'kubelet/n',
    runtimeId: 'runtime/n',
    machine,
    puller,
    imageBackoff: new Backoff(),
    recorder: { record: (_ctx: unknown, _obj: unknown, _type: string, reason: string) => void reasons.push(reason) },
    ctx: () => ({ component: 'kubelet/n' }),
  } as unknown as KubeletRuntime;
  const pc = { rt, uid: 'u', misbehaviour: { imagePullError: false }, pod: () => pod, opId: () => undefined, terminating: () => false, changed: () => undefined } as unknown as PodContext;
  const cancels: ((() => void) | undefined)[] = [];
  const h: ImageStepHost = {
    pc,
    spec: { name: 'app', image: 'nginx:1.27' },
    fieldPath: 'spec.containers{app}',
    setWaiting: () => undefined,
    later: () => undefined,
    setCancelPull: (c) => void cancels.push(c),
  };
  return { q, h, reasons, cancels };
}

describe('ensureImage', () => {
  it.each([
    { msPerMiB: 0, startedAt: 'once', cancelsBefore: [] as string[] },
    { msPerMiB: 40, startedAt: 'later', cancelsBefore: ['canceller'] },
  ])('pull at $msPerMiB ms/MiB: the canceller is kept only while the pull is under way', ({ msPerMiB, startedAt, cancelsBefore }) => {
    const { q, h, reasons, cancels } = setup(msPerMiB);
    let ran = 0;
    ensureImage(h, () => ran++);
    const kept = (): string[] => cancels.filter((c) => c !== undefined).map(() => 'canceller');
    expect(kept()).toEqual(startedAt === 'once' ? [] : cancelsBefore);
    expect(ran).toBe(startedAt === 'once' ? 1 : 0);
    q.runUntil(60_000);
    expect(ran).toBe(1);
    expect(cancels.at(-1)).toBeUndefined();
    expect(reasons).toEqual(['Pulling', 'Pulled']);
  });

  it('a cancelled pull under way never starts the container', () => {
    const { q, h, cancels } = setup(40);
    let ran = 0;
    ensureImage(h, () => ran++);
    cancels.at(-1)?.();
    q.runUntil(60_000);
    expect(ran).toBe(0);
  });
});
