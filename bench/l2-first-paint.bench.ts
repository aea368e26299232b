import { loadavg } from 'node:os';
import { launchBrowser, startPreview, type Preview } from '../e2e/support/preview';
import type { BenchResult } from './types';
import { median } from './util';

/**
 * L2: time from navigation to the first painted frame showing the canvas of a 100-node
 * cluster (the `canvas-first-paint` performance mark), on loopback. Median of 5 cold loads.
 * `L2_URL=http://host:port` measures an already running preview instead of building one.
 */
const RUNS = 5;

export async function run(): Promise<BenchResult> {
  const external = process.env.L2_URL;
  const preview: Preview = external ? { url: external, stop: () => undefined } : await startPreview();
  const browser = await launchBrowser();
  const runs: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${preview.url}/?synthetic=100x30`);
      await page.waitForFunction(() => performance.getEntriesByName('canvas-first-paint').length > 0, undefined, { timeout: 30_000 });
      runs.push(await page.evaluate(() => performance.getEntriesByName('canvas-first-paint')[0]!.startTime));
      await context.close();
    }
  } finally {
    await browser.close();
    preview.stop();
  }
  return { id: 'L2', title: 'first canvas paint, 100 nodes / 3,000 pods', value: median(runs), unit: 'ms', target: 1000, better: 'lower', runs, notes: `load average ${loadavg()[0]!.toFixed(1)} (2 cores shared)` };
}
