import { describe, expect, it } from 'vitest';
import { advance, testApi, testEnv } from '../ha/test-support';
import type { Pod } from './types';
import type { WatchEvent } from './watch-hub';

const CTX = { component: 'test' };

function pod(name: string): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
}

describe('WatchHub fan-out to node-indexed watchers', () => {
  it('a node watcher hears a bind as ADDED and later writes as the very event every watcher hears', () => {
    const env = testEnv();
    const api = testApi(env);
    const r = api.resource('pods')!;
    const all: WatchEvent[] = [];
    const onNode: WatchEvent[] = [];
    const elsewhere: WatchEvent[] = [];
    api.watches.add(r, 'all', {}, (ev) => all.push(ev));
    api.watches.add(r, 'kubelet-a', { nodeName: 'a' }, (ev) => onNode.push(ev));
    api.watches.add(r, 'kubelet-b', { nodeName: 'b' }, (ev) => elsewhere.push(ev));
    expect(api.create(CTX, 'pods', 'default', pod('p')).ok).toBe(true);
    expect(api.bind(CTX, 'default', 'p', 'a').ok).toBe(true);
    const bound = api.peek<Pod>('pods', 'default', 'p')!;
    expect(api.update(CTX, 'pods', { ...bound, status: { phase: 'Running' } }, 'status').ok).toBe(true);
    advance(env, 1000);
    expect(all.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'MODIFIED']);
    expect(onNode.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED']);
    expect(elsewhere).toEqual([]);
    // The bind: different types, so different events; the status write: one shared event.
    expect(onNode[0]).not.toBe(all[1]);
    expect(onNode[1]).toBe(all[2]);
    expect([onNode[1]!.key, onNode[1]!.label]).toEqual(['default/p', 'watch MODIFIED Pod p']);
    expect(onNode[0]!.label).toBe('watch ADDED Pod p');
  });
});

describe('WatchHub delivery queue', () => {
  it('delivers bursts in order, including events written by a handler during delivery, burst after burst', () => {
    const env = testEnv();
    const api = testApi(env);
    const r = api.resource('pods')!;
    const heard: string[] = [];
    api.watches.add(r, 'w', {}, (ev) => {
      heard.push(`${ev.type} ${ev.object.metadata.name}`);
      // A handler writing while its queue is drained: the new event joins this delivery.
      if (ev.object.metadata.name === 'a1' && ev.type === 'ADDED') api.create(CTX, 'pods', 'default', pod('from-handler'));
    });
    for (const name of ['a1', 'a2', 'a3']) api.create(CTX, 'pods', 'default', pod(name));
    advance(env, 1000);
    expect(heard).toEqual(['ADDED a1', 'ADDED a2', 'ADDED a3', 'ADDED from-handler']);
    for (const name of ['b1', 'b2']) api.create(CTX, 'pods', 'default', pod(name));
    api.delete(CTX, 'pods', 'default', 'a2');
    advance(env, 1000);
    expect(heard.slice(4)).toEqual(['ADDED b1', 'ADDED b2', 'DELETED a2']);
    advance(env, 1000);
    expect(heard).toHaveLength(7);
  });
});
