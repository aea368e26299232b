import { describe, expect, it } from 'vitest';
import { Machine, type NodeConfig } from '../cluster/node-config';
import { EventQueue } from '../sim/event-queue';
import { ImagePuller, type PullResult } from './image-puller';
import { imageSizeBytes, parseImage, type ImageRef } from './images';

const cfg: NodeConfig = { name: 'n', role: 'worker', cpuMillis: 1000, memoryBytes: 2 ** 30, pods: 10, labels: {}, taints: [], internalIP: '172.18.0.2', podCIDR: '10.244.0.0/24', distribution: 'kubeadm' };
const ref = (image: string): ImageRef => {
  const r = parseImage(image);
  if (!r.ok) throw new Error(r.message);
  return r.ref;
};

function setup(msPerMiB = 40) {
  const q = new EventQueue();
  const machine = new Machine(cfg);
  const puller = new ImagePuller(machine, (d, l, f, bg) => void q.after(d, l, f, bg), () => q.nowMs, msPerMiB);
  return { q, machine, puller };
}

describe('ImagePuller', () => {
  it('pulls one image at a time; the second waits and says so', () => {
    const { q, machine, puller } = setup();
    const got: [string, PullResult, number][] = [];
    puller.pull(ref('nginx:1.27'), false, (r) => got.push(['nginx', r, q.nowMs]));
    puller.pull(ref('redis:7'), false, (r) => got.push(['redis', r, q.nowMs]));
    q.runUntil(60_000);
    const nginxMs = Math.round((imageSizeBytes(ref('nginx:1.27')) / 2 ** 20) * 40);
    expect(got[0]![2]).toBe(nginxMs);
    expect(got[1]![1].totalMs).toBe(got[1]![2]);
    expect(got[1]![1].totalMs).toBeGreaterThan(got[1]![1].pullMs);
    expect(machine.images.has('docker.io/library/nginx:1.27')).toBe(true);
  });

  it('joins a pull already under way for the same image', () => {
    const { q, puller } = setup();
    const done: number[] = [];
    puller.pull(ref('nginx:1.27'), false, () => done.push(q.nowMs));
    q.runUntil(1000);
    puller.pull(ref('nginx:1.27'), false, (r) => {
      done.push(q.nowMs);
      expect(r.totalMs).toBe(r.pullMs);
    });
    q.runUntil(60_000);
    expect(done).toHaveLength(2);
    expect(done[0]).toBe(done[1]);
  });

  it('failed pulls do not cache; cancelled requests are not answered', () => {
    const { q, machine, puller } = setup();
    const results: PullResult[] = [];
    puller.pull(ref('busybox777'), true, (r) => results.push(r));
    const cancel = puller.pull(ref('alpine:3.20'), false, (r) => results.push(r));
    cancel();
    q.runUntil(60_000);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ ok: false, error: expect.stringContaining('docker.io/library/busybox777:latest: not found') });
    expect(machine.images.size).toBe(0);
  });

  it('zero pull time completes within the call', () => {
    let ok = false;
    const p = new ImagePuller(new Machine(cfg), (_d, _l, f) => f(), () => 0, 0);
    p.pull(ref('nginx:1.27'), false, (r) => (ok = r.ok));
    expect(ok).toBe(true);
    expect(p.busy).toBe(false);
  });
});
