import { expect, test } from './support/fixtures';

const SCREENSHOTS = process.env.SCREENSHOT_DIR ?? 'test-results/screenshots';

/**
 * A k3s server is the control plane and the only node that runs workloads: its pods are drawn
 * inside its control-plane group, as a worker's are.
 */
test.describe('k3s single node on the canvas', () => {
  test('the server shows the taskmaster pods and CoreDNS, selectable like any pod', async ({ page }) => {
    await page.goto('/?scenario=k3s-single-node');
    const server = page.getByRole('group', { name: /^Control plane / });
    await expect(server).toHaveCount(1);
    // A single k3s server keeps its state in SQLite through kine: the datastore box says so.
    for (const name of ['API server', 'kine (SQLite)', 'Scheduler', 'Controller manager']) {
      await expect(page.getByRole('group', { name, exact: true })).toBeVisible();
    }
    await expect(page.getByRole('group', { name: 'etcd', exact: true })).toHaveCount(0);
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

    // The datastore's inspector names it too; its label fits its box.
    const kine = page.getByRole('group', { name: 'kine (SQLite)', exact: true });
    await kine.click();
    await expect(inspector.getByRole('heading', { name: 'kine (SQLite)' })).toBeVisible();
    await expect(inspector.getByText(/keeps every object in SQLite, through kine/)).toBeVisible();
    // kine has no leader election: no Leader row (etcd has one).
    await expect(inspector.getByText('Running', { exact: true })).toBeVisible();
    await expect(inspector.getByText('Leader', { exact: true })).toHaveCount(0);
    const label = kine.locator('.k-comp-label');
    expect(await label.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/k3s-single-node-1280.png` });
    await kine.screenshot({ path: `${SCREENSHOTS}/k3s-datastore-box.png` });

    // The sequence panel's datastore lane is kine (SQLite) too.
    await page.getByRole('tab', { name: 'Sequence' }).click();
    const seq = page.getByRole('region', { name: 'Sequence' });
    await expect(seq.locator('.k-seq-svg svg')).toBeVisible({ timeout: 30_000 });
    const lane = seq.locator('.k-seq-svg text.actor', { hasText: 'kine (SQLite)' }).first();
    await expect(lane).toBeVisible();
    await expect(seq.locator('.k-seq-svg text.actor', { hasText: /^etcd$/ })).toHaveCount(0);
    await lane.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}/k3s-sequence-1280.png` });
    await page.getByRole('tab', { name: 'Events' }).click();

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
    // k3s-single-node's datastore is kine; a kubeadm HA control plane's is still etcd.
    await expect(page.getByRole('group', { name: 'kine (SQLite)', exact: true })).toHaveCount(0);
    await expect(etcds.locator('.k-leader')).toHaveCount(1, { timeout: 30_000 });
    await expect(page.getByRole('group', { name: 'Scheduler', exact: true }).locator('.k-leader')).toHaveCount(1, { timeout: 30_000 });
  });
});
