import type { Page } from '@playwright/test';

/**
 * The worker's clock runs 50 times fast: every rewind slice is spent after one small chunk, so
 * a rewind takes minutes instead of a fraction of a second and a test can act while it is on
 * its way. The returned function lets the clock run at normal speed again, going on from where
 * it is (time never runs backwards for the worker's loop), and the rewind then finishes.
 */
export async function slowWorkerClock(page: Page): Promise<() => Promise<void>> {
  const worker = page.workers()[0] ?? (await page.waitForEvent('worker'));
  await worker.evaluate(() => {
    const real = performance.now.bind(performance);
    const t0 = real();
    performance.now = () => t0 + (real() - t0) * 50;
    (globalThis as typeof globalThis & { __normalClock?: () => void }).__normalClock = () => {
      const from = performance.now();
      const at = real();
      performance.now = () => from + (real() - at);
    };
  });
  return async () => {
    await worker.evaluate(() => (globalThis as typeof globalThis & { __normalClock?: () => void }).__normalClock?.());
  };
}
