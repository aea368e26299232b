import type { Mermaid, MermaidConfig } from 'mermaid';
import { Lru } from './lru';

/**
 * The only place mermaid is used. It is imported on first use (its own chunk, loaded when
 * the sequence panel first opens), configured from constants only (`securityLevel:
 * 'strict'`, the theme), renders one diagram at a time (mermaid keeps global state while
 * drawing) and caches results by theme and text. A diagram mermaid cannot draw returns a
 * plain message; mermaid's own error graphic never reaches the page.
 */

export type DiagramTheme = 'light' | 'dark';
export type RenderResult = { readonly ok: true; readonly svg: string } | { readonly ok: false; readonly message: string };

/** Longer texts are refused before mermaid sees them (its own limit draws an error diagram). */
export const MAX_DIAGRAM_TEXT = 120_000;

const cache = new Lru<string, RenderResult>(24);
let loading: Promise<Mermaid> | undefined;
let configured: DiagramTheme | undefined;
let queue: Promise<unknown> = Promise.resolve();
let renders = 0;

function config(theme: DiagramTheme): MermaidConfig {
  return {
    startOnLoad: false,
    securityLevel: 'strict',
    suppressErrorRendering: true,
    theme: theme === 'dark' ? 'dark' : 'default',
    maxTextSize: MAX_DIAGRAM_TEXT,
    fontFamily: 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", sans-serif',
    sequence: {
      useMaxWidth: false, mirrorActors: false, wrap: false,
      messageMargin: 28, boxMargin: 8, noteMargin: 8, actorMargin: 36, width: 140, height: 48,
      messageFontSize: 14, noteFontSize: 13, actorFontSize: 14, noteFontWeight: 600,
    },
  };
}

/** Loads mermaid once; later calls share the same promise. */
export function loadMermaid(): Promise<Mermaid> {
  loading ??= import('mermaid').then((m) => m.default);
  return loading;
}

/** Arrows in a diagram's text (for the performance entry). */
const countMessages = (text: string): number => text.match(/^ {4}P\d+(?:->>|-->>|-\))P\d+:/gm)?.length ?? 0;

async function draw(m: Mermaid, text: string): Promise<RenderResult> {
  if (text.length > MAX_DIAGRAM_TEXT) return { ok: false, message: 'This operation is too large to draw at once. Collapse folded messages or hide the long sections.' };
  try {
    const start = performance.now();
    // No separate mermaid.parse: render parses anyway, and with suppressErrorRendering a text
    // it cannot read throws (caught below) instead of drawing mermaid's error graphic.
    renders++;
    const { svg } = await m.render(`k-seq-svg-${renders}`, text);
    // A timeline entry (DevTools, and the D1 benchmark): how long mermaid took for how many messages.
    performance.measure('sequence-render', { start, end: performance.now(), detail: { messages: countMessages(text), chars: text.length } });
    return { ok: true, svg };
  } catch (e) {
    return { ok: false, message: `The diagram could not be drawn: ${e instanceof Error ? e.message.split('\n')[0] : 'unknown error'}` };
  }
}

/** Renders `text` after every render asked for before it; cached by theme and text. */
export function renderSequence(text: string, theme: DiagramTheme): Promise<RenderResult> {
  const key = `${theme}\n${text}`;
  const hit = cache.get(key);
  if (hit) return Promise.resolve(hit);
  const job = queue.then(async (): Promise<RenderResult> => {
    const again = cache.get(key);
    if (again) return again;
    const m = await loadMermaid().catch(() => undefined);
    if (!m) return { ok: false, message: 'The diagram renderer could not be loaded.' };
    if (configured !== theme) {
      m.initialize(config(theme));
      configured = theme;
    }
    const result = await draw(m, text);
    cache.set(key, result);
    return result;
  });
  queue = job.catch(() => undefined);
  return job;
}
