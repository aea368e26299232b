import { expect, nodeGroup, test } from './support/fixtures';

test.describe('worker faults', () => {
  test('a crashed worker shows a banner; Restart simulation brings the cluster back', async ({ page }) => {
    await page.goto('/?fault=throw');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('injected fault');
    await expect(nodeGroup(page, 'worker-1')).toBeVisible();
    await alert.getByRole('button', { name: 'Restart simulation' }).click();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(nodeGroup(page, 'worker-1')).toBeVisible();
    await expect.poll(() => page.workers().length).toBe(1);
  });

  test('a hung worker is detected by the watchdog', async ({ page }) => {
    await page.goto('/?fault=hang');
    await expect(page.getByRole('alert')).toContainText('not responding', { timeout: 15_000 });
    await page.getByRole('button', { name: 'Restart simulation' }).click();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(nodeGroup(page, 'worker-2')).toBeVisible();
  });
});
