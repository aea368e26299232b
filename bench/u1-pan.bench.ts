import { launchBrowser, startPreview } from '../e2e/support/preview';
import type { BenchResult } from './types';
import { frameProbe, median, probeFps, type FrameCounts } from './util';

/**
 * U1: pan the default view of a 100-node / 3,000-pod cluster for 10 s while 500 pods change
 * per second; count animation frames (rAF) and long tasks (> 50 ms, PerformanceObserver).
 * Value: frames per second on the page's clock (median of 3 runs); long tasks and frames
 * missed in the notes (target: zero long tasks), next to the same pan without pod changes.
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

export async function run(): Promise<BenchResult> {
  const preview = await startPreview();
  const browser = await launchBrowser();
  const fps: number[] = [];
  const longTasks: number[] = [];
  const worst: number[] = [];
  const missed: number[] = [];
  const control: string[] = [];
  try {
    // Each run, the same pan without pod changes first: the ceiling of this machine and harness.
    for (let i = 0; i < RUNS * 2; i++) {
      const churning = i % 2 === 1;
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${preview.url}/?synthetic=100x30&churn=${churning ? 500 : 0}&speed=1`);
      await page.waitForFunction(() => performance.getEntriesByName('canvas-first-paint').length > 0, undefined, { timeout: 30_000 });
      await page.waitForTimeout(1000);
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
      if (!churning) {
        control.push(`${probeFps(s).toFixed(2)} fps / ${s.missed} missed`);
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
    notes: `long tasks per 10 s run: ${longTasks.join(', ')} (target 0); worst frame ms: ${worst.map((w) => w.toFixed(0)).join(', ')}; frames missed: ${missed.join(', ')}; the same pan without pod changes: ${control.join(', ')}`,
  };
}
