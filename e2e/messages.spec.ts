import type { Page } from '@playwright/test';
import { expect, nodeGroup, openPausedUntilRunning, setSpeed, test } from './support/fixtures';

/**
 * M1: what crosses the worker boundary. After the snapshot (hydration) only diffs travel:
 * ≤ 10 KiB per message on average and ≤ 100 KiB at most. Sizes are measured as JSON text
 * (a close stand-in for structured-clone bytes), in the page, on every worker message.
 */

const COUNT_MESSAGES = `(() => {
  const stats = { snapshot: 0, messages: 0, bytes: 0, max: 0, maxType: '' };
  window.__m1 = stats;
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      this.addEventListener('message', (e) => {
        const size = JSON.stringify(e.data).length;
        if (e.data && e.data.type === 'snapshot') { stats.snapshot = Math.max(stats.snapshot, size); return; }
        stats.messages++;
        stats.bytes += size;
        if (size > stats.max) { stats.max = size; stats.maxType = e.data && e.data.type; }
      });
    }
  };
})()`;

interface Stats {
  snapshot: number;
  messages: number;
  bytes: number;
  max: number;
  maxType: string;
}

async function stats(page: Page): Promise<Stats> {
  return (await page.evaluate('window.__m1')) as Stats;
}

function report(label: string, s: Stats): string {
  const kib = (n: number) => `${(n / 1024).toFixed(2)} KiB`;
  return `${label}: snapshot ${kib(s.snapshot)}; ${s.messages} messages after it, average ${kib(s.bytes / Math.max(1, s.messages))}, largest ${kib(s.max)} (${s.maxType})`;
}

test.describe('M1: message sizes', () => {
  test('node-failure, killed and restored at high speed: small diffs after hydration', async ({ page }) => {
    await page.addInitScript(COUNT_MESSAGES);
    await openPausedUntilRunning(page);
    await nodeGroup(page, 'worker-2').locator('.k-node-head').click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await inspector.getByRole('button', { name: 'Kill node' }).click();
    await setSpeed(page, 'Max');
    await expect(nodeGroup(page, 'worker-2').locator('.k-pod.tone-terminating').first()).toBeVisible({ timeout: 60_000 });
    await inspector.getByRole('button', { name: 'Restore node' }).click();
    await expect(nodeGroup(page, 'worker-2').locator('.k-badge')).toHaveText('Ready', { timeout: 60_000 });
    await page.getByRole('tab', { name: 'YAML' }).click();
    await page.waitForTimeout(2000);
    const s = await stats(page);
    test.info().annotations.push({ type: 'M1', description: report('node-failure', s) });
    console.log(`M1 ${report('node-failure', s)}`);
    expect(s.messages).toBeGreaterThan(50);
    expect(s.bytes / s.messages).toBeLessThanOrEqual(10 * 1024);
    expect(s.max).toBeLessThanOrEqual(100 * 1024);
  });

  test('100 nodes / 3,000 pods with 500 changes/s: small diffs after hydration', async ({ page }) => {
    await page.addInitScript(COUNT_MESSAGES);
    await page.goto('/?synthetic=100x30&churn=500&speed=1');
    await expect(page.getByRole('group', { name: 'Node node-0100' })).toBeAttached();
    await page.waitForTimeout(5000);
    const s = await stats(page);
    test.info().annotations.push({ type: 'M1', description: report('synthetic 100×30', s) });
    console.log(`M1 ${report('synthetic 100×30', s)}`);
    expect(s.messages).toBeGreaterThan(20);
    expect(s.bytes / s.messages).toBeLessThanOrEqual(10 * 1024);
    expect(s.max).toBeLessThanOrEqual(100 * 1024);
  });
});
