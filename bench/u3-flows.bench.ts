import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { launchBrowser } from '../e2e/support/preview';
import type { BenchResult } from './types';
import { frameProbe, median, probeFps, type FrameCounts } from './util';

/**
 * U3-flows (Issue 7): 200 animated traffic edges between 40 synthetic nodes (each edge a
 * particle train whose count follows its rate, drawn on the particle canvas), the canvas
 * left alone for 10 s; count
 * animation frames (rAF) and long tasks (> 50 ms). Value: frames per second (median of 3
 * runs); target 60. Builds and serves on its own folder and port so it does not collide
 * with other benchmarks or e2e runs on the same machine.
 */
const RUNS = 3;
const WATCH_MS = 10_000;
const EDGES = 200;
const PORT = 4303;
const OUT_DIR = `dist-bench-${PORT}`;

const PROBE = frameProbe('u3');
/** Particle trains actually moving on the page. */
const COUNT_ANIMATED = `Number(document.querySelector('canvas.k-tf-particles')?.dataset.trains ?? 0)`;
const COUNT_EDGES = `document.querySelectorAll('.react-flow__edge-traffic').length`;

async function preview(): Promise<{ url: string; stop(): void }> {
  const b = spawnSync('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', OUT_DIR], { stdio: 'inherit' });
  if (b.status !== 0) throw new Error('vite build failed');
  const child: ChildProcess = spawn('npx', ['vite', 'preview', '--outDir', OUT_DIR, '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'], { stdio: 'ignore', detached: true });
  const url = `http://127.0.0.1:${PORT}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('vite preview did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  // Started detached in its own process group: end exactly that group.
  return { url, stop: () => child.pid && process.kill(-child.pid, 'SIGTERM') };
}

export async function run(): Promise<BenchResult> {
  const server = await preview();
  const browser = await launchBrowser();
  const fps: number[] = [];
  const longTasks: number[] = [];
  const worst: number[] = [];
  const missed: number[] = [];
  const drawn: string[] = [];
  const control: number[] = [];
  try {
    // Each run, the same page without traffic first: on a loaded machine that is the ceiling.
    for (let i = 0; i < RUNS * 2; i++) {
      const withTraffic = i % 2 === 1;
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${server.url}/?synthetic=40x5&churn=0&traffic=${withTraffic ? EDGES : 0}&speed=1`);
      if (withTraffic) await page.waitForFunction((n) => document.querySelectorAll('.react-flow__edge-traffic').length >= n, EDGES, { timeout: 60_000 });
      else await page.waitForFunction(() => document.querySelectorAll('.react-flow__node-worker').length > 0, undefined, { timeout: 60_000 });
      await page.waitForTimeout(1500);
      await page.evaluate(PROBE.start);
      await page.waitForTimeout(WATCH_MS);
      const s = (await page.evaluate(PROBE.stop)) as FrameCounts;
      if (!withTraffic) control.push(probeFps(s));
      else {
        fps.push(probeFps(s));
        longTasks.push(s.longTasks);
        worst.push(s.worstFrame);
        missed.push(s.missed);
        drawn.push(`${String(await page.evaluate(COUNT_EDGES))} edges / ${String(await page.evaluate(COUNT_ANIMATED))} trains`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    server.stop();
  }
  return {
    id: 'U3F',
    title: `${EDGES} animated traffic edges (40 nodes), idle canvas`,
    value: median(fps),
    unit: 'fps',
    target: 60,
    better: 'higher',
    runs: fps,
    notes: `same page without traffic: ${control.map((f) => f.toFixed(1)).join(', ')} fps; long tasks per 10 s run: ${longTasks.join(', ')}; worst frame ms: ${worst.map((w) => w.toFixed(0)).join(', ')}; frames missed: ${missed.join(', ')}; drawn: ${drawn.join('; ')}`,
  };
}
