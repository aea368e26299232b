import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeLinkState, encodeLink } from './codec';
import { inflateCapped, packBytes, packText } from './container';
import { decodeLink } from './link';
import { RESERVED_KEYS } from './safe-json';
import { LINK_COMPONENTS, LINK_LIMITS, type LinkSelection, type LinkState } from './state';
import { deflateSync } from 'fflate';

const PROTOTYPE_BEFORE = Object.getOwnPropertyNames(Object.prototype).sort();
afterAll(() => {
  // Nothing any generated input did may have reached Object.prototype.
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_BEFORE);
});

/** Any UTF-16 code unit, lone surrogates included. */
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const anyText = (maxLength: number): fc.Arbitrary<string> => fc.string({ unit: fc.oneof(anyUnit, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength });
const line = (maxLength: number): fc.Arbitrary<string> => anyText(maxLength).filter((s) => s.trim() !== '' && !/[\r\n]/.test(s));
const nodeName = line(30).filter((s) => !RESERVED_KEYS.has(s));
/** -0 is normalised to 0 (JSON cannot tell them apart), so generated states use 0. */
const coordinate = fc.double({ min: -LINK_LIMITS.coordinate, max: LINK_LIMITS.coordinate, noNaN: true }).map((v) => (v === 0 ? 0 : v));
const time = fc.integer({ min: 0, max: LINK_LIMITS.timeMs });

const selection: fc.Arbitrary<LinkSelection | null> = fc.oneof(
  fc.constant(null),
  fc.record({ kind: fc.constant('node' as const), name: nodeName }),
  fc.record({ kind: fc.constant('pod' as const), namespace: nodeName, name: nodeName }),
  fc.record({ kind: fc.constant('component' as const), component: fc.constantFrom(...LINK_COMPONENTS), node: nodeName }),
);

/** States as the page produces them: actions in time order, each panel once. */
const state: fc.Arbitrary<LinkState> = fc.record({
  scenario: anyText(400).filter((s) => s.trim() !== ''),
  actions: fc.array(fc.record({ atMs: time, run: line(60) }), { maxLength: 12 }).map((a) => [...a].sort((x, y) => x.atMs - y.atMs)),
  timeMs: time,
  view: fc.record({
    positions: fc.dictionary(nodeName, fc.record({ x: coordinate, y: coordinate }), { maxKeys: 12 }),
    panels: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,31}$/), { maxLength: LINK_LIMITS.panels }),
    selected: selection,
    theme: fc.constantFrom('light' as const, 'dark' as const, null),
  }),
});

function fragmentOf(s: LinkState): string {
  const e = encodeLink(s);
  if (!e.ok) throw new Error(e.error);
  return e.fragment;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('share link properties', () => {
  it('decode(encode(s)) equals s, with no notices', () => {
    fc.assert(
      fc.property(state, (s) => {
        expect(decodeLinkState(fragmentOf(s))).toEqual({ ok: true, value: s, notices: [] });
      }),
      { numRuns: 300 },
    );
  });

  it('encoding is deterministic and ignores key insertion order', () => {
    fc.assert(
      fc.property(state, (s) => {
        const reordered: LinkState = { ...s, view: { ...s.view, positions: Object.fromEntries(Object.entries(s.view.positions).reverse()) } };
        expect(fragmentOf(reordered)).toBe(fragmentOf(s));
        expect(fragmentOf(structuredClone(s))).toBe(fragmentOf(s));
      }),
      { numRuns: 100 },
    );
  });

  it('no string makes decoding throw', () => {
    const inputs = fc.oneof(
      anyText(200),
      fc.string({ unit: fc.constantFrom(...B64), maxLength: 300 }).map((s) => `v1.${s}`),
      fc.uint8Array({ maxLength: 300 }).map((b) => packBytes(1, b)),
      fc.json({ maxDepth: 4 }).map((j) => packText(1, j)),
      fc.tuple(fc.nat(3), fc.json({ maxDepth: 3 })).map(([v, j]) => packText(v, j)),
    );
    fc.assert(
      fc.property(inputs, (input) => {
        const r = decodeLinkState(input);
        expect(typeof r.ok).toBe('boolean');
        const full = decodeLink(input);
        if (!full.ok) expect(full.error).toMatch(/^link: /);
      }),
      { numRuns: 2000 },
    );
  });

  it('a link cut at any character, or with any one character changed or removed, is refused', () => {
    fc.assert(
      fc.property(state, fc.nat(63), (s, pick) => {
        const link = fragmentOf(s);
        for (let cut = 0; cut < link.length; cut++) {
          const r = decodeLinkState(link.slice(0, cut));
          expect(r.ok).toBe(false);
          // Only the empty prefix reads as "no link"; every other prefix is an error to show.
          expect(!r.ok && r.code === 'empty').toBe(cut === 0);
        }
        for (let at = 0; at < link.length; at++) {
          const other = B64[(B64.indexOf(link[at]!) + 1 + pick) % 64]!;
          const changed = `${link.slice(0, at)}${other === link[at] ? '.' : other}${link.slice(at + 1)}`;
          expect(decodeLinkState(changed).ok).toBe(false);
          expect(decodeLinkState(`${link.slice(0, at)}${link.slice(at + 1)}`).ok).toBe(false);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('inflating stops at the 1 MiB cap, whatever the ratio', () => {
    const cap = LINK_LIMITS.inflatedBytes;
    expect(inflateCapped(deflateSync(new Uint8Array(cap)), cap)).toMatchObject({ ok: true, value: { length: cap } });
    fc.assert(
      fc.property(fc.integer({ min: cap + 1, max: 6 * cap }), fc.nat(255), (size, fill) => {
        const r = inflateCapped(deflateSync(new Uint8Array(size).fill(fill)), cap);
        expect(r).toEqual({ ok: false, error: 'data expands past 1024 KiB when inflated (refused as a decompression bomb)' });
      }),
      { numRuns: 8 },
    );
  });
});
