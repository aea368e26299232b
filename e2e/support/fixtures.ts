import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every e2e test runs with two guards: no console errors (or uncaught exceptions) on the
 * page, and no request to anywhere but the page's own origin.
 */
export interface Guards {
  consoleErrors: string[];
  foreignRequests: string[];
}

export const test = base.extend<{ guards: Guards }>({
  guards: [
    async ({ page, baseURL }, use) => {
      const guards: Guards = { consoleErrors: [], foreignRequests: [] };
      const origin = new URL(baseURL ?? 'http://127.0.0.1:4173').origin;
      page.on('console', (m) => {
        if (m.type() === 'error') guards.consoleErrors.push(m.text());
      });
      page.on('pageerror', (e) => guards.consoleErrors.push(`uncaught: ${e.message}`));
      page.on('request', (r) => {
        const url = r.url();
        if (url.startsWith('data:') || url.startsWith('blob:')) return;
        if (new URL(url).origin !== origin) guards.foreignRequests.push(url);
      });
      await use(guards);
      expect(guards.foreignRequests, 'requests that left the page origin').toEqual([]);
      expect(guards.consoleErrors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export async function setSpeed(page: Page, speed: '1×' | '10×' | '60×' | 'Max'): Promise<void> {
  await page.getByRole('button', { name: `Speed ${speed}` }).click();
}

export function nodeGroup(page: Page, name: string) {
  return page.getByRole('group', { name: `Node ${name}`, exact: true });
}

/**
 * Opens node-failure with the clock stopped and steps it (10 s at a time, as a user would)
 * until the six web pods run: before the timeline's own `sandbox kill node worker-2` at 1m,
 * so a test can act first and deterministically.
 */
export async function openPausedUntilRunning(page: Page): Promise<void> {
  await page.goto('/?paused=1');
  const running = page.locator('.k-pod.tone-running[aria-label^="Pod web-"]');
  const step = page.getByRole('button', { name: 'Step 10 seconds' });
  await expect(step).toBeVisible();
  for (let i = 0; i < 5 && (await running.count()) < 6; i++) {
    await step.click();
    await page.waitForTimeout(400);
  }
  await expect(running).toHaveCount(6);
  expect(await simSeconds(page)).toBeLessThan(60);
}

/** Simulated seconds on the `Simulation time` readout. */
export async function simSeconds(page: Page): Promise<number> {
  const text = (await page.getByLabel('Simulation time').textContent()) ?? '00:00:00';
  const [h, m, s] = text.split(':').map(Number);
  return (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
}
