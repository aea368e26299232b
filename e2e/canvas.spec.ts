import { expect, nodeGroup, test } from './support/fixtures';

test.describe('canvas', () => {
  test('a dragged node stays where it was dropped', async ({ page }) => {
    await page.goto('/');
    const node = nodeGroup(page, 'worker-3');
    await expect(node).toBeVisible();
    const head = node.locator('.k-node-head');
    const before = (await node.boundingBox())!;
    const hb = (await head.boundingBox())!;
    await page.mouse.move(hb.x + 20, hb.y + hb.height / 2);
    await page.mouse.down();
    await page.mouse.move(hb.x + 80, hb.y + 60, { steps: 8 });
    await page.mouse.move(hb.x + 140, hb.y + 100, { steps: 8 });
    await page.mouse.up();
    const dropped = (await node.boundingBox())!;
    expect(dropped.x - before.x).toBeGreaterThan(60);
    expect(dropped.y - before.y).toBeGreaterThan(40);
    // The simulation keeps streaming; the node stays put.
    await page.waitForTimeout(2000);
    const later = (await node.boundingBox())!;
    expect(Math.abs(later.x - dropped.x)).toBeLessThan(2);
    expect(Math.abs(later.y - dropped.y)).toBeLessThan(2);
  });

  test("the inspector explains a pod's placement", async ({ page }) => {
    await page.goto('/');
    const pod = page.getByRole('button', { name: /^Pod web-/ }).first();
    await expect(pod).toBeVisible();
    const name = ((await pod.getAttribute('aria-label')) ?? '').replace(/^Pod /, '');
    await pod.click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await expect(inspector.getByRole('heading', { name: `Pod ${name}` })).toBeVisible();
    await expect(inspector.getByText('Why this node')).toBeVisible();
    const table = inspector.getByRole('table', { name: 'Scheduler decision' });
    await expect(table).toBeVisible();
    await expect(table.getByRole('row')).toHaveCount(5); // header + 4 nodes (control plane rejected by its taint)
    await expect(inspector.getByText(/Scheduled on worker-\d/)).toBeVisible();
    await inspector.getByRole('tab', { name: 'YAML' }).click();
    await expect(inspector.getByLabel('Object YAML')).toContainText(`name: ${name}`);
  });

  test('light and dark themes', async ({ page }) => {
    await page.goto('/');
    await expect(nodeGroup(page, 'worker-1')).toBeVisible();
    const before = await page.evaluate(() => document.documentElement.classList.contains('dark'));
    await page.getByRole('button', { name: before ? 'Light theme' : 'Dark theme' }).click();
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(!before);
  });

  test('play and pause control simulated time', async ({ page }) => {
    await page.goto('/');
    await expect(nodeGroup(page, 'worker-1')).toBeVisible();
    await page.getByRole('button', { name: 'Pause' }).click();
    // The button flips once the worker confirms it paused.
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
    const clock = page.getByLabel('Simulation time');
    const t1 = await clock.textContent();
    await page.waitForTimeout(700);
    await expect(clock).toHaveText(t1 ?? '');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect(clock).not.toHaveText(t1 ?? '');
  });
});
