import { describe, expect, it } from 'vitest';
import { applyChange, changedFields, diffRecord, diffStores, emptyStore, sameValue, storesEqual } from './changes';
import type { ComponentRecord, FlowRecord } from './records';

const flow = (over: Partial<FlowRecord> = {}): FlowRecord => ({ key: 'a>b', from: 'a', to: 'b', recent: 1, kind: 'request', total: 1, ...over });

describe('sameValue', () => {
  it.each([
    [1, 1, true],
    ['a', 'b', false],
    [[1, 2], [1, 2], true],
    [[1, 2], [2, 1], false],
    [{ a: 1, b: [1] }, { a: 1, b: [1] }, true],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [null, {}, false],
    [[], {}, false],
  ])('%j vs %j → %s', (a, b, want) => {
    expect(sameValue(a, b)).toBe(want);
  });
});

describe('diffRecord', () => {
  it('puts new records, removes gone ones, patches only changed fields', () => {
    expect(diffRecord('flows', undefined, flow())).toEqual({ op: 'put', c: 'flows', rec: flow() });
    expect(diffRecord('flows', flow(), undefined)).toEqual({ op: 'remove', c: 'flows', key: 'a>b' });
    expect(diffRecord('flows', flow(), flow())).toBeUndefined();
    expect(diffRecord('flows', flow(), flow({ recent: 0 }))).toEqual({ op: 'patch', c: 'flows', key: 'a>b', set: { recent: 0 } });
  });

  it('represents a removed optional field as undefined in the patch', () => {
    const prev = { key: 'k', a: 1, b: 2 };
    const next = { key: 'k', a: 1 };
    expect(changedFields<{ key: string; a: number; b?: number }>(prev, next)).toEqual({ b: undefined });
  });
});

describe('applyChange', () => {
  it('applies put, patch, remove and replaces (never mutates) records', () => {
    const store = emptyStore();
    applyChange(store, { op: 'put', c: 'flows', rec: flow() });
    const before = store.flows.get('a>b')!;
    expect(applyChange(store, { op: 'patch', c: 'flows', key: 'a>b', set: { total: 5 } })).toBe(true);
    expect(store.flows.get('a>b')).toEqual(flow({ total: 5 }));
    expect(before.total).toBe(1);
    expect(store.flows.get('a>b')).not.toBe(before);
    applyChange(store, { op: 'remove', c: 'flows', key: 'a>b' });
    expect(store.flows.size).toBe(0);
  });

  it('reports a patch of a missing record as out of sync', () => {
    expect(applyChange(emptyStore(), { op: 'patch', c: 'flows', key: 'x', set: { total: 1 } })).toBe(false);
  });

  it('diffStores + apply turns one store into the other', () => {
    const a = emptyStore();
    const b = emptyStore();
    const comp: ComponentRecord = { key: 'etcd/cp', kind: 'etcd', node: 'cp', up: true, leader: true };
    a.components.set(comp.key, comp);
    a.flows.set('a>b', flow());
    b.flows.set('a>b', flow({ recent: 3, total: 9 }));
    b.flows.set('c>d', flow({ key: 'c>d', from: 'c', to: 'd' }));
    for (const ch of diffStores(a, b)) applyChange(a, ch);
    expect(storesEqual(a, b)).toBe(true);
  });
});
