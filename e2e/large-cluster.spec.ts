import { expect, test } from './support/fixtures';

/**
 * A 100-node / 3,000-pod cluster: pods are drawn as squares (no DOM button each), and stay
 * reachable by keyboard and by name through the node's inspector, or as buttons up close.
 */
test.describe('large cluster', () => {
  test('pods are squares at overview zoom, summarised for screen readers', async ({ page }) => {
    await page.goto('/?synthetic=100x30&churn=100&speed=1');
    await expect(page.getByRole('group', { name: 'Node node-0100' })).toBeAttached();
    await expect(page.getByText('100 worker nodes')).toBeVisible();
    const canvas = page.getByRole('region', { name: 'Cluster canvas' });
    await expect(canvas.getByRole('img', { name: /^30 pods: \d+ Running/ }).first()).toBeAttached();
    await expect(canvas.getByRole('button', { name: /^Pod app-/ })).toHaveCount(0);
  });

  test('keyboard: a focused node opens with Enter, and its pods are listed by name', async ({ page }) => {
    await page.goto('/?synthetic=100x30&speed=1');
    const node = page.getByRole('group', { name: 'Node node-0001' });
    await expect(node).toBeAttached();
    await node.focus();
    await page.keyboard.press('Enter');
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await expect(inspector.getByRole('heading', { name: 'Node node-0001' })).toBeVisible();
    await expect(inspector.getByText('Pods (30)')).toBeVisible();
    const pods = inspector.getByRole('button', { name: /^Pod app-1-/ });
    await expect(pods).toHaveCount(30);
    await pods.first().focus();
    await page.keyboard.press('Enter');
    await expect(inspector.getByRole('heading', { name: /^Pod app-1-/ })).toBeVisible();
  });

  test('zoomed in, the squares become buttons again', async ({ page }) => {
    await page.goto('/?synthetic=100x30&speed=1');
    await expect(page.getByRole('group', { name: 'Node node-0100' })).toBeAttached();
    // The fitted view shows everything: no minimap over its corner until the user zooms or pans.
    const minimap = page.getByRole('img', { name: 'Minimap' });
    await expect(minimap).toHaveCount(0);
    for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Zoom In' }).click();
    await expect(page.getByRole('region', { name: 'Cluster canvas' }).getByRole('button', { name: /^Pod app-/ }).first()).toBeVisible();
    await expect(minimap).toBeVisible();
  });

  test('dragging the pane pans the view; afterwards nodes take clicks and the wheel zooms', async ({ page }) => {
    await page.goto('/?synthetic=100x30&churn=100&speed=1');
    const node = page.getByRole('group', { name: 'Node node-0001' });
    await expect(node).toBeVisible();
    const before = (await node.boundingBox())!;
    const pane = page.locator('.react-flow__pane');
    const pb = (await pane.boundingBox())!;
    // An empty strip of pane: below the last row of nodes.
    const start = { x: pb.x + pb.width / 2, y: pb.y + pb.height - 12 };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + 60, start.y - 15, { steps: 6 });
    await page.mouse.move(start.x + 120, start.y - 30, { steps: 6 });
    await page.mouse.up();
    const after = (await node.boundingBox())!;
    expect(after.x - before.x).toBeCloseTo(120, -1);
    expect(after.y - before.y).toBeCloseTo(-30, -1);
    // The pan's pointer shield is gone: the node under the pointer takes the click.
    await node.click({ position: { x: 20, y: 8 } });
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await expect(inspector.getByRole('heading', { name: 'Node node-0001' })).toBeVisible();
    // A plain click on the empty pane still reaches it: the node's context menu closes.
    await node.click({ button: 'right', position: { x: 20, y: 8 } });
    await expect(page.getByRole('menu')).toBeVisible();
    await page.mouse.click(start.x, start.y);
    await expect(page.getByRole('menu')).toHaveCount(0);
    // A wheel over the pane still zooms (the shield is only for drags).
    await page.mouse.move(start.x, start.y - 30);
    await page.mouse.wheel(0, -400);
    await expect.poll(async () => (await node.boundingBox())!.width).toBeGreaterThan(after.width * 1.2);
  });
});
