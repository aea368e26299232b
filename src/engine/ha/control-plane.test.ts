import { describe, expect, it } from 'vitest';
import type { ApiServer } from '../api/apiserver';
import type { KubeObject } from '../api/types';
import type { SimEnv } from '../sim/env';
import { HaControlPlane, planControlPlane, type HostInfo } from './control-plane';
import { transportErrorText } from './load-balancer';
import { ETCD_NO_SPACE, ETCD_REQUEST_TIMED_OUT } from './storage-gate';
import { advance, testApi, testEnv } from './test-support';

const CP: HostInfo[] = [1, 2, 3].map((i) => ({ name: `control-plane-${i}`, ip: `172.18.0.${i + 1}` }));
const ETCD_HOSTS: HostInfo[] = [1, 2, 3].map((i) => ({ name: `etcd-${i}`, ip: `172.18.0.${i + 10}` }));

function configMap(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { k: 'v' } };
}

interface World {
  env: SimEnv;
  api: ApiServer;
  ha: HaControlPlane;
  down: Set<string>;
  powerOff(host: string): void;
  powerOn(host: string): void;
  write(name: string): string | undefined;
}

function world(topology: 'stacked' | 'external', seed = 1, cp: HostInfo[] = CP): World {
  const env = testEnv(seed);
  const api = testApi(env);
  const down = new Set<string>();
  const ha = new HaControlPlane(env, planControlPlane(cp, topology, ETCD_HOSTS), { hostAlive: (h) => !down.has(h) });
  ha.start();
  ha.attach(api);
  api.create({ component: 'test' }, 'namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  return {
    env, api, ha, down,
    powerOff: (h) => { down.add(h); ha.hostDown(h); },
    powerOn: (h) => { down.delete(h); ha.hostUp(h); },
    write: (name) => {
      const r = api.create({ component: 'user/kubectl' }, 'configmaps', 'default', configMap(name));
      return r.ok ? undefined : (transportErrorText(r.status) ?? `${r.status.code} ${r.status.message}`);
    },
  };
}

describe('control-plane topologies', () => {
  it('plans stacked, external and single-node control planes as kubeadm lays them out', () => {
    const stacked = planControlPlane(CP, 'stacked');
    expect(stacked.members.map((m) => m.host)).toEqual(['control-plane-1', 'control-plane-2', 'control-plane-3']);
    expect(stacked.apiServers.map((a) => a.etcdMembers)).toEqual([['control-plane-1'], ['control-plane-2'], ['control-plane-3']]);
    expect(stacked.loadBalancer).toEqual({ address: '192.168.1.100', port: 6443 });
    const ext = planControlPlane(CP, 'external', ETCD_HOSTS);
    expect(ext.members.map((m) => m.host)).toEqual(['etcd-1', 'etcd-2', 'etcd-3']);
    expect(ext.apiServers[0]!.etcdMembers).toEqual(['etcd-1', 'etcd-2', 'etcd-3']);
    const single = planControlPlane([{ name: 'control-plane', ip: '172.18.0.2' }], 'stacked');
    expect(single.loadBalancer).toBeUndefined();
    expect(() => planControlPlane(CP, 'external')).toThrow('external etcd needs at least one etcd host');
  });

  it('stacked: losing one node changes nothing visible; losing two freezes writes; recovery resumes them', () => {
    const w = world('stacked', 3);
    expect(w.write('a')).toBeUndefined();
    const leader = w.ha.etcd.raft.leader()!;
    w.powerOff(leader.host);
    advance(w.env, 2_500);
    expect(w.write('b')).toBeUndefined();
    const second = CP.find((h) => h.name !== leader.host)!.name;
    w.powerOff(second);
    advance(w.env, 5_000);
    expect(w.write('c')).toBe(`500 ${ETCD_REQUEST_TIMED_OUT}`);
    expect(w.api.get({ component: 'user/kubectl' }, 'configmaps', 'default', 'a').ok).toBe(false);
    w.powerOn(second);
    advance(w.env, 2_500);
    expect(w.write('c')).toBeUndefined();
    expect(w.ha.etcd.violations).toEqual([]);
  });

  it('stacked: with every control-plane node down the load balancer refuses the connection', () => {
    const w = world('stacked', 4);
    for (const h of CP) w.powerOff(h.name);
    expect(w.write('x')).toBe('The connection to the server 192.168.1.100:6443 was refused - did you specify the right host or port?');
  });

  it('external: control-plane nodes and etcd hosts fail independently', () => {
    const w = world('external', 5);
    w.powerOff('control-plane-1');
    w.powerOff('control-plane-2');
    expect(w.write('a')).toBeUndefined();
    w.powerOff('etcd-1');
    advance(w.env, 2_500);
    expect(w.write('b')).toBeUndefined();
    w.powerOff('etcd-2');
    advance(w.env, 2_500);
    expect(w.write('c')).toBe(`500 ${ETCD_REQUEST_TIMED_OUT}`);
  });

  it('a full etcd disk turns the cluster read-only with the NOSPACE error', () => {
    const w = world('stacked', 6);
    expect(w.write('a')).toBeUndefined();
    w.ha.etcd.fillDisk('control-plane-3');
    expect(w.write('b')).toBe(`500 ${ETCD_NO_SPACE}`);
    expect(w.api.get({ component: 'user/kubectl' }, 'configmaps', 'default', 'a').ok).toBe(true);
    w.ha.etcd.defrag('control-plane-3');
    w.ha.etcd.disarmAlarms();
    expect(w.write('b')).toBeUndefined();
  });

  it('counts each committed write as a Raft entry and flags writes that bypass the gate', () => {
    const w = world('stacked', 7);
    const leader = w.ha.etcd.raft.leader()!;
    const before = leader.commitIndex;
    for (let i = 0; i < 5; i++) w.write(`cm-${i}`);
    expect(leader.commitIndex).toBe(before + 5);
    expect(w.ha.etcd.members.every((m) => m.commitIndex === leader.commitIndex)).toBe(true);
    for (const m of w.ha.etcd.members.slice(0, 2)) w.ha.etcd.kill(m.name);
    w.api.gate = undefined;
    w.write('sneaky');
    expect(w.ha.etcd.violationCount).toBe(1);
    expect(w.ha.etcd.violations[0]).toContain('/registry/configmaps/default/sneaky acknowledged without a committing majority');
  });

  it('single control-plane node: clients reach its API server directly', () => {
    const w = world('stacked', 8, [{ name: 'control-plane', ip: '172.18.0.2' }]);
    expect(w.ha.endpoint).toBe('172.18.0.2:6443');
    expect(w.write('a')).toBeUndefined();
    w.ha.etcd.kill('control-plane');
    expect(w.write('b')).toBe('500 context deadline exceeded');
    w.powerOff('control-plane');
    expect(w.write('c')).toBe('The connection to the server 172.18.0.2:6443 was refused - did you specify the right host or port?');
  });

  it('watch-cache lists (informers) keep working without quorum, but not without an API server', () => {
    const w = world('stacked', 9);
    for (const h of CP.slice(1)) w.powerOff(h.name);
    advance(w.env, 3_000);
    const user = { component: 'user/kubectl' };
    expect(w.api.list(user, 'namespaces').ok).toBe(false);
    const watched = w.api.listAndWatch(user, 'namespaces', {}, () => undefined);
    expect(watched.ok && watched.value.items.map((n) => n.metadata.name)).toEqual(['default', 'kube-system']);
    w.powerOff(CP[0]!.name);
    const refused = w.api.listAndWatch(user, 'namespaces', {}, () => undefined);
    expect(refused.ok ? 'ok' : transportErrorText(refused.status)).toBe('The connection to the server 192.168.1.100:6443 was refused - did you specify the right host or port?');
  });
});
