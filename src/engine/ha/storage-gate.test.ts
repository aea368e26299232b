import { describe, expect, it } from 'vitest';
import type { SimEnv } from '../sim/env';
import { EtcdCluster } from './etcd-cluster';
import { Network } from './network';
import { ApiServerStorageGate, ETCD_NO_SPACE, ETCD_REQUEST_TIMED_OUT, ETCD_UNREACHABLE } from './storage-gate';
import { advance, CP3, memberSpecs, testEnv } from './test-support';

const ETCD3 = ['etcd-1', 'etcd-2', 'etcd-3'];

interface World {
  env: SimEnv;
  etcd: EtcdCluster;
  gate: ApiServerStorageGate;
}

function stacked(seed = 1): World {
  const env = testEnv(seed);
  const etcd = new EtcdCluster(env, memberSpecs(CP3), new Network());
  etcd.start();
  return { env, etcd, gate: new ApiServerStorageGate(etcd, { name: 'control-plane-1', host: 'control-plane-1', etcdMembers: ['control-plane-1'] }) };
}

function external(seed = 1): World {
  const env = testEnv(seed);
  const etcd = new EtcdCluster(env, memberSpecs(ETCD3), new Network());
  etcd.start();
  return { env, etcd, gate: new ApiServerStorageGate(etcd, { name: 'control-plane-1', host: 'control-plane-1', etcdMembers: ETCD3 }) };
}

type Expect = string | undefined;

describe('API server storage gate', () => {
  it.each<[string, () => World, (w: World) => void, Expect, Expect]>([
    ['stacked, healthy', stacked, () => {}, undefined, undefined],
    ['stacked, another member down', stacked, (w) => w.etcd.kill('control-plane-3'), undefined, undefined],
    ['stacked, local member down', stacked, (w) => w.etcd.kill('control-plane-1'), ETCD_UNREACHABLE, ETCD_UNREACHABLE],
    ['stacked, two others down', stacked, (w) => { w.etcd.kill('control-plane-2'); w.etcd.kill('control-plane-3'); }, ETCD_REQUEST_TIMED_OUT, ETCD_REQUEST_TIMED_OUT],
    ['stacked, own node partitioned away', stacked, (w) => w.etcd.partition([['control-plane-1']]), ETCD_REQUEST_TIMED_OUT, ETCD_REQUEST_TIMED_OUT],
    ['stacked, NOSPACE on another member', stacked, (w) => w.etcd.fillDisk('control-plane-2'), ETCD_NO_SPACE, undefined],
    ['external, one member down', external, (w) => w.etcd.kill('etcd-1'), undefined, undefined],
    ['external, two members down', external, (w) => { w.etcd.kill('etcd-1'); w.etcd.kill('etcd-2'); }, ETCD_REQUEST_TIMED_OUT, ETCD_REQUEST_TIMED_OUT],
    ['external, API server cut off from every member', external, (w) => w.etcd.partition([['control-plane-1']]), ETCD_UNREACHABLE, ETCD_UNREACHABLE],
    ['external, one member isolated, API server on the majority side', external, (w) => w.etcd.partition([['etcd-1']]), undefined, undefined],
    ['external, NOSPACE', external, (w) => w.etcd.fillDisk('etcd-3'), ETCD_NO_SPACE, undefined],
  ])('%s', (_name, make, fault, write, read) => {
    const w = make();
    advance(w.env, 2_000);
    fault(w);
    advance(w.env, 5_000);
    expect(w.gate.writeError()?.message).toBe(write);
    expect(w.gate.readError()?.message).toBe(read);
  });

  it('returns errors shaped as kube-apiserver wraps a plain etcd error (500, reason "")', () => {
    const w = stacked();
    w.etcd.kill('control-plane-2');
    w.etcd.kill('control-plane-3');
    expect(w.gate.writeError()).toEqual({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'etcdserver: request timed out', reason: '', code: 500 });
  });

  it('fails writes during the election after the leader dies, then accepts them', () => {
    const w = stacked(8);
    advance(w.env, 2_000);
    const leader = w.etcd.raft.leader()!;
    const gate = new ApiServerStorageGate(w.etcd, { name: 'x', host: 'control-plane-2', etcdMembers: CP3.filter((h) => h !== leader.name) });
    w.etcd.kill(leader.name);
    expect(gate.writeError()?.message).toBe(ETCD_REQUEST_TIMED_OUT);
    advance(w.env, 2_500);
    expect(gate.writeError()).toBeUndefined();
  });
});
