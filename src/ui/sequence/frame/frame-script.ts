import type { Mermaid } from 'mermaid';
import { diagramConfig, failureMessage, MAX_DIAGRAM_TEXT, TOO_LARGE, type DiagramTheme, type RenderResult } from '../mermaid-config';
import { readRenderRequest, type FrameMessage, type RenderRequest } from './protocol';

/**
 * Runs inside the render frame (see frame-host.ts), after mermaid's standalone build has set
 * the global `mermaid`. Loaded as a classic script (an opaque origin cannot load module
 * scripts without CORS headers), so this file must bundle into plain code: no exports.
 * Draws one diagram at a time with securityLevel 'strict' and posts the SVG back.
 */

function isMermaid(x: unknown): x is Mermaid {
  return typeof x === 'object' && x !== null && typeof Reflect.get(x, 'render') === 'function' && typeof Reflect.get(x, 'initialize') === 'function';
}

const found: unknown = Reflect.get(globalThis, 'mermaid');
const mermaid = isMermaid(found) ? found : undefined;
let configured: DiagramTheme | undefined;
let queue: Promise<void> = Promise.resolve();

function post(msg: FrameMessage): void {
  // The parent is the page that made this frame; an opaque origin cannot name it otherwise.
  window.parent.postMessage(msg, '*');
}

async function draw(m: Mermaid, req: RenderRequest): Promise<RenderResult> {
  if (req.text.length > MAX_DIAGRAM_TEXT) return { ok: false, message: TOO_LARGE };
  if (configured !== req.theme) {
    m.initialize(diagramConfig(req.theme));
    configured = req.theme;
  }
  try {
    const { svg } = await m.render(req.id, req.text);
    return { ok: true, svg };
  } catch (e) {
    return { ok: false, message: failureMessage(e) };
  }
}

if (mermaid) {
  const m = mermaid;
  window.addEventListener('message', (e: MessageEvent<unknown>) => {
    if (e.source !== window.parent) return;
    const req = readRenderRequest(e.data, MAX_DIAGRAM_TEXT + 1);
    if (!req) return;
    queue = queue.then(async () => {
      const start = performance.now();
      const result = await draw(m, req);
      post({ k: 'done', id: req.id, result, ms: performance.now() - start });
    });
  });
  post({ k: 'ready' });
}
