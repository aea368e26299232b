import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { decodeLinkState, EMPTY_VIEW, encodeLink } from '../src/scenarios/link';
import { actions as benchActions, scenarioYaml as benchScenario } from '../bench/t1-seek.bench';
import { expect, nodeGroup, test } from './support/fixtures';
import { slowWorkerClock } from './support/worker-clock';

/**
 * Issue 8, going back in time: a seek from parked engines (checkpoints) after they are built,
 * a link pasted into an open page (rewound in slices), the moment a link or reload keeps
 * during a rewind, and a link whose scenario breaks on the way to its moment.
 * Run with your own port: E2E_PORT=4422 npx playwright test e2e/seek.spec.ts
 */

const SHOTS = `${process.env.E2E_PORT ? `test-results-${process.env.E2E_PORT}` : 'test-results'}/seek`;
mkdirSync(SHOTS, { recursive: true });

const slider = (page: Page) => page.getByRole('slider', { name: 'Timeline' });
const clock = (page: Page) => page.getByLabel('Simulation time');
const rewinding = (page: Page) => page.getByRole('status').filter({ hasText: /Rewinding… \d+%/ });
const linkBanner = (page: Page) => page.getByRole('alert').filter({ hasText: 'This link could not be opened' });

/** The 20-node hour of the T1 bench, as a share link at 1:00:00. */
function hourLink(): string {
  const link = encodeLink({ scenario: benchScenario(), actions: benchActions(), timeMs: 3_600_000, view: EMPTY_VIEW });
  if (!link.ok) throw new Error(link.error);
  return link.fragment;
}

/** The fragment's moment, decoded as the page decodes it. */
function timeOf(url: string): number {
  const decoded = decodeLinkState(url.slice(url.indexOf('#')));
  if (!decoded.ok) throw new Error(decoded.error);
  return decoded.value.timeMs;
}

/**
 * The worker's next wall-clock read throws once: the replay running in the worker at that
 * moment (a link's, here) breaks as an engine error would, inside one of its slices.
 */
async function breakNextReplaySlice(page: Page): Promise<void> {
  const worker = page.workers()[0] ?? (await page.waitForEvent('worker'));
  await worker.evaluate(() => {
    const original = performance.now.bind(performance);
    let armed = true;
    performance.now = () => {
      if (armed) {
        armed = false;
        throw new Error('the engine broke (test)');
      }
      return original();
    };
  });
}

test.describe('seeking back', () => {
  test('once the parked engines are built, a seek back in the 20-node hour lands at once', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto(`/#${hourLink()}`);
    await expect(clock(page)).toHaveText('01:00:00', { timeout: 90_000 });
    // Paused at the link's moment, the worker builds its checkpoints in spare time (about
    // 5 s of CPU for this hour); the page stays responsive meanwhile.
    await page.waitForTimeout(20_000);
    await expect(nodeGroup(page, 'worker-20')).toBeAttached();
    await slider(page).focus();
    const started = Date.now();
    await page.keyboard.press('ArrowLeft');
    await expect(clock(page)).toHaveText('00:59:50', { timeout: 60_000 });
    const tookMs = Date.now() - started;
    test.info().annotations.push({ type: 'seek back from a checkpoint (ms)', description: String(tookMs) });
    process.stdout.write(`seek back from a checkpoint: ${tookMs} ms\n`);
    // From the start it replays 59 minutes (seconds in this browser); from the trailing parked
    // engine under two (about 0.1 s on a quiet machine; the bound leaves room for a loaded one).
    expect(tookMs).toBeLessThan(2000);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/after-fast-seek.png` });
  });

  test('Share and reload during a rewind carry the moment it goes to, not the one before the seek', async ({ page, context }) => {
    test.setTimeout(180_000);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(`/#${hourLink()}`);
    await expect(clock(page)).toHaveText('01:00:00', { timeout: 90_000 });
    await slowWorkerClock(page);
    await slider(page).focus();
    await page.keyboard.press('ArrowLeft');
    await expect(rewinding(page)).toBeVisible({ timeout: 10_000 });
    const target = 3_590_000;
    await page.getByRole('button', { name: 'Share' }).click();
    await expect(page.getByRole('dialog', { name: 'Share this moment' }).getByRole('status')).toHaveText(/^Link copied/);
    const shared = await page.evaluate(() => navigator.clipboard.readText());
    expect(timeOf(shared)).toBe(target);
    // The address bar follows the seek within a moment, so a reload now keeps it.
    await expect.poll(() => timeOf(page.url()), { timeout: 5_000 }).toBe(target);
    // All of that while the rewind was still on its way (the clock still shows the moment before it).
    await expect(rewinding(page)).toBeVisible();
    await expect(clock(page)).toHaveText('01:00:00');
    await page.reload();
    await expect(clock(page)).toHaveText('00:59:50', { timeout: 90_000 });
  });
});

test.describe('links in an open page', () => {
  test('a long link pasted into the address bar rewinds in slices with progress, then shows its moment', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto('/?paused=1');
    await expect(nodeGroup(page, 'worker-2')).toBeVisible();
    const fragment = hourLink();
    await page.evaluate((f) => {
      window.location.hash = f;
    }, fragment);
    await expect(rewinding(page)).toBeVisible({ timeout: 15_000 });
    await page.screenshot({ path: `${SHOTS}/pasted-link-rewinding.png` });
    // The worker answers meanwhile: a read of the running scenario still works.
    await page.getByRole('tab', { name: 'Console' }).click();
    await expect(clock(page)).toHaveText('01:00:00', { timeout: 90_000 });
    await expect(page.getByRole('banner').getByText('Seek benchmark', { exact: true })).toBeVisible();
    await expect(nodeGroup(page, 'worker-20')).toBeAttached();
    await expect(rewinding(page)).toHaveCount(0);
    await expect(linkBanner(page)).toHaveCount(0);
    // The address bar still holds the link (nothing overwrote it while it opened).
    expect(timeOf(page.url())).toBe(3_600_000);
  });

  test('a pasted link whose scenario breaks on the way says so in the banner; the page goes on', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('/?paused=1');
    await expect(nodeGroup(page, 'worker-2')).toBeVisible();
    await page.evaluate((f) => {
      window.location.hash = f;
    }, hourLink());
    await expect(rewinding(page)).toBeVisible({ timeout: 15_000 });
    await breakNextReplaySlice(page);
    await expect(linkBanner(page)).toContainText('the scenario stopped with an error', { timeout: 30_000 });
    await expect(linkBanner(page)).toContainText('The scenario on screen stays open');
    await page.screenshot({ path: `${SHOTS}/pasted-link-broke.png` });
    await expect(page.getByRole('banner').getByText('A worker node dies', { exact: true })).toBeVisible();
    await expect(rewinding(page)).toHaveCount(0);
    // Still usable: the clock steps.
    await page.getByRole('button', { name: 'Step 10 seconds' }).click();
    await expect(clock(page)).not.toHaveText('00:00:00');
    await expect(page.getByRole('alert').filter({ hasText: 'The simulation stopped' })).toHaveCount(0);
  });

  test('a link whose scenario breaks while it opens shows the banner over the default scenario (no crash)', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(`/#${hourLink()}`);
    // The link is being run to its moment (the timeline shows the progress before the first picture).
    await expect(rewinding(page)).toBeVisible({ timeout: 30_000 });
    await breakNextReplaySlice(page);
    await expect(linkBanner(page)).toContainText('the scenario stopped with an error', { timeout: 60_000 });
    await expect(linkBanner(page)).toContainText('default scenario');
    await expect(page.getByRole('banner').getByText('A worker node dies', { exact: true })).toBeVisible();
    await expect(nodeGroup(page, 'worker-2')).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'The simulation stopped' })).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/first-link-broke.png` });
    // The default scenario is usable.
    await page.getByRole('button', { name: 'Step 10 seconds' }).click();
    await expect(clock(page)).not.toHaveText('00:00:00');
  });
});
