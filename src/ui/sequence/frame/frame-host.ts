import mermaidScript from 'mermaid/dist/mermaid.min.js?url';
import type { DiagramTheme, RenderResult } from '../mermaid-config';
import frameScript from './frame-script.ts?worker&url';
import { readFrameMessage, type RenderRequest } from './protocol';

/**
 * Mermaid in a sandboxed iframe (allow-scripts only: an opaque origin, which Chromium puts in
 * its own process), so drawing a diagram never blocks the page's main thread and the
 * canvas keeps its frames. The frame holds no state of the page and receives only diagram
 * text; its SVG comes back through the same checks as before (mermaid's own sanitising with
 * securityLevel 'strict', inside the frame). When the frame cannot start or stops answering,
 * `draw` returns null and the caller draws in the page instead.
 */

export interface FrameDrawn {
  readonly result: RenderResult;
  /** Mermaid's own time inside the frame. */
  readonly ms: number;
}

export interface FrameDrawer {
  /** The result, or null when the frame did not answer (draw in the page). */
  draw(id: string, text: string, theme: DiagramTheme): Promise<FrameDrawn | null>;
}

/** Mermaid's standalone build is large: on a loaded machine it may take seconds to parse. */
const READY_MS = 20_000;
const RENDER_MS = 15_000;
const LOAD_GRACE_MS = 2000;

let starting: Promise<FrameDrawer | null> | undefined;

/** Starts the frame once (on first use); null where there is none (tests, dev server). */
export function renderFrame(): Promise<FrameDrawer | null> {
  starting ??= open();
  return starting;
}

const attr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function srcdoc(): string {
  const src = (url: string): string => `<script src="${attr(new URL(url, document.baseURI).href)}"></script>`;
  return `<!doctype html><html><head><meta charset="utf-8"></head><body>${src(mermaidScript)}${src(frameScript)}</body></html>`;
}

function open(): Promise<FrameDrawer | null> {
  // The dev server serves the frame script as a module, which the frame cannot load.
  if (import.meta.env.DEV || typeof document === 'undefined') return Promise.resolve(null);
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.title = 'Sequence diagram renderer';
  // Laid out (mermaid measures text) but out of sight and out of the way.
  frame.style.cssText = 'position:fixed;left:-10000px;top:0;width:1200px;height:800px;border:0;pointer-events:none';
  frame.srcdoc = srcdoc();
  const waiting = new Map<string, (r: FrameDrawn) => void>();
  let broken = false;
  let ready = false;

  const drawer: FrameDrawer = {
    draw(id, text, theme) {
      const target = frame.contentWindow;
      if (broken || !target) return Promise.resolve(null);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          // A frame that stops answering is given up for good: the page draws from now on.
          broken = true;
          waiting.delete(id);
          resolve(null);
        }, RENDER_MS);
        waiting.set(id, (r) => {
          clearTimeout(timer);
          resolve(r);
        });
        target.postMessage({ k: 'render', id, text, theme } satisfies RenderRequest, '*');
      });
    },
  };

  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      broken = true;
      resolve(null);
    }, READY_MS);
    // The frame's scripts have run by its load event: no word soon after means they failed.
    frame.addEventListener('load', () => setTimeout(() => {
      if (!ready) {
        broken = true;
        resolve(null);
      }
    }, LOAD_GRACE_MS), { once: true });
    window.addEventListener('message', (e: MessageEvent<unknown>) => {
      if (e.source === null || e.source !== frame.contentWindow) return;
      const msg = readFrameMessage(e.data);
      if (!msg) return;
      if (msg.k === 'ready') {
        ready = true;
        clearTimeout(timer);
        resolve(broken ? null : drawer);
        return;
      }
      const done = waiting.get(msg.id);
      waiting.delete(msg.id);
      done?.({ result: msg.result, ms: msg.ms });
    });
    document.body.append(frame);
  });
}
