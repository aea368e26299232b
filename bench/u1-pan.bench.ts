import type { Page } from '@playwright/test';
import { launchBrowser, startPreview } from '../e2e/support/preview';
import type { BenchResult } from './types';
import { frameProbe, median, probeFps, type FrameCounts } from './util';

/**
 * U1: pan the default view of a 100-node / 3,000-pod cluster for 10 s while 500 pods change
 * per second; count animation frames (rAF) and long tasks (> 50 ms, PerformanceObserver).
 * Value: frames per second on the page's clock (median of 3 runs); long tasks and frames
 * missed in the notes (target: zero long tasks), next to two controls: the same pan without
 * pod changes, and the same pan over a script-free copy of the page (its DOM and CSS frozen,
 * the viewport moved by a one-line mousemove handler). The copy runs no React, no worker and
 * no engine, so the frames it misses are this machine's floor for drawing this page.
 */
const RUNS = 3;
const PAN_MS = 10_000;

const PROBE = frameProbe('u1');

/**
 * A point on the empty pane, as near the horizontal middle as possible (dragging there pans;
 * dragging a node would move the node instead), leaving room for the ±300 px sweep.
 */
const EMPTY_PANE_POINT = `(() => {
  const pane = document.querySelector('.react-flow__pane').getBoundingClientRect();
  const mid = (pane.left + pane.right) / 2;
  for (let y = pane.top + 32; y < pane.bottom - 40; y += 16) {
    for (let d = 0; d < pane.width / 2 - 310; d += 16) {
      for (const x of [mid - d, mid + d]) {
        const el = document.elementFromPoint(x, y);
        if (el && el.classList.contains('react-flow__pane')) return { x, y };
      }
    }
  }
  return null;
})()`;

/** The page's DOM with its CSS inlined and every script removed: a still copy of the canvas. */
const STILL_COPY = `(() => {
  const css = [...document.styleSheets].map((sheet) => [...sheet.cssRules].map((r) => r.cssText).join('\\n')).join('\\n');
  document.querySelectorAll('script, link[rel=stylesheet], style').forEach((el) => el.remove());
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  return '<!doctype html>' + document.documentElement.outerHTML;
})()`;

/** In the still copy, a pane drag moves the viewport's transform (what React Flow does on a pan, minus React). */
const PAN_BY_TRANSFORM = `(() => {
  const vp = document.querySelector('.react-flow__viewport');
  const m = /translate\\(([-\\d.]+)px, ([-\\d.]+)px\\)(.*)/.exec(vp.style.transform);
  const x0 = m ? +m[1] : 0, y0 = m ? +m[2] : 0, rest = m ? m[3] : '';
  let sx = 0, sy = 0, down = false;
  addEventListener('mousedown', (e) => { down = true; sx = e.clientX; sy = e.clientY; }, true);
  addEventListener('mouseup', () => { down = false; }, true);
  addEventListener('mousemove', (e) => {
    if (down) vp.style.transform = 'translate(' + (x0 + e.clientX - sx) + 'px, ' + (y0 + e.clientY - sy) + 'px)' + rest;
  }, true);
})()`;

type Variant = 'control' | 'churning' | 'still';

async function openVariant(page: Page, url: string, variant: Variant): Promise<void> {
  await page.goto(`${url}/?synthetic=100x30&churn=${variant === 'churning' ? 500 : 0}&speed=1`);
  await page.waitForFunction(() => performance.getEntriesByName('canvas-first-paint').length > 0, undefined, { timeout: 30_000 });
  await page.waitForTimeout(1000);
  if (variant !== 'still') return;
  const html = (await page.evaluate(STILL_COPY)) as string;
  await page.goto('about:blank');
  await page.setContent(html.replace('<head>', `<head><base href="${url}/">`), { waitUntil: 'load' });
  await page.evaluate(PAN_BY_TRANSFORM);
  await page.waitForTimeout(500);
}

export async function run(): Promise<BenchResult> {
  const preview = await startPreview();
  const browser = await launchBrowser();
  const fps: number[] = [];
  const longTasks: number[] = [];
  const worst: number[] = [];
  const missed: number[] = [];
  const controls: Record<Exclude<Variant, 'churning'>, string[]> = { control: [], still: [] };
  try {
    // Each run, the two controls first (the ceiling of this machine and harness), then the churning page.
    const order: Variant[] = ['still', 'control', 'churning'];
    for (let i = 0; i < RUNS * order.length; i++) {
      const variant = order[i % order.length]!;
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await openVariant(page, preview.url, variant);
      await page.evaluate(PROBE.start);
      // Drag the empty pane back and forth (React Flow pans on pane drag).
      const start0 = (await page.evaluate(EMPTY_PANE_POINT)) as { x: number; y: number } | null;
      if (!start0) throw new Error('no empty pane point to start a pan from');
      const cx = start0.x;
      const cy = start0.y;
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      const start = Date.now();
      for (let k = 0; Date.now() - start < PAN_MS; k++) {
        const phase = (k % 120) / 120;
        const dx = Math.sin(phase * Math.PI * 2) * 300;
        await page.mouse.move(cx + dx, cy + Math.cos(phase * Math.PI * 2) * 30);
        await page.waitForTimeout(16);
      }
      await page.mouse.up();
      const s = (await page.evaluate(PROBE.stop)) as FrameCounts;
      await context.close();
      if (variant !== 'churning') {
        controls[variant].push(`${probeFps(s).toFixed(2)} fps / ${s.missed} missed`);
        continue;
      }
      fps.push(probeFps(s));
      missed.push(s.missed);
      longTasks.push(s.longTasks);
      worst.push(s.worstFrame);
    }
  } finally {
    await browser.close();
    preview.stop();
  }
  return {
    id: 'U1',
    title: 'pan 100 nodes / 3,000 pods with 500 pod changes/s',
    value: median(fps),
    unit: 'fps',
    target: 60,
    better: 'higher',
    runs: fps,
    notes: `long tasks per 10 s run: ${longTasks.join(', ')} (target 0); worst frame ms: ${worst.map((w) => w.toFixed(0)).join(', ')}; frames missed: ${missed.join(', ')}; the same pan without pod changes: ${controls.control.join(', ')}; over a script-free still copy of the page (this machine's floor): ${controls.still.join(', ')}`,
  };
}
