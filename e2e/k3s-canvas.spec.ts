import { expect, test } from './support/fixtures';

/**
 * A k3s server is the control plane and the only node that runs workloads: its pods are drawn
 * inside its control-plane group, as a worker's are.
 */
test.describe('k3s single node on the canvas', () => {
  test('the server shows the taskmaster pods and CoreDNS, selectable like any pod', async ({ page }) => {
    await page.goto('/?scenario=k3s-single-node');
    const server = page.getByRole('group', { name: /^Control plane / });
    await expect(server).toHaveCount(1);
    for (const name of ['API server', 'etcd', 'Scheduler', 'Controller manager']) {
      await expect(page.getByRole('group', { name, exact: true })).toBeVisible();
    }
    for (const app of ['frontend', 'backend', 'postgres', 'coredns']) {
      await expect(server.getByRole('button', { name: new RegExp(`^Pod ${app}-`) }).first()).toBeVisible({ timeout: 30_000 });
    }
    await expect(server.locator('.k-pod.tone-running[aria-label^="Pod backend-"]').first()).toBeVisible({ timeout: 30_000 });
    await expect(server.locator('.k-cp-status')).toHaveText('Ready');
    await expect(server.getByRole('meter', { name: 'CPU requested' })).toBeVisible();

    const pod = server.getByRole('button', { name: /^Pod frontend-/ }).first();
    const name = ((await pod.getAttribute('aria-label')) ?? '').replace(/^Pod /, '');
    await pod.click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await expect(inspector.getByRole('heading', { name: `Pod ${name}` })).toBeVisible();

    // The server's own node actions, from its context menu.
    await server.locator('.k-cp-title').click({ button: 'right' });
    await expect(page.getByRole('menu', { name: /^Actions for node / }).getByRole('button', { name: 'Cordon' })).toBeVisible();
    await page.keyboard.press('Escape');

    // Chips stay inside the server's frame, clear of its component boxes.
    const frame = (await server.boundingBox())!;
    const apiserver = (await page.getByRole('group', { name: 'API server', exact: true }).boundingBox())!;
    for (const chip of await server.locator('.k-pod').all()) {
      const b = (await chip.boundingBox())!;
      expect(b.y).toBeGreaterThan(apiserver.y + apiserver.height);
      expect(b.y + b.height).toBeLessThanOrEqual(frame.y + frame.height + 1);
    }
  });
});

test.describe('HA control plane on the canvas', () => {
  test('exactly one etcd member and one scheduler wear the leader mark', async ({ page }) => {
    await page.goto('/?scenario=ha-control-plane');
    const etcds = page.getByRole('group', { name: 'etcd', exact: true });
    await expect(etcds).toHaveCount(3);
    await expect(etcds.locator('.k-leader')).toHaveCount(1, { timeout: 30_000 });
    await expect(page.getByRole('group', { name: 'Scheduler', exact: true }).locator('.k-leader')).toHaveCount(1, { timeout: 30_000 });
  });
});
