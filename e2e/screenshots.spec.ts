import { expect, nodeGroup, openPausedUntilRunning, setSpeed, test } from './support/fixtures';

/**
 * Screenshots for review (default view, the scheduler's explanation, a node mid-eviction,
 * dark theme; the 100-node view), at 1280×800 and 1920×1080. Written to SCREENSHOT_DIR
 * (default test-results/screenshots).
 */
const DIR = process.env.SCREENSHOT_DIR ?? 'test-results/screenshots';

for (const vp of [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
]) {
  test(`screenshots at ${vp.width}×${vp.height}`, async ({ page }) => {
    await page.setViewportSize(vp);
    // Paused until worker-2 is killed from the UI, so the timeline's own kill at 1m cannot come first.
    await openPausedUntilRunning(page);
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${DIR}/default-${vp.width}.png` });

    const pod = nodeGroup(page, 'worker-2').getByRole('button', { name: /^Pod web-/ }).first();
    await pod.click();
    await expect(page.getByRole('table', { name: 'Scheduler decision' })).toBeVisible();
    await page.screenshot({ path: `${DIR}/scheduler-${vp.width}.png` });

    await nodeGroup(page, 'worker-2').locator('.k-node-head').click();
    await page.getByRole('complementary', { name: 'Inspector' }).getByRole('button', { name: 'Kill node' }).click();
    await setSpeed(page, '60×');
    await expect(nodeGroup(page, 'worker-2').getByText(/evicted in \d+:\d\d/).first()).toBeVisible({ timeout: 30_000 });
    await setSpeed(page, '10×');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${DIR}/eviction-${vp.width}.png` });
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.screenshot({ path: `${DIR}/eviction-dark-${vp.width}.png` });
  });

  test(`100-node screenshot at ${vp.width}×${vp.height}`, async ({ page }) => {
    await page.setViewportSize(vp);
    await page.goto('/?synthetic=100x30&churn=200&speed=1');
    await expect(page.getByRole('group', { name: 'Node node-0100' })).toBeAttached();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${DIR}/nodes100-${vp.width}.png` });
    // Closer in, pods are buttons again.
    const zoomIn = page.getByRole('button', { name: 'Zoom In' });
    for (let i = 0; i < 6; i++) await zoomIn.click();
    await expect(page.getByRole('button', { name: /^Pod app-/ }).first()).toBeVisible();
    await page.screenshot({ path: `${DIR}/nodes100-zoomed-${vp.width}.png` });
  });
}
