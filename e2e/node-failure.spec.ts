import { expect, nodeGroup, openPausedUntilRunning, setSpeed, test } from './support/fixtures';

test.describe('node-failure scenario', () => {
  test('opens with the control plane, the worker nodes and their pods', async ({ page }) => {
    await page.goto('/');
    for (const name of ['API server', 'etcd', 'Scheduler', 'Controller manager']) {
      await expect(page.getByRole('group', { name, exact: true })).toBeVisible();
    }
    for (const w of ['worker-1', 'worker-2', 'worker-3']) await expect(nodeGroup(page, w)).toBeVisible();
    await expect(page.getByRole('button', { name: /^Pod web-/ }).first()).toBeVisible();
    // The built-in scenario, played by the same runner as the CLI: its title and its first step.
    await expect(page.getByText('A worker node dies')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Events' }).getByText('$ kubectl apply -f web.yaml')).toBeVisible();
    await expect(page.getByLabel('Simulation time')).toHaveText(/^\d\d:\d\d:\d\d$/);
    expect(page.workers()).toHaveLength(1);
  });

  test('killing a node: NotReady, eviction countdown, Terminating, replacements elsewhere, restore', async ({ page }) => {
    await openPausedUntilRunning(page);
    await expect(page.getByRole('button', { name: /^Pod web-/ })).toHaveCount(6);

    // worker-2 is the node the scenario is about; the test powers it off first, from the UI.
    const victim = 'worker-2';
    expect(await nodeGroup(page, victim).getByRole('button', { name: /^Pod web-/ }).count()).toBeGreaterThan(0);
    const victimPods = await nodeGroup(page, victim).getByRole('button', { name: /^Pod web-/ }).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));

    await nodeGroup(page, victim).locator('.k-node-head').click();
    await page.getByRole('complementary', { name: 'Inspector' }).getByRole('button', { name: 'Kill node' }).click();
    await expect(page.getByRole('status', { name: 'Command output' })).toContainText('node/worker-2 powered off');
    await setSpeed(page, '60×');

    const node = nodeGroup(page, victim);
    await expect(node.locator('.k-badge')).toHaveText(/^NotReady/, { timeout: 30_000 });
    await expect(node.getByText(/evicted in \d+:\d\d/).first()).toBeVisible({ timeout: 30_000 });
    // Still "Running" as kubectl prints it, but no longer Ready: drawn as not ready until evicted.
    await expect(node.locator('.k-pod.tone-notready[aria-label^="Pod web-"]').first()).toBeVisible();
    await expect(page.getByRole('region', { name: 'Events' }).getByText('NodeNotReady').first()).toBeVisible();

    await setSpeed(page, 'Max');
    await expect(node.locator('.k-pod.tone-terminating').first()).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('region', { name: 'Events' }).getByText('TaintManagerEviction').first()).toBeVisible();
    // Six web pods Running again, none of them on the dead node.
    const others = ['worker-1', 'worker-2', 'worker-3'].filter((w) => w !== victim);
    await expect
      .poll(async () => {
        let running = 0;
        for (const w of others) running += await nodeGroup(page, w).locator('.k-pod.tone-running[aria-label^="Pod web-"]').count();
        return running;
      }, { timeout: 60_000 })
      .toBe(6);
    for (const label of victimPods) {
      await expect(nodeGroup(page, victim).getByRole('button', { name: label, exact: true })).toHaveClass(/tone-terminating/);
    }
    // The timeline reached its own kill step at 1m: it ran, as a step, against the dead node.
    const events = page.getByRole('region', { name: 'Events' });
    await expect(events.locator('tr.is-command', { hasText: 'timeline' }).filter({ hasText: '$ sandbox kill node worker-2' })).toBeVisible();

    await setSpeed(page, '60×');
    await page.getByRole('complementary', { name: 'Inspector' }).getByRole('button', { name: 'Restore node' }).click();
    await expect(node.locator('.k-badge')).toHaveText('Ready', { timeout: 60_000 });
  });

  test('the events panel shows user commands as they run', async ({ page }) => {
    await page.goto('/');
    await nodeGroup(page, 'worker-3').locator('.k-node-head').click({ button: 'right' });
    await page.getByRole('menu').getByRole('button', { name: 'Cordon' }).click();
    await expect(page.getByRole('region', { name: 'Events' }).getByText('$ kubectl cordon worker-3')).toBeVisible();
    await expect(nodeGroup(page, 'worker-3').locator('.k-badge')).toHaveText('Ready,SchedulingDisabled');
    await nodeGroup(page, 'worker-3').locator('.k-node-head').click({ button: 'right' });
    await page.getByRole('menu').getByRole('button', { name: 'Uncordon' }).click();
    await expect(nodeGroup(page, 'worker-3').locator('.k-badge')).toHaveText('Ready');
  });

  test('a drain keeps streaming its output as simulated time passes', async ({ page }) => {
    await openPausedUntilRunning(page);
    await nodeGroup(page, 'worker-1').locator('.k-node-head').click({ button: 'right' });
    await page.getByRole('menu').getByRole('button', { name: 'Drain' }).click();
    const toast = page.getByRole('status', { name: 'Command output' });
    await expect(toast).toContainText('$ kubectl drain worker-1');
    await expect(toast).toContainText(/evicting pod default\/web-/);
    // Paused: the evictions are still under way.
    await expect(toast).toContainText('running');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect(toast).toContainText('node/worker-1 drained', { timeout: 30_000 });
    await expect(toast).not.toContainText('running');
    await expect(page.getByRole('region', { name: 'Events' }).getByText(/node\/worker-1 drained/).first()).toBeAttached();
  });
});
