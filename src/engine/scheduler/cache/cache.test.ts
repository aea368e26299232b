import { describe, expect, it } from 'vitest';
import { Rng } from '../../sim/rng';
import { makeNode, makePod } from '../testing/builders';
import { SchedulerCache } from './cache';
import { CHANGE_LOG, forgetChanged, NodeColumns } from './node-columns';
import { NodeTree } from './node-tree';
import { newPodInfo } from './pod-info';

describe('SchedulerCache', () => {
  it('accounts assumed pods at once, keeps them through confirmation, forgets failed ones', () => {
    const cache = new SchedulerCache();
    cache.addOrUpdateNode(makeNode('n1', { cpu: '4', memory: '8Gi' }));
    const p = makePod('p', { cpu: '1', memory: '1Gi' });
    cache.assumePod(newPodInfo(p), 'n1');
    const n1 = cache.get('n1')!;
    expect([n1.requestedMilliCPU, n1.requestedMemory, n1.podCount]).toEqual([1000, 2 ** 30, 1]);
    expect(cache.isAssumed('default/p')).toBe(true);
    cache.addOrUpdatePod({ ...p, spec: { ...p.spec, nodeName: 'n1' } });
    expect(cache.isAssumed('default/p')).toBe(false);
    expect(n1.requestedMilliCPU).toBe(1000);
    cache.forgetPod('default/p');
    expect(n1.podCount).toBe(1);
    cache.assumePod(newPodInfo(makePod('q', { cpu: '1' })), 'n1');
    cache.forgetPod('default/q');
    expect([n1.requestedMilliCPU, n1.podCount]).toEqual([1000, 1]);
  });

  it('follows status-only writes and spec changes of bound pods', () => {
    const cache = new SchedulerCache();
    cache.addOrUpdateNode(makeNode('n1', { cpu: '4', memory: '8Gi' }));
    const p = makePod('p', { cpu: '1', nodeName: 'n1' });
    cache.addOrUpdatePod(p);
    const n1 = cache.get('n1')!;
    // A status write shares spec and labels: the same numbers, the newest pod object.
    const running = { ...p, status: { phase: 'Running' as const } };
    cache.addOrUpdatePod(running);
    expect([n1.requestedMilliCPU, n1.podCount]).toEqual([1000, 1]);
    expect(n1.pods.get('default/p')?.pod).toBe(running);
    // A changed spec is derived afresh.
    const resized = makePod('p', { cpu: '2', nodeName: 'n1' });
    resized.metadata.uid = p.metadata.uid;
    cache.addOrUpdatePod(resized);
    expect([n1.requestedMilliCPU, n1.podCount]).toEqual([2000, 1]);
  });

  it('a status write swaps the stored PodInfo in place: ports, anti-affinity and selector counts unchanged', () => {
    const cache = new SchedulerCache();
    cache.addOrUpdateNode(makeNode('n1', { cpu: '4', memory: '8Gi' }));
    const anti = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'a' } }, topologyKey: 'kubernetes.io/hostname' }] } };
    const p = makePod('p', { cpu: '1', nodeName: 'n1', labels: { app: 'a' }, affinity: anti, ports: [{ containerPort: 80, hostPort: 8080 }] });
    cache.addOrUpdatePod(p);
    const n1 = cache.get('n1')!;
    const counts = cache.selectorCounts.get('default', { matchLabels: { app: 'a' } });
    const ready = { ...p, status: { phase: 'Running' as const, podIP: '10.0.0.9' } };
    cache.addOrUpdatePod(ready);
    const stored = n1.pods.get('default/p')!;
    expect(stored.pod).toBe(ready);
    expect([...n1.podsWithRequiredAntiAffinity]).toEqual([stored]);
    expect([n1.requestedMilliCPU, n1.podCount, n1.usedPorts.size, counts.count(n1)]).toEqual([1000, 1, 1, 1]);
    cache.removePod('default/p');
    expect([n1.requestedMilliCPU, n1.podCount, n1.usedPorts.size, n1.podsWithRequiredAntiAffinity.size, counts.count(n1)]).toEqual([0, 0, 0, 0, 0]);
  });

  it('terminal pods release their resources', () => {
    const cache = new SchedulerCache();
    cache.addOrUpdateNode(makeNode('n1'));
    const p = makePod('p', { cpu: '1', nodeName: 'n1' });
    cache.addOrUpdatePod(p);
    cache.addOrUpdatePod({ ...p, status: { phase: 'Succeeded' } });
    expect(cache.get('n1')!.requestedMilliCPU).toBe(0);
  });

  it('keeps pods of a deleted node on a ghost until they go, and leaves it out of the node list', () => {
    const cache = new SchedulerCache();
    cache.addOrUpdateNode(makeNode('n1'));
    cache.addOrUpdateNode(makeNode('n2'));
    cache.addOrUpdatePod(makePod('p', { cpu: '1', nodeName: 'n1' }));
    cache.removeNode('n1');
    expect(cache.nodeList().map((n) => n.name)).toEqual(['n2']);
    expect(cache.get('n1')).toBeUndefined();
    cache.addOrUpdateNode(makeNode('n1'));
    expect(cache.get('n1')!.requestedMilliCPU).toBe(1000);
  });

  it('counts images across nodes', () => {
    const cache = new SchedulerCache();
    const img = { names: ['nginx:1.27'], sizeBytes: 100 };
    cache.addOrUpdateNode(makeNode('a', { images: [img] }));
    cache.addOrUpdateNode(makeNode('b', { images: [img] }));
    expect(cache.imageNumNodes('nginx:1.27')).toBe(2);
    cache.addOrUpdateNode(makeNode('b'));
    expect(cache.imageNumNodes('nginx:1.27')).toBe(1);
  });

  it('selector counts kept incrementally equal counts rebuilt from scratch (seeded churn)', () => {
    const rng = new Rng(42);
    const cache = new SchedulerCache();
    for (let i = 0; i < 8; i++) cache.addOrUpdateNode(makeNode(`n${i}`));
    const sel = { matchLabels: { app: 'web' } };
    const counts = cache.selectorCounts.get('default', sel);
    const live = new Map<string, { node: string; web: boolean }>();
    for (let step = 0; step < 400; step++) {
      const name = `p${rng.int(60)}`;
      if (live.has(name) && rng.int(3) === 0) {
        cache.removePod(`default/${name}`);
        live.delete(name);
      } else {
        const node = `n${rng.int(8)}`;
        const web = rng.int(2) === 0;
        cache.addOrUpdatePod(makePod(name, { nodeName: node, labels: web ? { app: 'web' } : { app: 'db' } }));
        live.set(name, { node, web });
      }
    }
    const fresh = new SchedulerCache();
    for (let i = 0; i < 8; i++) fresh.addOrUpdateNode(makeNode(`n${i}`));
    for (const [name, { node, web }] of live) fresh.addOrUpdatePod(makePod(name, { nodeName: node, labels: web ? { app: 'web' } : { app: 'db' } }));
    const rebuilt = fresh.selectorCounts.get('default', sel);
    for (let i = 0; i < 8; i++) expect(counts.count(cache.get(`n${i}`)!)).toBe(rebuilt.count(fresh.get(`n${i}`)!));
  });
});

describe('SchedulerCache label key counts', () => {
  it('count live nodes per label key through adds, relabels, removals and ghosts', () => {
    const zone = 'topology.kubernetes.io/zone';
    const cache = new SchedulerCache();
    const keys = (): number[] => [cache.nodesWithLabelKey(zone), cache.nodesWithLabelKey('kubernetes.io/hostname'), cache.nodesWithLabelKey('gpu')];
    cache.addOrUpdateNode(makeNode('a', { labels: { [zone]: 'z1' } }));
    cache.addOrUpdateNode(makeNode('b'));
    expect(keys()).toEqual([1, 2, 0]);
    cache.addOrUpdateNode(makeNode('b', { labels: { [zone]: 'z2', gpu: 'yes' } }));
    expect(keys()).toEqual([2, 2, 1]);
    cache.addOrUpdateNode(makeNode('a'));
    expect(keys()).toEqual([1, 2, 1]);
    // The same Node object again (a no-op update) changes nothing.
    const c = makeNode('c', { labels: { [zone]: 'z1' } });
    cache.addOrUpdateNode(c);
    cache.addOrUpdateNode(c);
    expect(keys()).toEqual([2, 3, 1]);
    // A deleted node with pods left is a ghost: its labels no longer count, until it comes back.
    cache.addOrUpdatePod(makePod('p', { nodeName: 'c' }));
    cache.removeNode('c');
    cache.removeNode('c');
    expect(keys()).toEqual([1, 2, 1]);
    cache.addOrUpdateNode(makeNode('c', { labels: { [zone]: 'z3' } }));
    expect(keys()).toEqual([2, 3, 1]);
    cache.removeNode('b');
    cache.removeNode('c');
    cache.removeNode('a');
    expect(keys()).toEqual([0, 0, 0]);
  });
});

describe('SchedulerCache PreferNoSchedule count', () => {
  it('counts live nodes with a PreferNoSchedule taint through updates and removals', () => {
    const cache = new SchedulerCache();
    const prefer = [{ key: 'slow', effect: 'PreferNoSchedule' as const }];
    cache.addOrUpdateNode(makeNode('a', { taints: prefer }));
    cache.addOrUpdateNode(makeNode('b', { taints: [{ key: 'x', effect: 'NoSchedule' }] }));
    expect(cache.nodesWithPreferNoScheduleTaints).toBe(1);
    cache.addOrUpdateNode(makeNode('b', { taints: prefer }));
    cache.addOrUpdateNode(makeNode('b', { taints: prefer }));
    expect(cache.nodesWithPreferNoScheduleTaints).toBe(2);
    cache.addOrUpdateNode(makeNode('a'));
    expect(cache.nodesWithPreferNoScheduleTaints).toBe(1);
    cache.removeNode('b');
    cache.removeNode('b');
    expect(cache.nodesWithPreferNoScheduleTaints).toBe(0);
    cache.addOrUpdateNode(makeNode('b', { taints: prefer }));
    expect(cache.nodesWithPreferNoScheduleTaints).toBe(1);
  });
});

describe('NodeColumns change log', () => {
  it('lists the records written since a change number, until the ring no longer reaches back', () => {
    const cols = new NodeColumns(2);
    for (let i = 0; i < 4; i++) cols.claim(i);
    const since = cols.changeStamp;
    cols.touch(2);
    cols.touch(1);
    cols.touch(2);
    const seen: number[] = [];
    expect(forgetChanged(cols, since, (r) => seen.push(r))).toBe(true);
    expect(seen).toEqual([2, 1, 2]);
    expect(forgetChanged(cols, cols.changeStamp, () => expect.fail('nothing changed'))).toBe(true);
    const before = cols.changeStamp;
    for (let i = 0; i < CHANGE_LOG; i++) cols.touch(i % 4);
    expect(forgetChanged(cols, before, () => undefined)).toBe(true);
    cols.touch(0);
    expect(forgetChanged(cols, before, () => undefined)).toBe(false);
  });

  it('a pod placed on a node writes that node\'s record only', () => {
    const cache = new SchedulerCache();
    cache.addOrUpdateNode(makeNode('a'));
    cache.addOrUpdateNode(makeNode('b'));
    const b = cache.get('b')!;
    const since = b.columns.changeStamp;
    cache.assumePod(newPodInfo(makePod('p', { cpu: '1' })), 'b');
    const seen = new Set<number>();
    forgetChanged(b.columns, since, (r) => seen.add(r));
    expect([...seen]).toEqual([b.record]);
  });
});

describe('NodeTree', () => {
  const zoned = (name: string, zone?: string) => makeNode(name, { labels: zone ? { 'topology.kubernetes.io/zone': zone } : {} });
  it('lists nodes round-robin across zones', () => {
    const t = new NodeTree();
    for (const [n, z] of [['a1', 'a'], ['a2', 'a'], ['a3', 'a'], ['b1', 'b'], ['c1', 'c'], ['c2', 'c']] as const) t.add(zoned(n, z));
    expect(t.list()).toEqual(['a1', 'b1', 'c1', 'a2', 'c2', 'a3']);
    t.remove('b1');
    expect(t.list()).toEqual(['a1', 'c1', 'a2', 'c2', 'a3']);
  });

  it('moves a node whose zone label changes', () => {
    const t = new NodeTree();
    t.add(zoned('x', 'a'));
    t.add(zoned('y', 'a'));
    t.add(zoned('x', 'b'));
    expect(t.list()).toEqual(['y', 'x']);
    expect(t.size).toBe(2);
  });
});

describe('NodeInfo topology label cache', () => {
  it('follows the node labels through updates and into clones', () => {
    const cache = new SchedulerCache();
    cache.addOrUpdateNode(makeNode('n1', { labels: { 'kubernetes.io/hostname': 'n1', 'topology.kubernetes.io/zone': 'a' } }));
    const ni = cache.get('n1')!;
    expect([ni.hostnameLabel, ni.zoneLabel]).toEqual(['n1', 'a']);
    cache.addOrUpdateNode(makeNode('n1', { labels: { 'kubernetes.io/hostname': 'n1-renamed' } }));
    expect([ni.hostnameLabel, ni.zoneLabel]).toEqual(['n1-renamed', undefined]);
    cache.addOrUpdateNode(makeNode('n1', { labels: { 'topology.kubernetes.io/zone': 'b' } }));
    expect(ni.clone().zoneLabel).toBe('b');
  });
});

describe('newPodInfo requests of pods sharing a container list', () => {
  it('shares the sums between pods of one list, and sums each other list afresh', () => {
    const a = makePod('a', { cpu: '250m', memory: '1Gi' });
    const b = { ...makePod('b'), spec: { ...makePod('b').spec, containers: a.spec.containers } };
    const c = makePod('c', { cpu: '2' });
    const ia = newPodInfo(a);
    const ib = newPodInfo(b);
    const ic = newPodInfo(c);
    expect(ib.requests).toBe(ia.requests);
    expect(ib.nonZeroRequests).toBe(ia.nonZeroRequests);
    expect(ia.requests).toEqual({ milliCPU: 250, memory: 2 ** 30 });
    expect(ic.requests).toEqual({ milliCPU: 2000, memory: 0 });
    expect(ic.nonZeroRequests.memory).toBe(200 * 1024 * 1024);
    // Back to the first list after another: the sums are right again.
    expect(newPodInfo(a).requests).toEqual({ milliCPU: 250, memory: 2 ** 30 });
  });

  it('moves a pod between nodes and back with the counts following (state updated in place)', () => {
    const cache = new SchedulerCache();
    cache.addOrUpdateNode(makeNode('n1', { cpu: '4' }));
    cache.addOrUpdateNode(makeNode('n2', { cpu: '4' }));
    const p = makePod('p', { cpu: '1', nodeName: 'n1' });
    cache.addOrUpdatePod(p);
    cache.addOrUpdatePod({ ...p, spec: { ...p.spec, nodeName: 'n2' } });
    expect([cache.get('n1')!.podCount, cache.get('n2')!.podCount, cache.nodeOfPod('default/p')]).toEqual([0, 1, 'n2']);
    cache.assumePod(newPodInfo(makePod('q', { cpu: '1' })), 'n1');
    cache.addOrUpdatePod(makePod('q', { cpu: '1', nodeName: 'n1' }));
    expect([cache.isAssumed('default/q'), cache.get('n1')!.requestedMilliCPU, cache.podCount]).toEqual([false, 1000, 2]);
    cache.removePod('default/p');
    expect([cache.get('n2')!.podCount, cache.podCount]).toEqual([0, 1]);
  });
});
