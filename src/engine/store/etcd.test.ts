import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types';
import { CompactedError, EtcdStore, type StoreEvent } from './etcd';

const obj = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });

describe('EtcdStore history', () => {
  it('keeps no history by default: a watch from a past revision counts as compacted', () => {
    const store = new EtcdStore();
    store.put('configmaps', '/registry/configmaps/default/a', obj('a'));
    store.put('configmaps', '/registry/configmaps/default/b', obj('b'));
    expect(() => store.eventsSince(1)).toThrow(CompactedError);
    expect(store.eventsSince(store.revision)).toEqual([]);
  });

  it('with a limit, replays the events after a revision and compacts the older half past the limit', () => {
    const store = new EtcdStore(4);
    for (const n of ['a', 'b', 'c']) store.put('configmaps', `/registry/configmaps/default/${n}`, obj(n));
    expect(store.eventsSince(2).map((e) => e.kv.value.metadata.name)).toEqual(['b', 'c']);
    for (const n of ['d', 'e']) store.put('configmaps', `/registry/configmaps/default/${n}`, obj(n));
    expect(() => store.eventsSince(1)).toThrow(CompactedError);
    expect(store.eventsSince(store.compactedRevision).map((e) => e.kv.value.metadata.name)).toEqual(['d', 'e']);
  });

  it('tells listeners of every write and delete, with the value replaced', () => {
    const store = new EtcdStore();
    const heard: StoreEvent[] = [];
    const stop = store.subscribe((e) => heard.push(e));
    store.put('configmaps', 'k', obj('v1'));
    store.put('configmaps', 'k', obj('v2'));
    store.delete('configmaps', 'k');
    stop();
    store.put('configmaps', 'k', obj('v3'));
    expect(heard.map((e) => [e.type, e.kv.value.metadata.name, e.prevKv?.value.metadata.name])).toEqual([
      ['PUT', 'v1', undefined],
      ['PUT', 'v2', 'v1'],
      ['DELETE', 'v2', 'v2'],
    ]);
  });
});

describe('EtcdStore range', () => {
  it.each([
    ['inserted in order', ['a', 'b', 'c']],
    ['inserted out of order', ['c', 'a', 'b']],
    ['one key', ['a']],
  ])('returns keys sorted when %s', (_name, names) => {
    const store = new EtcdStore();
    for (const n of names) store.put('configmaps', `/registry/configmaps/default/${n}`, obj(n));
    store.put('configmaps', '/registry/configmaps/other/0', obj('0'));
    expect(store.range('configmaps', '/registry/configmaps/default/').map((kv) => kv.value.metadata.name)).toEqual([...names].sort());
    expect(store.range('configmaps').map((kv) => kv.key)).toEqual([...names.map((n) => `/registry/configmaps/default/${n}`), '/registry/configmaps/other/0'].sort());
  });
});
