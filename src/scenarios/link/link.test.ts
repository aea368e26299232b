import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCENARIO_LIMITS } from '../../engine/scenario';
import { builtinScenario } from '../index';
import { encodeLink } from './codec';
import { decodeLink } from './link';
import { EMPTY_VIEW, LINK_LIMITS, type LinkState } from './state';

const NODE_FAILURE = builtinScenario('node-failure')!.yaml;

function link(state: LinkState): string {
  const e = encodeLink(state);
  if (!e.ok) throw new Error(e.error);
  return e.fragment;
}

const BASE: LinkState = { scenario: NODE_FAILURE, actions: [], timeMs: 0, view: EMPTY_VIEW };

describe('decodeLink (scenario-aware)', () => {
  it('opens a shared built-in with its scenario parsed', () => {
    const state: LinkState = {
      ...BASE,
      actions: [{ atMs: 200_000, run: 'kubectl get pods' }],
      timeMs: 300_000,
      view: { positions: { 'worker-3': { x: 400, y: 120 }, 'control-plane': { x: 0, y: 0 } }, panels: ['events'], selected: { kind: 'component', component: 'etcd', node: 'control-plane' }, theme: 'light' },
    };
    const r = decodeLink(`#${link(state)}`);
    expect(r.ok && r.value).toEqual(state);
    expect(r.ok && r.notices).toEqual([]);
    expect(r.ok && r.scenario.metadata.name).toBe('node-failure');
  });

  it('keeps the payload errors of the codec', () => {
    expect(decodeLink('')).toEqual({ ok: false, code: 'empty', error: 'link: no link' });
    expect(decodeLink('v7.x')).toMatchObject({ ok: false, code: 'unsupported-version' });
  });

  it('refuses a link whose scenario is invalid, naming the line', () => {
    const bad = 'apiVersion: kube-sandbox.dev/v1\nkind: Scenario\nmetadata: { name: bad }\nspec:\n  steps: [{ at: 5x, run: kubectl get pods }]\n';
    expect(decodeLink(link({ ...BASE, scenario: bad }))).toEqual({
      ok: false,
      code: 'invalid',
      error: 'link: the scenario it carries is invalid:\n  link-scenario.yaml:5:17: spec.steps[0].at: invalid duration "5x": use a number and a unit, e.g. 90s, 1m30s, 2h',
    });
    const bomb = `a: &a [x,x,x,x,x,x,x,x,x,x]\n${Array.from({ length: 120 }, (_, i) => `b${i}: [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]`).join('\n')}\n`;
    const r = decodeLink(link({ ...BASE, scenario: bomb }));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^link: the scenario it carries is invalid:\n {2}link-scenario.yaml:1:1: invalid YAML: /);
  });

  it('drops positions and a selection naming nodes that do not exist, with notices', () => {
    const positions = Object.fromEntries(['worker-1', 'ghost-1', 'ghost-2', 'ghost-3', 'ghost-4', 'ghost-5', 'ghost-6'].map((n, i) => [n, { x: i, y: i }]));
    const r = decodeLink(link({ ...BASE, view: { ...EMPTY_VIEW, positions, selected: { kind: 'node', name: 'worker-9' } } }));
    expect(r.ok && r.value.view.positions).toEqual({ 'worker-1': { x: 0, y: 0 } });
    expect(r.ok && r.value.view.selected).toBe(null);
    expect(r.ok && r.notices).toEqual([
      'link: view.positions: ignored 6 position(s) for nodes the scenario does not have: ghost-1, ghost-2, ghost-3, ghost-4, ghost-5 and 1 more',
      'link: view.selected: node "worker-9" does not exist in the scenario; nothing is selected',
    ]);
    const comp = decodeLink(link({ ...BASE, view: { ...EMPTY_VIEW, selected: { kind: 'component', component: 'apiserver', node: 'cp-9' } } }));
    expect(comp.ok && comp.value.view.selected).toBe(null);
  });

  it('knows nodes added by `sandbox add node` in the steps or the recorded actions', () => {
    const state: LinkState = {
      ...BASE,
      actions: [{ atMs: 1000, run: "sandbox add node --cpu 8 'big-1' --label=tier=db" }],
      view: { ...EMPTY_VIEW, positions: { 'big-1': { x: 1, y: 2 }, '8': { x: 0, y: 0 } }, selected: { kind: 'node', name: 'big-1' } },
    };
    const r = decodeLink(link(state));
    expect(r.ok && r.value.view.positions).toEqual({ 'big-1': { x: 1, y: 2 } });
    expect(r.ok && r.value.view.selected).toEqual({ kind: 'node', name: 'big-1' });
  });

  it('does not check pod selections against the scenario (the page resolves them at that moment)', () => {
    const sel = { kind: 'pod', namespace: 'default', name: 'web-abc12' } as const;
    const r = decodeLink(link({ ...BASE, view: { ...EMPTY_VIEW, selected: sel } }));
    expect(r.ok && r.value.view.selected).toEqual(sel);
  });

  it('uses the scenario limits for time, actions and commands', () => {
    expect(LINK_LIMITS.timeMs).toBe(SCENARIO_LIMITS.atMs);
    expect(LINK_LIMITS.actions).toBe(SCENARIO_LIMITS.steps);
    expect(LINK_LIMITS.commandChars).toBe(SCENARIO_LIMITS.commandChars);
    expect(LINK_LIMITS.scenarioChars).toBe(SCENARIO_LIMITS.bytes);
    expect(LINK_LIMITS.positions).toBe(SCENARIO_LIMITS.nodes);
  });
});

describe('browser safety of the codec sources', () => {
  const dir = dirname(fileURLToPath(import.meta.url));
  const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  /** The page can decode a link without loading the engine: only link.ts (and index.ts) reach it. */
  const ENGINE_FREE = ['bytes.ts', 'codec.ts', 'container.ts', 'migrations.ts', 'safe-json.ts', 'schema.ts', 'state.ts'];

  it.each(sources)('%s uses no Node built-ins, platform codecs or eval', (file) => {
    // Comments may name what the code avoids.
    const text = readFileSync(join(dir, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(text).not.toMatch(/from '(node:|fs|path|buffer)/);
    expect(text).not.toMatch(/\b(Buffer|btoa|atob|TextEncoder|TextDecoder|eval)\b|new Function/);
    if (ENGINE_FREE.includes(file)) expect(text).not.toMatch(/from '[^']*engine/);
  });

  it('lists every source file', () => {
    expect(sources.sort()).toEqual([...ENGINE_FREE, 'index.ts', 'link.ts'].sort());
  });
});
