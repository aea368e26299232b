import { describe, expect, it } from 'vitest';
import type { Selection } from '../ui-store';
import { canvasIdOf, linkToView, nodeNameOf, viewToLink, type PageView } from './view-link';

const DOCK = ['events', 'sequence', 'console', 'editor'];
const CPS = new Set(['control-plane']);

function page(over: Partial<PageView> = {}): PageView {
  return { pinned: new Map(), dockTab: null, dockOpen: true, selection: null, theme: 'light', ...over };
}

describe('canvas ids ⇄ Node names', () => {
  it.each([
    ['node/worker-2', 'worker-2'],
    ['cp/control-plane', 'control-plane'],
    ['kubectl', undefined],
    ['registry', undefined],
    ['comp/etcd/control-plane', undefined],
    ['node/', undefined],
  ])('%s → %s', (id, name) => {
    expect(nodeNameOf(id)).toBe(name);
  });

  it('maps a name back to the canvas id of its role', () => {
    expect(canvasIdOf('control-plane', CPS)).toBe('cp/control-plane');
    expect(canvasIdOf('worker-1', CPS)).toBe('node/worker-1');
  });
});

describe('viewToLink', () => {
  it('keeps Node positions by name, rounded, and drops the rest', () => {
    const pinned = new Map([
      ['node/worker-2', { x: 410.6, y: -20.2 }],
      ['cp/control-plane', { x: 5, y: 6 }],
      ['kubectl', { x: 1, y: 1 }],
      ['node/bad', { x: Number.NaN, y: 0 }],
    ]);
    expect(viewToLink(page({ pinned }), DOCK).positions).toEqual({ 'worker-2': { x: 411, y: -20 }, 'control-plane': { x: 5, y: 6 } });
  });

  it.each<[Partial<PageView>, string[]]>([
    [{ dockTab: null, dockOpen: true }, ['events']],
    [{ dockTab: 'console', dockOpen: true }, ['console']],
    [{ dockTab: 'console', dockOpen: false }, []],
  ])('panels of %o', (over, panels) => {
    expect(viewToLink(page(over), DOCK).panels).toEqual(panels);
  });

  it.each<[Selection, unknown]>([
    [null, null],
    [{ kind: 'node', name: 'worker-1' }, { kind: 'node', name: 'worker-1' }],
    [{ kind: 'pod', key: 'uid-1', namespace: 'default', name: 'web-1' }, { kind: 'pod', namespace: 'default', name: 'web-1' }],
    [{ kind: 'component', key: 'etcd/control-plane' }, { kind: 'component', component: 'etcd', node: 'control-plane' }],
    [{ kind: 'component', key: 'kubelet/worker-1' }, null],
  ])('selection %o', (selection, selected) => {
    expect(viewToLink(page({ selection }), DOCK).selected).toEqual(selected);
  });
});

describe('linkToView', () => {
  const podKeyOf = (ns: string, name: string) => (ns === 'default' && name === 'web-1' ? 'uid-1' : null);

  it('round-trips what a page view carries', () => {
    const view = page({
      pinned: new Map([['node/worker-2', { x: 400, y: 20 }], ['cp/control-plane', { x: 0, y: -100 }]]),
      dockTab: 'sequence',
      selection: { kind: 'pod', key: 'uid-1', namespace: 'default', name: 'web-1' },
      theme: 'dark',
    });
    const back = linkToView(viewToLink(view, DOCK), CPS, DOCK, podKeyOf);
    expect(back.pinned).toEqual(view.pinned);
    expect(back.dock).toEqual({ tab: 'sequence', open: true });
    expect(back.selection).toEqual(view.selection);
    expect(back.theme).toBe('dark');
  });

  it('leaves out a pod that does not exist at that moment and panels it does not know', () => {
    const back = linkToView({ positions: {}, panels: ['traces-from-the-future'], selected: { kind: 'pod', namespace: 'default', name: 'gone' }, theme: null }, CPS, DOCK, podKeyOf);
    expect(back.selection).toBeNull();
    expect(back.dock).toBeUndefined();
    expect(back.theme).toBeNull();
  });

  it('closes the dock when the link had it closed', () => {
    expect(linkToView({ positions: {}, panels: [], selected: null, theme: null }, CPS, DOCK, podKeyOf).dock).toEqual({ open: false });
  });
});
