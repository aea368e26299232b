import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../../playwright.config';

/**
 * For the page benchmarks: build once per process, serve `dist` with `vite preview` on its
 * own port, and launch the same Chromium the e2e suite uses.
 */

const BENCH_PORT = 4179;
let built = false;

export function buildOnce(): void {
  if (built) return;
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('vite build failed');
  built = true;
}

export interface Preview {
  url: string;
  stop(): void;
}

export async function startPreview(): Promise<Preview> {
  buildOnce();
  const child: ChildProcess = spawn('npx', ['vite', 'preview', '--port', String(BENCH_PORT), '--strictPort', '--host', '127.0.0.1'], { stdio: 'ignore', detached: true });
  const url = `http://127.0.0.1:${BENCH_PORT}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('vite preview did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: () => {
      // The preview was started detached in its own process group: end exactly that group.
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  return chromium.launch({ headless: true, args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) });
}
