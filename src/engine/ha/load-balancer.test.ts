import { describe, expect, it } from 'vitest';
import type { StorageGate } from '../api/apiserver';
import { Rng } from '../sim/rng';
import { etcdError, ETCD_REQUEST_TIMED_OUT } from './etcd-errors';
import {
  ApiServerLoadBalancer, componentRouter, connectionRefused, RoutedStorageGate, transportErrorText, type ApiServerBackend,
} from './load-balancer';
import { Network } from './network';

interface FakeBackend extends ApiServerBackend {
  up: boolean;
  etcdOk: boolean;
}

function backend(name: string, ip: string): FakeBackend {
  const b: FakeBackend = {
    name,
    host: name,
    ip,
    up: true,
    etcdOk: true,
    gate: {
      writeError: () => (b.etcdOk ? undefined : etcdError(ETCD_REQUEST_TIMED_OUT)),
      readError: () => (b.etcdOk ? undefined : etcdError(ETCD_REQUEST_TIMED_OUT)),
    } satisfies StorageGate,
    alive: () => b.up,
  };
  return b;
}

function three(): { net: Network; bs: FakeBackend[]; lb: ApiServerLoadBalancer } {
  const net = new Network();
  const bs = [backend('control-plane-1', '172.18.0.2'), backend('control-plane-2', '172.18.0.3'), backend('control-plane-3', '172.18.0.4')];
  return { net, bs, lb: new ApiServerLoadBalancer(bs, net) };
}

const REFUSED = 'The connection to the server 192.168.1.100:6443 was refused - did you specify the right host or port?';

describe('API server load balancer', () => {
  it('round-robins over healthy backends and skips dead, cut-off and etcd-less ones', () => {
    const { net, bs, lb } = three();
    expect([1, 2, 3, 4].map(() => lb.pick()?.name)).toEqual(['control-plane-1', 'control-plane-2', 'control-plane-3', 'control-plane-1']);
    bs[0]!.up = false;
    bs[1]!.etcdOk = false;
    expect([1, 2, 3].map(() => lb.pick()?.name)).toEqual(['control-plane-3', 'control-plane-3', 'control-plane-3']);
    net.partition([['control-plane-3']]);
    expect(lb.healthyBackends()).toEqual([]);
  });

  it('fails open to answering API servers when none is healthy (their etcd error reaches the client)', () => {
    const { bs, lb } = three();
    for (const b of bs) b.etcdOk = false;
    bs[2]!.up = false;
    expect([1, 2, 3].map(() => lb.pick()?.name)).toEqual(['control-plane-1', 'control-plane-2', 'control-plane-1']);
    const strict = new ApiServerLoadBalancer(bs, new Network(), undefined, undefined, { kind: 'round-robin' }, false);
    expect(strict.pick()).toBeUndefined();
  });

  it('picks at random from a seeded stream, deterministically', () => {
    const pickSeq = (): (string | undefined)[] => {
      const { net, bs } = three();
      const lb = new ApiServerLoadBalancer(bs, net, '192.168.1.100', 6443, { kind: 'random', rng: new Rng(5) });
      return Array.from({ length: 12 }, () => lb.pick()?.name);
    };
    const seq = pickSeq();
    expect(seq).toEqual(pickSeq());
    expect(new Set(seq).size).toBe(3);
  });

  it('refuses the connection with kubectl\'s words when no API server answers', () => {
    const { net, bs, lb } = three();
    for (const b of bs) b.up = false;
    const gate = new RoutedStorageGate(bs, net, lb);
    const err = gate.writeError();
    expect(err).toEqual(connectionRefused('192.168.1.100:6443'));
    expect(err && transportErrorText(err)).toBe(REFUSED);
    expect(transportErrorText(etcdError(ETCD_REQUEST_TIMED_OUT))).toBeUndefined();
  });

  it('routes by component: local API server for bound components, LB for kubelets and users', () => {
    const { net, bs, lb } = three();
    const homes = new Map([['kube-scheduler/control-plane-2', 'control-plane-2']]);
    const gate = new RoutedStorageGate(bs, net, lb, componentRouter(homes));
    bs[1]!.etcdOk = false;
    expect(gate.writeError({ component: 'kube-scheduler/control-plane-2' })?.message).toBe(ETCD_REQUEST_TIMED_OUT);
    expect(gate.writeError({ component: 'user/kubectl' })).toBeUndefined();
    bs[1]!.up = false;
    expect(gate.readError({ component: 'kube-scheduler/control-plane-2' })?.message).toBe('The connection to the server 172.18.0.3:6443 was refused - did you specify the right host or port?');
    net.partition([['worker-1']]);
    const cutOff = gate.readError({ component: 'kubelet/worker-1' });
    expect(cutOff && transportErrorText(cutOff)).toBe('Unable to connect to the server: dial tcp 192.168.1.100:6443: i/o timeout');
    expect(gate.readError({ component: 'kubelet/worker-2' })).toBeUndefined();
  });

  it('without a load balancer, clients talk to the single API server directly', () => {
    const net = new Network();
    const only = backend('control-plane', '172.18.0.2');
    const gate = new RoutedStorageGate([only], net, undefined);
    expect(gate.readError()).toBeUndefined();
    only.up = false;
    expect(gate.readError()?.message).toBe('The connection to the server 172.18.0.2:6443 was refused - did you specify the right host or port?');
  });
});
