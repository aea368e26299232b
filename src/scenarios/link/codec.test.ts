import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32, encodeBase64Url, encodeVarint } from './bytes';
import { decodeLinkState, encodeLink, fragmentOf, shareUrl, type LinkDecoded } from './codec';
import { packBytes, packText } from './container';
import { canonicalJson, type JsonValue } from './safe-json';
import { LINK_LIMITS, type LinkState } from './state';

const STATE: LinkState = {
  scenario: 'apiVersion: kube-sandbox.dev/v1\nkind: Scenario\nmetadata: { name: demo }\nspec: {}\n',
  actions: [
    { atMs: 60_000, run: 'sandbox kill node worker-2' },
    { atMs: 90_000, run: 'kubectl get pods -o wide' },
  ],
  timeMs: 120_000,
  view: { positions: { 'worker-1': { x: 10, y: -20.5 } }, panels: ['events', 'inspector'], selected: { kind: 'node', name: 'worker-1' }, theme: 'dark' },
};

function fragment(state: LinkState = STATE): string {
  const e = encodeLink(state);
  if (!e.ok) throw new Error(e.error);
  return e.fragment;
}

/** A v1 envelope with a valid checksum around arbitrary JSON: only the schema can refuse it. */
function withJson(value: JsonValue): string {
  return packText(1, canonicalJson(value));
}

function raw(patch: Record<string, JsonValue>, viewPatch: Record<string, JsonValue> = {}): JsonValue {
  const base = JSON.parse(canonicalJson(STATE as unknown as JsonValue)) as Record<string, JsonValue>;
  return { ...base, ...patch, view: { ...(base.view as Record<string, JsonValue>), ...viewPatch } };
}

/** An envelope whose compressed part is `deflated` as given (valid length and checksum). */
function envelope(deflated: Uint8Array): string {
  const body = Uint8Array.from([...encodeVarint(deflated.length), ...deflated]);
  const sum = crc32(body);
  return `v1.${encodeBase64Url(Uint8Array.from([...body, sum >>> 24, (sum >>> 16) & 255, (sum >>> 8) & 255, sum & 255]))}`;
}

function errorOf(r: LinkDecoded<unknown>): string {
  return r.ok ? `(decoded, notices: ${r.notices.join('; ')})` : `${r.code}: ${r.error}`;
}

describe('encodeLink', () => {
  it('round-trips and reports its length', () => {
    const e = encodeLink(STATE);
    expect(e.ok && e.fragment.startsWith('v1.')).toBe(true);
    expect(e.ok && e.chars).toBe(e.ok && e.fragment.length);
    expect(decodeLinkState(`#${fragment()}`)).toEqual({ ok: true, value: STATE, notices: [] });
  });

  it('is deterministic: key order and extra fields do not change the link', () => {
    const shuffled = {
      view: { theme: 'dark', selected: { name: 'worker-1', kind: 'node' }, panels: ['events', 'inspector'], positions: { 'worker-1': { y: -20.5, x: 10 } }, extra: 1 },
      timeMs: 120_000,
      actions: STATE.actions.map((a) => ({ run: a.run, atMs: a.atMs })),
      scenario: STATE.scenario,
    } as unknown as LinkState;
    expect(fragment(shuffled)).toBe(fragment());
    expect(fragment()).toBe(fragment());
  });

  it('sorts actions by time (stable) and says so', () => {
    const e = encodeLink({ ...STATE, actions: [...STATE.actions].reverse() });
    expect(e.ok && e.notices).toEqual(['actions were not in time order; they were sorted']);
    const d = decodeLinkState(e.ok ? e.fragment : '');
    expect(d.ok && d.value.actions).toEqual(STATE.actions);
  });

  it.each([
    ['a NaN position', { ...STATE, view: { ...STATE.view, positions: { a: { x: Number.NaN, y: 0 } } } }, 'link: cannot encode: cannot encode NaN in JSON'],
    ['a multi-line action', { ...STATE, actions: [{ atMs: 0, run: 'kubectl get pods\nrm -rf /' }] }, 'link: cannot encode: actions[0].run: must be a single line'],
    ['a negative time', { ...STATE, timeMs: -1 }, 'link: cannot encode: timeMs: expected an integer from 0 to 604800000 (7 days), got -1'],
    ['a __proto__ position', { ...STATE, view: { ...STATE.view, positions: JSON.parse('{"__proto__":{"x":1,"y":2}}') as LinkState['view']['positions'] } }, 'link: cannot encode: invalid JSON at character 279: forbidden key "__proto__"'],
  ])('refuses %s', (_what, state, error) => {
    expect(encodeLink(state)).toEqual({ ok: false, error });
  });

  it('refuses a state whose link would pass 64 KiB', () => {
    let noise = '';
    for (let i = 0; noise.length < 200_000; i++) noise += `${((i * 2654435761) >>> 0).toString(36)} `;
    const e = encodeLink({ ...STATE, scenario: noise });
    expect(e.ok).toBe(false);
    expect(!e.ok && e.error).toMatch(/^link: too large to share: \d+ characters \(at most 65536\)$/);
  });
});

describe('shareUrl and fragmentOf', () => {
  it.each([
    ['http://localhost:5173/', 'v1.abc', 'http://localhost:5173/#v1.abc'],
    ['https://example.org/sandbox/#old', 'v1.abc', 'https://example.org/sandbox/#v1.abc'],
  ])('%s + %s', (base, frag, url) => {
    expect(shareUrl(base, frag)).toBe(url);
    expect(fragmentOf(url)).toBe(frag);
  });

  it('takes a bare fragment as is', () => {
    expect(fragmentOf('v1.abc')).toBe('v1.abc');
  });
});

describe('decodeLinkState: untrusted input (QUALITY.md "Share links")', () => {
  const valid = fragment();
  const bomb = packBytes(1, new Uint8Array(24 * 1024 * 1024));
  const truncatedDeflate = deflateSync(new TextEncoder().encode(canonicalJson(raw({})))).subarray(0, 40);

  it.each([
    ['an empty fragment', '', 'empty: link: no link'],
    ['a bare #', '#', 'empty: link: no link'],
    ['an unknown version', 'v2.AAAA', 'unsupported-version: link: unsupported link version v2 (this build reads v1); opening the default scenario'],
    ['something else', '#section-2', 'invalid: link: not a kube-sandbox link (expected the fragment to start with v1.)'],
    ['a version only', 'v1', 'corrupt: link: truncated (nothing after the version)'],
    ['a fragment over 64 KiB', `v1.${'A'.repeat(LINK_LIMITS.fragmentChars)}`, 'too-large: link: too large: 65539 characters (at most 65536)'],
    ['invalid base64', 'v1.AB$D', 'corrupt: link: invalid base64 at character 5: "$"'],
    ['no data', 'v1.', 'corrupt: link: truncated data (length header cut short)'],
    ['one character cut', valid.slice(0, -1), expect.stringMatching(/^corrupt: link: invalid base64: .*\(truncated/)],
    ['four characters cut', valid.slice(0, -4), expect.stringMatching(/^corrupt: link: (truncated data \(\d+ of \d+ bytes\)|invalid base64: .*\(truncated)/)],
    ['trailing garbage', `${valid}AAAA`, 'corrupt: link: trailing garbage: 3 unexpected bytes after the data'],
    ['a changed character', `${valid.slice(0, 40)}${valid[40] === 'A' ? 'B' : 'A'}${valid.slice(41)}`, 'corrupt: link: corrupt data (checksum mismatch)'],
    ['data that is not deflate', envelope(Uint8Array.from([0xff, 0xff, 0xff])), expect.stringMatching(/^corrupt: link: truncated or corrupt data \(inflate failed near compressed byte 0: invalid/)],
    ['a cut deflate stream', envelope(truncatedDeflate), 'corrupt: link: truncated or corrupt data (inflate failed near compressed byte 0: unexpected EOF)'],
    ['a decompression bomb', bomb, 'corrupt: link: data expands past 1024 KiB when inflated (refused as a decompression bomb)'],
    ['invalid UTF-8', packBytes(1, Uint8Array.from([0x7b, 0xc3, 0x28, 0x7d])), 'corrupt: link: invalid UTF-8 at byte 2 of the inflated data'],
    ['JSON with a __proto__ key', packText(1, '{"__proto__":{"polluted":true}}'), 'corrupt: link: invalid JSON at character 1: forbidden key "__proto__"'],
    ['JSON with a constructor key', packText(1, '{"constructor":{"prototype":{"polluted":true}}}'), 'corrupt: link: invalid JSON at character 1: forbidden key "constructor"'],
    ['deep nesting', packText(1, `${'['.repeat(5000)}${']'.repeat(5000)}`), 'corrupt: link: invalid JSON at character 16: nested deeper than 16 levels'],
    ['a number past double range', packText(1, '{"timeMs":1e999}'), 'corrupt: link: invalid JSON at character 10: number out of range'],
    ['duplicate node names in positions', packText(1, '{"view":{"positions":{"w":{"x":1,"y":1},"w":{"x":2,"y":2}}}}'), 'corrupt: link: invalid JSON at character 40: duplicate key "w"'],
    ['a list, not a map', withJson([1, 2]), 'invalid: link: (link): expected a map, got a list'],
    ['an unknown field', withJson(raw({ script: 'alert(1)' })), 'invalid: link: (link): unknown field "script"; expected scenario, actions, timeMs, view'],
    ['a missing field', withJson({ scenario: 'x', actions: [], view: raw({}) }), 'invalid: link: (link): missing field "timeMs"'],
    ['an empty scenario', withJson(raw({ scenario: '  ' })), 'invalid: link: scenario: must not be empty'],
    ['a negative time', withJson(raw({ timeMs: -5 })), 'invalid: link: timeMs: expected an integer from 0 to 604800000 (7 days), got -5'],
    ['a time past a week', withJson(raw({ timeMs: 604_800_001 })), 'invalid: link: timeMs: expected an integer from 0 to 604800000 (7 days), got 604800001'],
    ['a fractional time', withJson(raw({ timeMs: 1.5 })), 'invalid: link: timeMs: expected an integer from 0 to 604800000 (7 days), got 1.5'],
    ['a time as a string', withJson(raw({ timeMs: '5m' })), 'invalid: link: timeMs: expected an integer from 0 to 604800000 (7 days), got "5m"'],
    ['too many actions', withJson(raw({ actions: Array.from({ length: 1001 }, () => ({ atMs: 0, run: 'kubectl get pods' })) })), 'invalid: link: actions: too many entries: 1001 (at most 1000)'],
    ['an action in the far future', withJson(raw({ actions: [{ atMs: 1e15, run: 'x' }] })), 'invalid: link: actions[0].atMs: expected an integer from 0 to 604800000 (7 days), got 1000000000000000'],
    ['an overlong command', withJson(raw({ actions: [{ atMs: 0, run: 'k'.repeat(10_001) }] })), 'invalid: link: actions[0].run: too long: 10001 characters (at most 10000)'],
    ['an absurd coordinate', withJson(raw({}, { positions: { 'worker-1': { x: 1e300, y: 0 } } })), 'invalid: link: view.positions["worker-1"].x: expected a number from -1000000 to 1000000, got 1e+300'],
    ['a position with extra fields', withJson(raw({}, { positions: { w: { x: 0, y: 0, z: 1 } } })), 'invalid: link: view.positions["w"]: unknown field "z"; expected x, y'],
    ['too many positions', withJson(raw({}, { positions: Object.fromEntries(Array.from({ length: 5001 }, (_, i) => [`n${i}`, { x: 0, y: 0 }])) })), expect.stringMatching(/^corrupt: link: invalid JSON at character \d+: map with more than 5000 keys$/)],
    ['an unknown selection kind', withJson(raw({}, { selected: { kind: 'secret', name: 'x' } })), 'invalid: link: view.selected.kind: expected node, pod or component, got "secret"'],
    ['an unknown component', withJson(raw({}, { selected: { kind: 'component', component: 'kubelet', node: 'w' } })), 'invalid: link: view.selected.component: expected one of apiserver, etcd, scheduler, controller-manager, got "kubelet"'],
    ['an odd panel id', withJson(raw({}, { panels: ['<img src=x>'] })), 'invalid: link: view.panels[0]: expected a panel id such as "events", got "<img src=x>"'],
    ['too many panels', withJson(raw({}, { panels: Array.from({ length: 17 }, (_, i) => `p${i}`) })), 'invalid: link: view.panels: too many entries: 17 (at most 16)'],
    ['an unknown theme', withJson(raw({}, { theme: 'neon' })), 'invalid: link: view.theme: expected light, dark or null, got "neon"'],
  ])('%s → refused', (_what, input, expected) => {
    expect(errorOf(decodeLinkState(input))).toEqual(expected);
  });

  it('checks the size before decoding anything', () => {
    const huge = `v1.${'!'.repeat(10 * 1024 * 1024)}`;
    expect(errorOf(decodeLinkState(huge))).toBe('too-large: link: too large: 10485763 characters (at most 65536)');
  });

  it('repairs disorder with a notice', () => {
    const r = decodeLinkState(withJson(raw({ actions: [{ atMs: 9, run: 'b' }, { atMs: 1, run: 'a' }, { atMs: 9, run: 'c' }] }, { panels: ['events', 'events', 'log'] })));
    expect(r.ok && r.value.actions.map((a) => a.run)).toEqual(['a', 'b', 'c']);
    expect(r.ok && r.value.view.panels).toEqual(['events', 'log']);
    expect(r.ok && r.notices).toEqual(['link: actions were not in time order; they were sorted', 'link: view.panels: "events" was listed twice; kept once']);
  });

  it('leaves Object.prototype untouched by hostile links', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    for (const json of ['{"__proto__":{"polluted":1}}', '{"view":{"positions":{"__proto__":{"x":1,"y":1}}}}', '{"constructor":{"prototype":{"polluted":1}}}']) {
      expect(decodeLinkState(packText(1, json)).ok).toBe(false);
    }
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
