import type { Mermaid } from 'mermaid';
import { renderFrame } from './frame/frame-host';
import { Lru } from './lru';
import { diagramConfig, failureMessage, MAX_DIAGRAM_TEXT, TOO_LARGE, type DiagramTheme, type RenderResult } from './mermaid-config';

/**
 * The only place the page asks mermaid for a diagram. Mermaid draws in the render frame
 * (frame/frame-host.ts: another process, so the canvas keeps its frames); where that frame
 * is unavailable, mermaid is imported here on first use (its own chunk) and draws in the
 * page. Either way it is configured from constants only (`securityLevel: 'strict'`, the
 * theme), draws one diagram at a time (mermaid keeps global state while drawing) and
 * results are cached by theme and text. A diagram mermaid cannot draw returns a plain
 * message; mermaid's own error graphic never reaches the page.
 */

export { MAX_DIAGRAM_TEXT, type DiagramTheme, type RenderResult } from './mermaid-config';

const cache = new Lru<string, RenderResult>(24);
let loading: Promise<Mermaid> | undefined;
let configured: DiagramTheme | undefined;
let queue: Promise<unknown> = Promise.resolve();
let renders = 0;

/** Loads mermaid into the page once; later calls share the same promise. */
export function loadMermaid(): Promise<Mermaid> {
  loading ??= import('mermaid').then((m) => m.default);
  return loading;
}

/** Arrows in a diagram's text (for the performance entry). */
const countMessages = (text: string): number => text.match(/^ {4}P\d+(?:->>|-->>|-\))P\d+:/gm)?.length ?? 0;

async function drawInPage(id: string, text: string, theme: DiagramTheme): Promise<RenderResult> {
  const m = await loadMermaid().catch(() => undefined);
  if (!m) return { ok: false, message: 'The diagram renderer could not be loaded.' };
  if (configured !== theme) {
    m.initialize(diagramConfig(theme));
    configured = theme;
  }
  try {
    // No separate mermaid.parse: render parses anyway, and with suppressErrorRendering a text
    // it cannot read throws (caught below) instead of drawing mermaid's error graphic.
    const { svg } = await m.render(id, text);
    return { ok: true, svg };
  } catch (e) {
    return { ok: false, message: failureMessage(e) };
  }
}

async function draw(text: string, theme: DiagramTheme): Promise<RenderResult> {
  if (text.length > MAX_DIAGRAM_TEXT) return { ok: false, message: TOO_LARGE };
  const frame = await renderFrame();
  const start = performance.now();
  renders++;
  const id = `k-seq-svg-${renders}`;
  const framed = await frame?.draw(id, text, theme);
  const result = framed?.result ?? (await drawInPage(id, text, theme));
  // A timeline entry (DevTools, and the D1 benchmark): how long mermaid took for how many
  // messages; drawn in the frame, also mermaid's own time there (the rest is waiting for turns).
  const detail = { messages: countMessages(text), chars: text.length, framed: framed !== undefined && framed !== null, frameMs: framed?.ms ?? null };
  if (result.ok) performance.measure('sequence-render', { start, end: performance.now(), detail });
  return result;
}

/** What a render no longer wanted by the time its turn came resolves to (not cached). */
export const SKIPPED: RenderResult = { ok: false, message: 'A newer diagram was asked for.' };

/**
 * Renders `text` after every render asked for before it; cached by theme and text. `wanted`
 * is asked when its turn comes: while an operation grows, only the newest text is drawn.
 */
export function renderSequence(text: string, theme: DiagramTheme, wanted: () => boolean = () => true): Promise<RenderResult> {
  const key = `${theme}\n${text}`;
  const hit = cache.get(key);
  if (hit) return Promise.resolve(hit);
  const job = queue.then(async (): Promise<RenderResult> => {
    const again = cache.get(key);
    if (again) return again;
    if (!wanted()) return SKIPPED;
    const result = await draw(text, theme);
    cache.set(key, result);
    return result;
  });
  queue = job.catch(() => undefined);
  return job;
}
