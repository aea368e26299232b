import type { DiagramTheme, RenderResult } from '../mermaid-config';

/**
 * Messages between the page and the render frame (a sandboxed iframe without
 * allow-same-origin: its own opaque origin, so the browser runs it in another process and
 * mermaid's work never blocks the page's frames). Both sides check every message they
 * receive: the other side is treated as untrusted.
 */

export interface RenderRequest {
  readonly k: 'render';
  readonly id: string;
  readonly text: string;
  readonly theme: DiagramTheme;
}

/** `ms`: how long mermaid took inside the frame (the rest of a render is waiting for turns). */
export type FrameMessage = { readonly k: 'ready' } | { readonly k: 'done'; readonly id: string; readonly result: RenderResult; readonly ms: number };

/** Mermaid's id for the SVG element (its <style> is scoped under it). */
const ID = /^k-seq-svg-\d{1,9}$/;

function field(data: unknown, key: string): unknown {
  return typeof data === 'object' && data !== null ? Reflect.get(data, key) : undefined;
}

export function readRenderRequest(data: unknown, maxText: number): RenderRequest | null {
  const id = field(data, 'id');
  const text = field(data, 'text');
  const theme = field(data, 'theme');
  if (field(data, 'k') !== 'render' || typeof id !== 'string' || !ID.test(id)) return null;
  if (typeof text !== 'string' || text.length > maxText) return null;
  if (theme !== 'light' && theme !== 'dark') return null;
  return { k: 'render', id, text, theme };
}

export function readFrameMessage(data: unknown): FrameMessage | null {
  const k = field(data, 'k');
  if (k === 'ready') return { k };
  const id = field(data, 'id');
  const result = field(data, 'result');
  if (k !== 'done' || typeof id !== 'string' || !ID.test(id)) return null;
  const rawMs = field(data, 'ms');
  const ms = typeof rawMs === 'number' && Number.isFinite(rawMs) && rawMs >= 0 ? rawMs : 0;
  const ok = field(result, 'ok');
  const svg = field(result, 'svg');
  const message = field(result, 'message');
  if (ok === true && typeof svg === 'string' && svg.startsWith('<svg')) return { k, id, result: { ok, svg }, ms };
  if (ok === false && typeof message === 'string') return { k, id, result: { ok, message: message.slice(0, 500) }, ms };
  return null;
}
