import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PodRecord } from '../../protocol/records';
import { naturalCompare } from './natural-compare';
import { placeOf, PodLists, sortKeyOf, UNSCHEDULED } from './pod-lists';

const pod = (key: string, name: string, node: string | null, namespace = 'default'): PodRecord => ({
  key, namespace, name, node, phase: 'Running', status: 'Running', readyText: '1/1', ready: true, restarts: 0, tone: 'running',
  ownerKind: null, ownerName: null, workloadKind: null, workloadName: null, evictAtMs: null, deleteAtMs: null, system: false, createdMs: 0,
});

describe('sortKeyOf', () => {
  it('orders names as naturalCompare does (numbers by value), namespaces first', () => {
    const names = ['web-10', 'web-9', 'web-09x', 'web-a', 'web-', 'app-2-b', 'app-10-a', 'worker-100', 'worker-20', 'x7', 'x-1'];
    const byKey = [...names].sort((a, b) => (sortKeyOf({ namespace: 'd', name: a }) < sortKeyOf({ namespace: 'd', name: b }) ? -1 : 1));
    expect(byKey).toEqual([...names].sort(naturalCompare));
    expect(sortKeyOf({ namespace: 'a', name: 'z' }) < sortKeyOf({ namespace: 'b', name: 'a' })).toBe(true);
    expect(sortKeyOf({ namespace: 'a', name: 'x07' })).not.toBe(sortKeyOf({ namespace: 'a', name: 'x7' }));
  });

  it('equals the plain regular-expression definition for any name', () => {
    const reference = (name: string): string =>
      name.replace(/\d+/g, (run) => {
        const digits = run.replace(/^0+(?=\d)/, '');
        return `0${String.fromCharCode(0x30 + Math.min(digits.length, 0x4e))}${digits}`;
      });
    const names = fc.oneof(fc.string(), fc.stringMatching(/^[a-z0-9-]{0,40}$/), fc.stringMatching(/^(0|[0-9]{60,90}|-)*$/));
    fc.assert(
      fc.property(names, (name) => {
        expect(sortKeyOf({ namespace: 'ns', name })).toBe(`ns\u0000${reference(name)}\u0000${name}`);
      }),
      { numRuns: 2000 },
    );
  });
});

type Op = { kind: 'put'; i: number; node: number } | { kind: 'patch'; i: number } | { kind: 'remove'; i: number };

describe('PodLists', () => {
  it('after any sequence of edits equals the lists rebuilt from scratch; every edit bumps its nodes', () => {
    const nodes = [null, 'w1', 'w2'];
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('put' as const), i: fc.integer({ min: 0, max: 30 }), node: fc.integer({ min: 0, max: 2 }) }),
      fc.record({ kind: fc.constant('patch' as const), i: fc.integer({ min: 0, max: 30 }) }),
      fc.record({ kind: fc.constant('remove' as const), i: fc.integer({ min: 0, max: 30 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        const truth = new Map<string, PodRecord>();
        const lists = new PodLists();
        lists.reset([]);
        for (const o of ops) {
          const key = `p${o.i}`;
          const prev = truth.get(key);
          const before = new Map(nodes.map((n) => [n ?? UNSCHEDULED, lists.version(n ?? UNSCHEDULED)]));
          let touched: (string | null)[] = [];
          if (o.kind === 'put') {
            const next = pod(key, `web-${o.i}`, nodes[o.node]!);
            truth.set(key, next);
            lists.move(prev ? placeOf(prev) : undefined, next);
            touched = [next.node, ...(prev ? [prev.node] : [])];
          } else if (o.kind === 'remove' && prev) {
            truth.delete(key);
            lists.move(placeOf(prev), undefined);
            touched = [prev.node];
          } else if (o.kind === 'patch' && prev) {
            prev.restarts++;
            lists.touch(prev);
            touched = [prev.node];
          }
          for (const n of touched) expect(lists.version(n ?? UNSCHEDULED)).toBeGreaterThan(before.get(n ?? UNSCHEDULED)!);
        }
        const want = new Map<string, PodRecord[]>();
        for (const p of truth.values()) want.set(p.node ?? UNSCHEDULED, [...(want.get(p.node ?? UNSCHEDULED) ?? []), p]);
        for (const l of want.values()) l.sort((a, b) => naturalCompare(a.name, b.name));
        expect(new Map([...lists.lists].map(([n, l]) => [n, l.map((p) => p.key)]))).toEqual(new Map([...want].map(([n, l]) => [n, l.map((p) => p.key)])));
      }),
      { numRuns: 300 },
    );
  });

  it('reset sorts each node by name and changes every version', () => {
    const lists = new PodLists();
    lists.reset([pod('a', 'web-10', 'w1'), pod('b', 'web-9', 'w1'), pod('c', 'db-1', null)]);
    expect(lists.lists.get('w1')?.map((p) => p.name)).toEqual(['web-9', 'web-10']);
    expect(lists.lists.get(UNSCHEDULED)?.map((p) => p.name)).toEqual(['db-1']);
    const v = lists.version('w1');
    lists.reset([]);
    expect(lists.version('w1')).toBeGreaterThan(v);
    expect(lists.lists.size).toBe(0);
  });
});
