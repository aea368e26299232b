import { describe, expect, it } from 'vitest';
import type { ComponentRecord, DatastoreKind } from '../../protocol/records';
import { buildNodes } from './build';
import { selectDatastore } from './datastore';
import { componentLabel } from './flow-types';
import type { LayoutInput } from './layout';

const input = (cps: readonly string[], datastore?: DatastoreKind): LayoutInput => ({
  compact: false, controlPlanes: cps.map((name) => ({ name, pods: 0 })), workers: [], registry: false, pending: 0, ...(datastore ? { datastore } : {}),
});

const comp = (kind: ComponentRecord['kind'], node: string, datastore?: DatastoreKind): ComponentRecord => ({
  key: `${kind}/${node}`, kind, node, up: true, leader: true, ...(datastore ? { datastore } : {}),
});

const view = (cps: readonly string[], recs: readonly ComponentRecord[]) => ({ controlPlaneNames: cps, mirror: { data: { components: new Map(recs.map((r) => [r.key, r])) } } });

describe('the datastore box', () => {
  it.each([
    [undefined, 'etcd'],
    ['etcd', 'etcd'],
    ['kine-sqlite', 'kine (SQLite)'],
  ] as const)('datastore %s: the etcd box is named and labelled %s, the others by their kind', (datastore, want) => {
    const nodes = buildNodes(input(['server'], datastore), new Map(), []);
    const etcd = nodes.find((n) => n.id === 'comp/etcd/server');
    expect(etcd?.ariaLabel).toBe(want);
    expect(etcd?.type === 'component' && etcd.data.label).toBe(want);
    expect(nodes.find((n) => n.id === 'comp/apiserver/server')?.ariaLabel).toBe('API server');
  });

  it('renames the box when the datastore becomes known (a new node object, same id and slot)', () => {
    const before = buildNodes(input(['server']), new Map(), []);
    const after = buildNodes(input(['server'], 'kine-sqlite'), new Map(), before);
    const at = (ns: typeof before) => ns.find((n) => n.id === 'comp/etcd/server');
    expect(at(after)).not.toBe(at(before));
    expect(at(after)?.position).toEqual(at(before)?.position);
    expect(after.find((n) => n.id === 'comp/scheduler/server')).toBe(before.find((n) => n.id === 'comp/scheduler/server'));
  });

  it.each([
    ['no components yet', ['server'], [], 'etcd'],
    ['a single k3s server', ['server'], [comp('apiserver', 'server'), comp('etcd', 'server', 'kine-sqlite')], 'kine-sqlite'],
    ['three etcd members', ['cp-1', 'cp-2', 'cp-3'], ['cp-1', 'cp-2', 'cp-3'].map((n) => comp('etcd', n)), 'etcd'],
  ] as const)('selectDatastore: %s → %s', (_what, cps, recs, want) => {
    expect(selectDatastore(view(cps, recs))).toBe(want);
  });

  it('componentLabel names only etcd after the datastore', () => {
    expect(componentLabel('etcd', 'kine-sqlite')).toBe('kine (SQLite)');
    expect(componentLabel('scheduler', 'kine-sqlite')).toBe('Scheduler');
    expect(componentLabel('etcd')).toBe('etcd');
  });
});
