import { describe, expect, it } from 'vitest';
import { decodeLinkState, encodeLink } from './codec';
import { packText } from './container';
import { knownVersions, migrateLink, type LinkMigration } from './migrations';
import { canonicalJson, isJsonObject, type JsonValue } from './safe-json';
import { LINK_VERSION } from './state';

/**
 * A made-up v0 format, to exercise the mechanism: the YAML under `yaml`, the time in seconds
 * under `t`, positions as [name, x, y] triples, no view otherwise, no actions.
 */
const V0_TO_V1: LinkMigration = {
  from: 0,
  to: 1,
  migrate: (raw) => {
    if (!isJsonObject(raw)) return raw;
    const positions = Object.create(null) as Record<string, JsonValue>;
    for (const p of Array.isArray(raw.pos) ? (raw.pos as readonly JsonValue[]) : []) {
      if (Array.isArray(p) && typeof p[0] === 'string') positions[p[0]] = { x: p[1] ?? null, y: p[2] ?? null };
    }
    return {
      scenario: raw.yaml ?? null,
      actions: [],
      timeMs: typeof raw.t === 'number' ? raw.t * 1000 : null,
      view: { positions, panels: [], selected: null, theme: null },
    };
  },
};

const YAML = 'apiVersion: kube-sandbox.dev/v1\nkind: Scenario\nmetadata: { name: old }\n';

function v0(value: JsonValue): string {
  return packText(0, canonicalJson(value));
}

describe('link migrations', () => {
  it('upgrades a v0 link to the current state, with a notice', () => {
    const r = decodeLinkState(v0({ yaml: YAML, t: 90, pos: [['worker-1', 5, 6]] }), { migrations: [V0_TO_V1] });
    expect(r).toEqual({
      ok: true,
      value: { scenario: YAML, actions: [], timeMs: 90_000, view: { positions: { 'worker-1': { x: 5, y: 6 } }, panels: [], selected: null, theme: null } },
      notices: ['link: upgraded from link version v0'],
    });
    // Re-sharing writes the current version.
    const again = r.ok ? encodeLink(r.value) : undefined;
    expect(again?.ok && again.fragment.startsWith(`v${LINK_VERSION}.`)).toBe(true);
  });

  it('checks what a migration produces against the current schema', () => {
    expect(decodeLinkState(v0({ yaml: YAML, t: -3 }), { migrations: [V0_TO_V1] })).toEqual({
      ok: false,
      code: 'invalid',
      error: 'link: timeMs: expected an integer from 0 to 604800000 (7 days), got -3000',
    });
    // The raw v0 data may name "__proto__" as a string; the schema still never assigns it.
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const r = decodeLinkState(v0({ yaml: YAML, t: 1, pos: [['__proto__', 1, 2]] }), { migrations: [V0_TO_V1] });
    expect(r).toEqual({ ok: false, code: 'invalid', error: 'link: view.positions["__proto__"]: reserved name, not allowed as a key' });
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
  });

  it('without the migration, v0 is an unsupported version', () => {
    const r = decodeLinkState(v0({ yaml: YAML, t: 1 }));
    expect(r.ok || r.error).toBe('link: unsupported link version v0 (this build reads v1); opening the default scenario');
  });

  it('a migration that throws is a clean failure', () => {
    const broken: LinkMigration = { from: 0, to: 1, migrate: () => { throw new Error('boom'); } };
    expect(decodeLinkState(v0({}), { migrations: [broken] })).toEqual({ ok: false, code: 'invalid', error: 'link: could not upgrade a v0 link: boom' });
  });

  it('chains migrations and stops on cycles', () => {
    const tag = (n: number): LinkMigration => ({ from: n, to: n + 1, migrate: (raw) => (isJsonObject(raw) ? { ...raw, path: `${String(raw.path ?? '')}${n}` } : raw) });
    expect(migrateLink({}, -1, [tag(0), tag(-1)])).toEqual({ ok: true, value: { path: '-10' } });
    const loop: LinkMigration = { from: 5, to: 5, migrate: (raw) => raw };
    expect(migrateLink({}, 5, [loop])).toEqual({ ok: false, error: 'no upgrade path from link version v5 to v1' });
    expect(knownVersions([tag(0), loop])).toEqual([0, 1, 5]);
  });
});
