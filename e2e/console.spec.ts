import type { Locator, Page } from '@playwright/test';
import { expect, nodeGroup, test } from './support/fixtures';

/**
 * The console: kubectl / helm / sandbox typed as in a terminal, output as a terminal prints
 * it, history across reloads, Tab completion, streaming until Ctrl-C, bad input.
 */

const prompt = (page: Page): Locator => page.getByRole('textbox', { name: 'Command' });
const output = (page: Page): Locator => page.getByRole('log', { name: 'Console output' });
/** The block of the newest command with this text. */
const block = (page: Page, command: string): Locator => output(page).locator('.k-console-block', { has: page.locator('.k-console-cmd', { hasText: `$ ${command}` }) }).last();

async function run(page: Page, line: string): Promise<Locator> {
  await prompt(page).fill(line);
  await prompt(page).press('Enter');
  return block(page, line);
}

async function open(page: Page, query = '?speed=10'): Promise<void> {
  await page.goto(`/${query}`);
  await expect(nodeGroup(page, 'worker-1')).toBeVisible();
  await expect(prompt(page)).toBeVisible();
}

test.describe('console', () => {
  test('prints tables and errors as kubectl does, and keeps its history across reloads', async ({ page }) => {
    await open(page);
    const nodes = await run(page, 'kubectl get nodes');
    await expect(page.getByRole('tab', { name: 'Console' })).toHaveAttribute('aria-selected', 'true');
    await expect(nodes).toContainText(/NAME\s{3,}STATUS\s{3,}ROLES\s{3,}AGE\s{3,}VERSION/);
    await expect(nodes).toContainText(/worker-2\s+Ready\s+<none>\s+\d+s\s+v1\.\d+/);
    // Monospace text, columns kept, that the user can select and copy.
    const table = nodes.locator('pre');
    const style = await table.evaluate((el) => {
      const s = getComputedStyle(el);
      return { font: s.fontFamily, select: s.userSelect, space: s.whiteSpace };
    });
    expect(style.font).toMatch(/monospace/);
    expect(style.select).not.toBe('none');
    expect(style.space).toBe('pre');
    await table.click({ clickCount: 3 });
    expect(await page.evaluate(() => window.getSelection()?.toString() ?? '')).toMatch(/Ready|STATUS/);
    await table.selectText();
    expect(await page.evaluate(() => window.getSelection()?.toString() ?? '')).toMatch(/^NAME\s+STATUS[\s\S]*worker-3\s+Ready/);

    const missing = await run(page, 'kubectl get deployment nope');
    await expect(missing.locator('.is-err')).toHaveText('Error from server (NotFound): deployments.apps "nope" not found');
    const verb = await run(page, 'kubectl frobnicate');
    await expect(verb.locator('.is-err').first()).toContainText('error: unknown command "frobnicate" for "kubectl"');
    await expect((await run(page, 'kubectl get foo')).locator('.is-err')).toHaveText('error: the server doesn\'t have a resource type "foo"');
    await expect((await run(page, 'kubectl get pods -n nope')).locator('.is-err')).toHaveText('No resources found in nope namespace.');
    await expect((await run(page, 'kubectl get pods --bogus')).locator('.is-err').first()).toContainText('unknown flag: --bogus');
    const quotes = await run(page, 'kubectl get pods "web');
    await expect(quotes.locator('.is-err')).not.toHaveCount(0);
    await prompt(page).fill(`kubectl get pods ${'x'.repeat(6000)}`);
    await prompt(page).press('Enter');
    await expect(output(page).getByText(/^error: command line too long/)).toBeVisible();

    const help = await run(page, 'kubectl get pods -h');
    await expect(help).toContainText('Usage:');
    const helmHelp = await run(page, 'helm install --help');
    await expect(helmHelp).toContainText('helm install [NAME] [CHART] [flags]');

    // ↑ walks back through history, ↓ returns to the (empty) draft.
    await prompt(page).press('ArrowUp');
    await prompt(page).press('ArrowUp');
    await expect(prompt(page)).toHaveValue('kubectl get pods -h');
    await prompt(page).press('ArrowDown');
    await prompt(page).press('ArrowDown');
    await expect(prompt(page)).toHaveValue('');

    await page.reload();
    await expect(prompt(page)).toBeVisible();
    await prompt(page).press('ArrowUp');
    await expect(prompt(page)).toHaveValue('helm install --help');
    await prompt(page).press('ArrowUp');
    await prompt(page).press('ArrowUp');
    await expect(prompt(page)).toHaveValue(/^kubectl get pods x+$/);

    await prompt(page).fill('clear');
    await prompt(page).press('Enter');
    await expect(output(page).locator('.k-console-block')).toHaveCount(0);
  });

  test('Tab completes verbs, kinds, names, namespaces and flags', async ({ page }) => {
    await open(page);
    const input = prompt(page);
    await input.fill('kubectl desc');
    await input.press('Tab');
    await expect(input).toHaveValue('kubectl describe ');
    await input.pressSequentially('no');
    await input.press('Tab');
    await expect(input).toHaveValue('kubectl describe nodes ');
    await input.pressSequentially('work');
    await input.press('Tab');
    await expect(input).toHaveValue('kubectl describe nodes worker-');
    await expect(page.getByRole('status', { name: 'Completions' })).toHaveText(/worker-1\s+worker-2\s+worker-3/);
    await input.pressSequentially('2');
    await input.press('Tab');
    await expect(input).toHaveValue('kubectl describe nodes worker-2 ');

    await input.fill('kubectl get pods -n kube-sy');
    await input.press('Tab');
    await expect(input).toHaveValue('kubectl get pods -n kube-system ');
    await input.pressSequentially('--all-n');
    await input.press('Tab');
    await expect(input).toHaveValue('kubectl get pods -n kube-system --all-namespaces ');
    await input.fill('helm install otel splunk');
    await input.press('Tab');
    await expect(input).toHaveValue('helm install otel splunk-otel-collector-chart/splunk-otel-collector ');
    await input.fill('sandbox kill node worker-3');
    // Completion never runs anything by itself.
    await expect(nodeGroup(page, 'worker-3')).toBeVisible();
  });

  test('kubectl get pods -w streams until Ctrl-C', async ({ page }) => {
    await open(page);
    const watch = await run(page, 'kubectl get pods -w');
    await expect(watch).toContainText('running · Ctrl-C stops it');
    await expect(watch).toContainText(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
    const before = (await watch.locator('pre').textContent())?.split('\n').length ?? 0;

    await run(page, 'kubectl scale deployment web --replicas=9');
    // New pods show up in the watch as they go Pending → ContainerCreating → Running.
    await expect.poll(async () => (await watch.locator('pre').textContent())?.split('\n').length ?? 0, { timeout: 20_000 }).toBeGreaterThan(before + 3);
    await expect(watch).toContainText(/web-\S+\s+0\/1\s+(Pending|ContainerCreating)/);

    await prompt(page).press('Control+c');
    await expect(watch).not.toContainText('running · Ctrl-C stops it');
    await expect(watch.locator('pre')).toContainText(/\^C$/);
    const stopped = await watch.locator('pre').textContent();
    await run(page, 'kubectl scale deployment web --replicas=3');
    await page.waitForTimeout(2000);
    await expect(watch.locator('pre')).toHaveText(stopped ?? '');
  });

  test('a typed command acts on the cluster and shows in the events feed', async ({ page }) => {
    await open(page, '?speed=10&paused=1');
    await run(page, 'kubectl cordon worker-3');
    await expect(block(page, 'kubectl cordon worker-3')).toContainText('node/worker-3 cordoned');
    await expect(nodeGroup(page, 'worker-3')).toContainText('SchedulingDisabled');
    // The events feed shows user commands too.
    await page.getByRole('tab', { name: 'Events' }).click();
    await expect(page.getByRole('region', { name: 'Events' }).getByText('$ kubectl cordon worker-3')).toBeVisible();
  });
});
