import { beforeEach, describe, expect, it, vi } from 'vitest';

/** mermaid.ts against a fake mermaid: configuration, one render at a time, the cache, errors. */

const calls: { initialize: unknown[]; render: string[]; active: number; maxActive: number } = { initialize: [], render: [], active: 0, maxActive: 0 };

vi.mock('mermaid', () => ({
  default: {
    initialize: (cfg: unknown) => calls.initialize.push(cfg),
    parse: async () => ({ diagramType: 'sequence' }),
    render: async (id: string, text: string) => {
      calls.active++;
      calls.maxActive = Math.max(calls.maxActive, calls.active);
      await new Promise((r) => setTimeout(r, 5));
      calls.active--;
      if (text.includes('BROKEN')) throw new Error('Parse error on line 3:\n...');
      calls.render.push(text);
      return { svg: `<svg id="${id}">${text.length}</svg>` };
    },
  },
}));

const { renderSequence, SKIPPED } = await import('./mermaid');

beforeEach(() => {
  calls.render.length = 0;
});

describe('mermaid module', () => {
  it('configures mermaid from constants: strict, no start on load, no error graphic', async () => {
    await renderSequence('sequenceDiagram\n  participant P0 as A', 'light');
    expect(calls.initialize.at(-1)).toMatchObject({ startOnLoad: false, securityLevel: 'strict', suppressErrorRendering: true, theme: 'default' });
  });

  it('renders one at a time and caches by text', async () => {
    const texts = ['sequenceDiagram\n  participant P0 as B', 'sequenceDiagram\n  participant P0 as C', 'sequenceDiagram\n  participant P0 as B'];
    const results = await Promise.all(texts.map((t) => renderSequence(t, 'light')));
    expect(calls.maxActive).toBe(1);
    expect(calls.render).toEqual([texts[0], texts[1]]);
    expect(results[2]).toBe(results[0]);
  });

  it('re-initializes for the dark theme, and caches per theme', async () => {
    const text = 'sequenceDiagram\n  participant P0 as D';
    await renderSequence(text, 'light');
    await renderSequence(text, 'dark');
    expect(calls.initialize.at(-1)).toMatchObject({ theme: 'dark', securityLevel: 'strict' });
    expect(calls.render.filter((t) => t === text)).toHaveLength(2);
  });

  it('turns a render failure into a plain message', async () => {
    const r = await renderSequence('sequenceDiagram\n  BROKEN', 'light');
    expect(r).toEqual({ ok: false, message: 'The diagram could not be drawn: Parse error on line 3:' });
    const after = await renderSequence('sequenceDiagram\n  participant P0 as E', 'light');
    expect(after.ok).toBe(true);
  });

  it('refuses oversized text before mermaid sees it', async () => {
    const r = await renderSequence(`sequenceDiagram\n${'x'.repeat(200_000)}`, 'light');
    expect(r.ok).toBe(false);
    expect(calls.render).toHaveLength(0);
  });

  it('skips a render no longer wanted when its turn comes, and does not cache that', async () => {
    const stale = 'sequenceDiagram\n  participant P0 as Stale';
    const newest = 'sequenceDiagram\n  participant P0 as Newest';
    let wanted = true;
    const first = renderSequence(stale, 'light', () => wanted);
    wanted = false;
    const second = renderSequence(newest, 'light');
    expect(await first).toBe(SKIPPED);
    expect((await second).ok).toBe(true);
    expect(calls.render).toEqual([newest]);
    expect((await renderSequence(stale, 'light')).ok).toBe(true);
  });
});
