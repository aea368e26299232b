import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeLink, decodeLinkState } from '../../scenarios/link/codec';
import type { Selection } from '../ui-store';
import { linkToView, viewToLink, type PageView } from './view-link';

const DOCK = ['events', 'sequence', 'console', 'editor'];
const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/);
const coord = fc.integer({ min: -100_000, max: 100_000 });

const selection: fc.Arbitrary<Selection> = fc.oneof(
  fc.constant(null),
  name.map((n) => ({ kind: 'node' as const, name: n })),
  fc.tuple(name, name).map(([ns, n]) => ({ kind: 'pod' as const, key: `uid-${ns}-${n}`, namespace: ns, name: n })),
  fc.tuple(fc.constantFrom('apiserver', 'etcd', 'scheduler', 'controller-manager'), name).map(([k, n]) => ({ kind: 'component' as const, key: `${k}/${n}` })),
);

const pageView: fc.Arbitrary<{ view: PageView; controlPlanes: Set<string> }> = fc
  .record({
    // Node names are unique across roles: no worker is called like a control-plane node.
    workers: fc.uniqueArray(name.filter((n) => !n.startsWith('cp-')), { maxLength: 8 }),
    cps: fc.uniqueArray(name.map((n) => `cp-${n}`), { maxLength: 3 }),
    coords: fc.array(fc.tuple(coord, coord), { minLength: 11, maxLength: 11 }),
    dockTab: fc.constantFrom(null, ...DOCK),
    dockOpen: fc.boolean(),
    selection,
    theme: fc.constantFrom('light' as const, 'dark' as const),
  })
  .map(({ workers, cps, coords, dockTab, dockOpen, selection: sel, theme }) => {
    const pinned = new Map<string, { x: number; y: number }>();
    [...workers.map((w) => `node/${w}`), ...cps.map((c) => `cp/${c}`)].forEach((id, i) => {
      const [x, y] = coords[i]!;
      pinned.set(id, { x, y });
    });
    return { view: { pinned, dockTab, dockOpen, selection: sel, theme }, controlPlanes: new Set(cps) };
  });

describe('view ⇄ link (property)', () => {
  it('a page view survives viewToLink → encodeLink → decodeLinkState → linkToView', () => {
    fc.assert(
      fc.property(pageView, ({ view, controlPlanes }) => {
        const linkView = viewToLink(view, DOCK);
        const encoded = encodeLink({ scenario: 'kind: Scenario\n', actions: [], timeMs: 0, view: linkView });
        if (!encoded.ok) throw new Error(encoded.error);
        const decoded = decodeLinkState(encoded.fragment);
        if (!decoded.ok) throw new Error(decoded.error);
        const podKeyOf = (ns: string, n: string) => `uid-${ns}-${n}`;
        const back = linkToView(decoded.value.view, controlPlanes, DOCK, podKeyOf);
        expect(back.pinned).toEqual(view.pinned);
        expect(back.selection).toEqual(view.selection);
        expect(back.theme).toBe(view.theme);
        expect(back.dock).toEqual(view.dockOpen ? { open: true, tab: view.dockTab ?? 'events' } : { open: false });
      }),
      { numRuns: 200 },
    );
  });
});
