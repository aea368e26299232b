import { describe, expect, it } from 'vitest';
import type { KubeObject, Node, Pod } from '../../engine/api/types';
import { EtcdStore } from '../../engine/store/etcd';
import { applyChange, emptyStore, storeFromSets, storesEqual } from '../../protocol/changes';
import { Projector, type ProjectorHost } from './projector';

function node(name: string, taints: Node['spec']['taints'] = []): Node {
  return {
    apiVersion: 'v1', kind: 'Node', metadata: { name, uid: `uid-${name}` }, spec: { taints },
    status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' }, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

function pod(name: string, nodeName?: string, uid = `uid-${name}`): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid },
    spec: { nodeName, containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '500m' } } }], tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }] },
    status: { phase: nodeName ? 'Running' : 'Pending' },
  };
}

function setup() {
  const etcd = new EtcdStore();
  let now = 1000;
  const up = new Map<string, boolean>();
  const put = (bucket: string, o: KubeObject) => etcd.put(bucket, `${o.metadata.namespace ?? ''}/${o.metadata.name}`, o);
  const del = (bucket: string, o: KubeObject) => etcd.delete(bucket, `${o.metadata.namespace ?? ''}/${o.metadata.name}`);
  put('nodes', node('control-plane'));
  put('nodes', node('worker-1'));
  const p = new Projector({
    objects: (r) => etcd.range(r).map((kv) => kv.value),
    subscribe: (l) => etcd.subscribe(l),
    machineUp: (n) => up.get(n) ?? true,
    role: (n) => (n === 'control-plane' ? 'control-plane' : 'worker'),
    controlPlaneNodes: () => ['control-plane'],
    now: () => now,
  });
  return { etcd, p, put, del, up, setNow: (t: number) => (now = t) };
}

describe('Projector', () => {
  it('starts with nodes and control-plane components, then streams only what changed', () => {
    const { p, put } = setup();
    const first = p.flush();
    expect(first.filter((c) => c.c === 'nodes')).toHaveLength(2);
    expect(first.filter((c) => c.c === 'components')).toHaveLength(4);
    expect(p.flush()).toEqual([]);
    put('pods', pod('web-1', 'worker-1'));
    const ch = p.flush();
    expect(ch.map((c) => `${c.op}:${c.c}`).sort()).toEqual(['patch:nodes', 'put:pods']);
    const nodePatch = ch.find((c) => c.c === 'nodes');
    expect(nodePatch).toMatchObject({ op: 'patch', set: { requested: { cpuMillis: 500, memoryBytes: 0, pods: 1 } } });
  });

  it('recomputes eviction countdowns when a node gains a NoExecute taint', () => {
    const { p, put } = setup();
    put('pods', pod('web-1', 'worker-1'));
    p.flush();
    put('nodes', node('worker-1', [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2026-01-01T09:01:00Z' }]));
    const ch = p.flush();
    expect(ch.find((c) => c.c === 'pods')).toMatchObject({ op: 'patch', set: { evictAtMs: 60_000 + 300_000 } });
  });

  it('removes deleted objects and replaces a record when an object is recreated under the same name', () => {
    const { p, put, del } = setup();
    put('pods', pod('db-0', 'worker-1', 'uid-a'));
    p.flush();
    put('pods', pod('db-0', 'worker-1', 'uid-b'));
    const ch = p.flush().filter((c) => c.c === 'pods');
    expect(ch).toEqual([{ op: 'remove', c: 'pods', key: 'uid-a' }, expect.objectContaining({ op: 'put', c: 'pods' })]);
    del('pods', pod('db-0', 'worker-1', 'uid-b'));
    expect(p.flush().filter((c) => c.c === 'pods')).toEqual([{ op: 'remove', c: 'pods', key: 'uid-b' }]);
  });

  it('notices machines going down without an API write', () => {
    const { p, up } = setup();
    p.flush();
    up.set('worker-1', false);
    p.markNode('worker-1');
    expect(p.flush().find((c) => c.c === 'nodes')).toMatchObject({ op: 'patch', set: { machineUp: false } });
  });

  it('the changes it emits rebuild exactly its snapshot', () => {
    const { p, put, del } = setup();
    const mirror = emptyStore();
    const pump = () => {
      for (const ch of p.flush()) expect(applyChange(mirror, ch)).toBe(true);
    };
    pump();
    for (let i = 0; i < 20; i++) put('pods', pod(`web-${i}`, i % 3 === 0 ? undefined : 'worker-1'));
    pump();
    for (let i = 0; i < 20; i += 2) del('pods', pod(`web-${i}`));
    pump();
    expect(storesEqual(mirror, storeFromSets(p.snapshot()))).toBe(true);
    expect(mirror.pods.size).toBe(10);
  });
});

/** A projector over control-plane machines that are all up, with `etcd` telling the rest. */
function controlPlaneProjector(cps: string[], etcd: Pick<ProjectorHost, 'etcdLeaderHost' | 'etcdMemberUp' | 'datastore'>): Projector {
  const store = new EtcdStore();
  for (const name of cps) store.put('nodes', `/${name}`, node(name));
  return new Projector({
    objects: (r) => store.range(r).map((kv) => kv.value),
    subscribe: (l) => store.subscribe(l),
    machineUp: () => true,
    role: () => 'control-plane',
    controlPlaneNodes: () => cps,
    ...etcd,
    now: () => 1000,
  });
}

describe('Projector control-plane leaders', () => {
  it('marks only the Raft leader etcd member of three, and none during an election', () => {
    let leaderHost: string | undefined = 'control-plane-2';
    const p = controlPlaneProjector(['control-plane-1', 'control-plane-2', 'control-plane-3'], { etcdLeaderHost: () => leaderHost });
    p.flush();
    const etcdLeaders = () => p.snapshot().components.filter((c) => c.kind === 'etcd' && c.leader).map((c) => c.node);
    expect(etcdLeaders()).toEqual(['control-plane-2']);
    leaderHost = undefined;
    p.flush();
    expect(etcdLeaders()).toEqual([]);
  });

  it('shows a killed stacked etcd member down while its machine and other components run', () => {
    const killed = new Set<string>();
    const p = controlPlaneProjector(['control-plane-1', 'control-plane-2'], { etcdMemberUp: (host) => !killed.has(host) });
    const down = () => p.snapshot().components.filter((c) => !c.up).map((c) => c.key);
    p.flush();
    expect(down()).toEqual([]);
    killed.add('control-plane-2');
    p.flush();
    expect(down()).toEqual(['etcd/control-plane-2']);
    killed.clear();
    p.flush();
    expect(down()).toEqual([]);
  });
});

describe('Projector datastore', () => {
  it.each([
    ['a single k3s server (kine)', { datastore: () => 'kine-sqlite' as const }, 'kine-sqlite'],
    ['etcd', { datastore: () => 'etcd' as const }, undefined],
    ['a host that does not say', {}, undefined],
  ])('%s: the etcd record names the datastore only when it is not etcd', (_what, host, want) => {
    const p = controlPlaneProjector(['server'], host);
    p.flush();
    const recs = p.snapshot().components;
    expect(recs.find((c) => c.kind === 'etcd')?.datastore).toBe(want);
    expect(recs.filter((c) => c.kind !== 'etcd' && 'datastore' in c)).toEqual([]);
  });
});
