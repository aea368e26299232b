import { mkdirSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { expandNodes } from '../src/engine/cluster/cluster-spec';
import { parseScenario } from '../src/engine/scenario';
import { BUILTIN_SCENARIOS } from '../src/scenarios';
import { EMPTY_VIEW, encodeLink } from '../src/scenarios/link';
import { actions as benchActions, scenarioYaml as benchScenario } from '../bench/t1-seek.bench';
import { slowWorkerClock } from './support/worker-clock';
import { expect, nodeGroup, openPausedUntilRunning, simSeconds, test } from './support/fixtures';

/**
 * Issue 8, the page part: the scenario picker, share links (copy, open in a fresh browser,
 * broken links) and the timeline (jump to a step, scrub back). Run with your own port:
 * E2E_PORT=4301 npx playwright test e2e/scenarios-share.spec.ts
 */

const SHOTS = `${process.env.E2E_PORT ? `test-results-${process.env.E2E_PORT}` : 'test-results'}/scenarios-share`;
mkdirSync(SHOTS, { recursive: true });

function nodesOf(yaml: string): { controlPlanes: string[]; workers: string[] } {
  const parsed = parseScenario(yaml, 'builtin.yaml');
  if (!parsed.ok) throw new Error('built-in does not parse');
  const nodes = expandNodes(parsed.scenario.spec.cluster);
  return { controlPlanes: nodes.filter((n) => n.role === 'control-plane').map((n) => n.name), workers: nodes.filter((n) => n.role !== 'control-plane').map((n) => n.name) };
}

const slider = (page: Page) => page.getByRole('slider', { name: 'Timeline' });
const clock = (page: Page) => page.getByLabel('Simulation time');

/** What a user sees of the cluster: each node's status and the pods on it. */
async function picture(page: Page, workers: readonly string[]): Promise<Record<string, { status: string; pods: string[] }>> {
  const out: Record<string, { status: string; pods: string[] }> = {};
  for (const w of workers) {
    const node = nodeGroup(page, w);
    const status = ((await node.locator('.k-badge').textContent()) ?? '').trim();
    const pods = await node.locator('.k-pod').evaluateAll((els) => els.map((e) => `${e.getAttribute('aria-label') ?? ''} ${[...e.classList].filter((c) => c.startsWith('tone-')).join('')}`).sort());
    out[w] = { status, pods };
  }
  return out;
}

/** The node's position on the canvas, in flow coordinates (React Flow's translate). */
async function flowPosition(page: Page, id: string): Promise<{ x: number; y: number }> {
  const transform = await page.locator(`.react-flow__node[data-id="${id}"]`).evaluate((el) => (el as HTMLElement).style.transform);
  const m = /translate\(\s*(-?[\d.]+)px,\s*(-?[\d.]+)px\)/.exec(transform);
  if (!m) throw new Error(`no position in ${transform}`);
  return { x: Number(m[1]), y: Number(m[2]) };
}

async function openInFreshBrowser(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { context, page, errors };
}

test.describe('scenario picker', () => {
  test('opens every built-in scenario with its title and nodes', async ({ page }) => {
    await page.goto('/?paused=1');
    await expect(nodeGroup(page, 'worker-1')).toBeVisible();
    for (const [i, s] of BUILTIN_SCENARIOS.entries()) {
      await page.getByRole('button', { name: 'Scenarios' }).click();
      const dialog = page.getByRole('dialog', { name: 'Scenarios' });
      await expect(dialog).toBeVisible();
      const option = dialog.getByRole('option', { name: s.title, exact: true });
      await expect(option).toBeVisible();
      await expect(dialog.getByText(s.description.slice(0, 60))).toBeVisible();
      if (i === 0) await page.screenshot({ path: `${SHOTS}/picker-open.png` });
      await option.click();
      await expect(dialog).toBeHidden({ timeout: 30_000 });
      await expect(page.getByRole('banner').getByText(s.title, { exact: true })).toBeVisible();
      const { controlPlanes, workers } = nodesOf(s.yaml);
      for (const w of workers) await expect(nodeGroup(page, w)).toBeAttached();
      for (const cp of controlPlanes) await expect(page.getByRole('group', { name: `Control plane ${cp}`, exact: true })).toBeAttached();
      if (s.name === 'splunk-otel-helm') await page.screenshot({ path: `${SHOTS}/toolbar-long-title.png` });
    }
  });

  test('works from the keyboard', async ({ page }) => {
    await page.goto('/?paused=1');
    await expect(nodeGroup(page, 'worker-1')).toBeVisible();
    await page.getByRole('button', { name: 'Scenarios' }).focus();
    await page.keyboard.press('Enter');
    const list = page.getByRole('listbox', { name: 'Built-in scenarios' });
    await expect(list).toBeFocused();
    await expect(list.getByRole('option', { name: 'A worker node dies' })).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: 'Scenarios' })).toBeHidden({ timeout: 30_000 });
    await expect(page.getByRole('banner').getByText('Deploy three replicas', { exact: true })).toBeVisible();
    await expect(nodeGroup(page, 'worker-2')).toBeVisible();
  });

  test('an invalid import shows file:line:column and keeps the running cluster', async ({ page }) => {
    await page.goto('/?paused=1');
    await expect(nodeGroup(page, 'worker-1')).toBeVisible();
    await page.getByRole('button', { name: 'Scenarios' }).click();
    const dialog = page.getByRole('dialog', { name: 'Scenarios' });
    await dialog.getByLabel('Import scenario').setInputFiles({
      name: 'broken.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from('apiVersion: kube-sandbox.dev/v1\nkind: Scenario\nmetadata:\n  name: broken\nspec:\n  seed: 1\n  cluster:\n    nodes: 3\n'),
    });
    const alert = dialog.getByRole('alert');
    await expect(alert).toContainText('broken.yaml was not opened');
    await expect(alert).toContainText(/broken\.yaml:\d+:\d+: spec\.cluster/);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('banner').getByText('A worker node dies', { exact: true })).toBeVisible();
    await expect(nodeGroup(page, 'worker-3')).toBeVisible();

    // A valid file opens: the built-in deploy scenario's text under another name.
    const deploy = BUILTIN_SCENARIOS.find((s) => s.name === 'deploy-three-replicas')!;
    await page.getByRole('button', { name: 'Scenarios' }).click();
    await dialog.getByLabel('Import scenario').setInputFiles({ name: 'mine.yml', mimeType: 'application/yaml', buffer: Buffer.from(deploy.yaml) });
    await expect(dialog).toBeHidden({ timeout: 30_000 });
    await expect(page.getByRole('banner').getByText(deploy.title, { exact: true })).toBeVisible();
  });
});

test.describe('share links', () => {
  test('kill, drag, command, share: a fresh browser opens the same moment', async ({ page, browser, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openPausedUntilRunning(page);
    const workers = ['worker-1', 'worker-2', 'worker-3'];

    // Kill worker-1 from the inspector.
    await nodeGroup(page, 'worker-1').locator('.k-node-head').click();
    await page.getByRole('complementary', { name: 'Inspector' }).getByRole('button', { name: 'Kill node' }).click();
    await expect(page.getByRole('status', { name: 'Command output' })).toContainText('node/worker-1 powered off');
    // Drag worker-3 by its header.
    const head = (await nodeGroup(page, 'worker-3').locator('.k-node-head').boundingBox())!;
    await page.mouse.move(head.x + 20, head.y + head.height / 2);
    await page.mouse.down();
    await page.mouse.move(head.x + 80, head.y + 60, { steps: 8 });
    await page.mouse.move(head.x + 140, head.y + 110, { steps: 8 });
    await page.mouse.up();
    // A console command.
    const prompt = page.getByRole('textbox', { name: 'Command' });
    await prompt.fill('kubectl scale deployment web --replicas=4');
    await prompt.press('Enter');
    // On past the NotReady grace period (and the timeline's own kill of worker-2 at 1m).
    for (let i = 0; i < 8; i++) {
      await page.getByRole('button', { name: 'Step 10 seconds' }).click();
      await page.waitForTimeout(250);
    }
    await expect(nodeGroup(page, 'worker-1').locator('.k-badge')).toHaveText(/^NotReady/, { timeout: 20_000 });
    await page.waitForTimeout(500);
    const before = await picture(page, workers);
    const seconds = await simSeconds(page);
    const dragged = await flowPosition(page, 'node/worker-3');
    const inspected = await page.getByRole('complementary', { name: 'Inspector' }).getByRole('heading', { level: 2 }).innerText();
    expect(inspected).toMatch(/^Node worker-\d$/);
    const tabOpen = (await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { selected: true }).innerText()).trim();

    await page.getByRole('button', { name: 'Share' }).click();
    const pop = page.getByRole('dialog', { name: 'Share this moment' });
    await expect(pop.getByRole('status')).toHaveText(/^Link copied · [\d.]+ (KB|B)$/);
    await page.screenshot({ path: `${SHOTS}/share-popover.png` });
    const url = await page.evaluate(() => navigator.clipboard.readText());
    expect(url).toMatch(/#v1\./);

    const fresh = await openInFreshBrowser(browser, url);
    try {
      const p2 = fresh.page;
      await expect(nodeGroup(p2, 'worker-3')).toBeVisible({ timeout: 30_000 });
      await expect(p2.getByRole('banner').getByText('A worker node dies', { exact: true })).toBeVisible();
      await expect(clock(p2)).toHaveText(await clock(page).innerText());
      expect(await simSeconds(p2)).toBe(seconds);
      await expect(p2.getByRole('button', { name: 'Play' })).toBeVisible();
      await expect.poll(() => picture(p2, workers), { timeout: 10_000 }).toEqual(before);
      const pos = await flowPosition(p2, 'node/worker-3');
      expect(Math.abs(pos.x - dragged.x)).toBeLessThan(3);
      expect(Math.abs(pos.y - dragged.y)).toBeLessThan(3);
      // The view: the selected node in the inspector, the dock panel that was open.
      await expect(p2.getByRole('complementary', { name: 'Inspector' }).getByRole('heading', { level: 2 })).toHaveText(inspected);
      await expect(p2.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name: tabOpen })).toHaveAttribute('aria-selected', 'true');
      // The user's actions are on the new page's timeline too.
      await expect(p2.getByRole('button', { name: /^Your action at 00:00:\d\d: sandbox kill node worker-1/ })).toBeAttached();
      expect(fresh.errors).toEqual([]);
    } finally {
      await fresh.context.close();
    }
  });

  test('a denied clipboard shows the link in a selectable field', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) }, configurable: true });
    });
    await page.goto('/?paused=1');
    await expect(nodeGroup(page, 'worker-1')).toBeVisible();
    await page.getByRole('button', { name: 'Share' }).click();
    const field = page.getByRole('textbox', { name: 'Share link' });
    await expect(field).toBeVisible();
    await expect(field).toHaveAttribute('readonly', '');
    expect(await field.inputValue()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.*#v1\./);
    await expect(page.getByRole('dialog', { name: 'Share this moment' }).getByRole('status')).toHaveText(/^Copy this link · /);
    await page.screenshot({ path: `${SHOTS}/share-fallback.png` });
  });

  test('a truncated or garbage link says why, and the default scenario opens', async ({ page }) => {
    const s = BUILTIN_SCENARIOS.find((b) => b.name === 'deploy-three-replicas')!;
    const link = encodeLink({ scenario: s.yaml, actions: [], timeMs: 30_000, view: EMPTY_VIEW });
    if (!link.ok) throw new Error(link.error);
    for (const fragment of [link.fragment.slice(0, link.fragment.length - 7), 'v1.!!garbage!!', 'v9.AAAA']) {
      // A fresh load each time (a goto that only changes the fragment would not reload).
      await page.goto('about:blank');
      await page.goto(`/#${fragment}`);
      const banner = page.getByRole('alert').filter({ hasText: 'This link could not be opened' });
      await expect(banner).toBeVisible();
      await expect(banner).toContainText('link: ');
      await expect(banner).toContainText('default scenario');
      await expect(page.getByRole('banner').getByText('A worker node dies', { exact: true })).toBeVisible();
      await expect(nodeGroup(page, 'worker-2')).toBeVisible();
    }
    // The intact link pasted into the open page (only the fragment changes) opens its scenario at its moment.
    await page.evaluate((f) => {
      window.location.hash = f;
    }, link.fragment);
    await expect(page.getByRole('alert').filter({ hasText: 'This link could not be opened' })).toBeHidden();
    await expect(page.getByRole('banner').getByText(s.title, { exact: true })).toBeVisible();
    await expect(clock(page)).toHaveText('00:00:30');
  });
});

test.describe('reload and export', () => {
  test('a reload reopens the same moment; Export adds the user\'s actions as steps', async ({ page }) => {
    await openPausedUntilRunning(page);
    const workers = ['worker-1', 'worker-2', 'worker-3'];
    const prompt = page.getByRole('textbox', { name: 'Command' });
    await prompt.fill('sandbox kill node worker-3');
    await prompt.press('Enter');
    for (let i = 0; i < 3; i++) {
      await page.getByRole('button', { name: 'Step 10 seconds' }).click();
      await page.waitForTimeout(250);
    }
    const head = (await nodeGroup(page, 'worker-1').locator('.k-node-head').boundingBox())!;
    await page.mouse.move(head.x + 20, head.y + head.height / 2);
    await page.mouse.down();
    await page.mouse.move(head.x + 60, head.y + 120, { steps: 10 });
    await page.mouse.up();
    const dragged = await flowPosition(page, 'node/worker-1');
    const before = await picture(page, workers);
    const time = await clock(page).innerText();
    // The address bar follows within about two seconds of wall time.
    await page.waitForTimeout(2600);
    expect(page.url()).toContain('#v1.');
    await page.reload();
    await expect(nodeGroup(page, 'worker-3')).toBeVisible();
    await expect(clock(page)).toHaveText(time);
    await expect.poll(() => picture(page, workers)).toEqual(before);
    const pos = await flowPosition(page, 'node/worker-1');
    expect(Math.abs(pos.x - dragged.x)).toBeLessThan(3);
    expect(Math.abs(pos.y - dragged.y)).toBeLessThan(3);

    await page.getByRole('button', { name: 'Scenarios' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('dialog', { name: 'Scenarios' }).getByRole('button', { name: 'Export scenario' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('node-failure.yaml');
    const path = await file.path();
    const text = (await import('node:fs')).readFileSync(path, 'utf8');
    expect(text).toMatch(/- at: \d+s\n\s+run: sandbox kill node worker-3/);
    const parsed = parseScenario(text, 'node-failure.yaml');
    expect(parsed.ok).toBe(true);
  });
});

test.describe('timeline', () => {
  test('click a step to jump there; scrub back to an earlier state', async ({ page }) => {
    await page.goto('/?paused=1');
    await expect(nodeGroup(page, 'worker-2')).toBeVisible();
    await expect(slider(page)).toBeVisible();
    const workers = ['worker-1', 'worker-2', 'worker-3'];
    // 30 s in: the web pods are placed.
    await slider(page).focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await expect(clock(page)).toHaveText('00:00:30');
    await expect(page.locator('.k-pod.tone-running[aria-label^="Pod web-"]')).toHaveCount(6);
    const at30 = await picture(page, workers);

    // The kill step at 1m: a click on its mark.
    await page.getByRole('button', { name: /^Step at 00:01:00: sandbox kill node worker-2/ }).click();
    await expect(clock(page)).toHaveText('00:01:00');
    await expect(page.locator('.k-tl-note')).toContainText('worker-2');
    await page.screenshot({ path: `${SHOTS}/timeline.png` });
    await page.getByRole('button', { name: /^Step at 00:02:00/ }).click();
    await expect(clock(page)).toHaveText('00:02:00');
    await expect(nodeGroup(page, 'worker-2').locator('.k-badge')).toHaveText(/^NotReady/);

    // Back to 30 s by dragging the playhead: rebuilt from the start, the same picture.
    const box = (await slider(page).boundingBox())!;
    const max = Number(await slider(page).getAttribute('aria-valuemax'));
    const x30 = box.x + (30 / max) * box.width;
    await page.mouse.move(box.x + box.width * (100 / max), box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(x30, box.y + box.height / 2, { steps: 6 });
    await page.mouse.up();
    // A pixel is about a simulated second here: anywhere in 25–40 s the web pods stand as at 30 s.
    await expect.poll(() => simSeconds(page), { timeout: 20_000 }).toBeLessThanOrEqual(40);
    expect(await simSeconds(page)).toBeGreaterThanOrEqual(25);
    await expect.poll(() => picture(page, workers)).toEqual(at30);
    await expect(slider(page)).toHaveAttribute('aria-valuetext', await clock(page).innerText());
  });

  test('after going back, later actions wait as hollow marks; a new action drops them', async ({ page }) => {
    await page.goto('/?paused=1');
    await expect(nodeGroup(page, 'worker-2')).toBeVisible();
    const prompt = page.getByRole('textbox', { name: 'Command' });
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Step 10 seconds' }).click();
    await expect(clock(page)).toHaveText('00:00:40');
    await prompt.fill('kubectl cordon worker-3');
    await prompt.press('Enter');
    const done = page.getByRole('button', { name: /^Your action at 00:00:40: kubectl cordon worker-3/ });
    await expect(done).toBeAttached();
    await slider(page).focus();
    await page.keyboard.press('Home');
    await expect(clock(page)).toHaveText('00:00:00');
    const later = page.getByRole('button', { name: /^Your later action .* at 00:00:40: kubectl cordon worker-3/ });
    await expect(later).toBeAttached();
    if (!(await page.evaluate(() => document.documentElement.classList.contains('dark')))) await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.screenshot({ path: `${SHOTS}/timeline-dark.png` });
    // Coming forward replays it; acting before it instead drops it.
    await slider(page).focus();
    await page.keyboard.press('ArrowRight');
    await expect(clock(page)).toHaveText('00:00:10');
    await prompt.fill('kubectl get nodes');
    await prompt.press('Enter');
    await expect(page.getByRole('button', { name: /^Your action at 00:00:10: kubectl get nodes/ })).toBeAttached();
    await expect(later).toHaveCount(0);
  });
});

test.describe('timeline: long rewinds and restarts', () => {
  test('while dragging, the playhead shows the time under the pointer; the seek happens on release', async ({ page }) => {
    await page.goto('/?paused=1');
    await expect(nodeGroup(page, 'worker-2')).toBeVisible();
    for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Step 10 seconds' }).click();
    await expect(clock(page)).toHaveText('00:01:00');
    const box = (await slider(page).boundingBox())!;
    const max = Number(await slider(page).getAttribute('aria-valuemax'));
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * (60 / max), y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * (20 / max), y, { steps: 5 });
    const bubble = page.locator('.k-tl-bubble');
    await expect(bubble).toBeVisible();
    const shown = Number(await slider(page).getAttribute('aria-valuenow'));
    expect(shown).toBeGreaterThanOrEqual(15);
    expect(shown).toBeLessThanOrEqual(25);
    await expect(bubble).toHaveText(/^00:00:[12]\d$/);
    // No engine work until release: the clock stays.
    await expect(clock(page)).toHaveText('00:01:00');
    await page.screenshot({ path: `${SHOTS}/timeline-dragging.png` });
    await page.mouse.up();
    await expect.poll(() => simSeconds(page), { timeout: 20_000 }).toBeLessThanOrEqual(25);
  });

  test('an hour of a 20-node cluster: the link opens and a seek back rewinds with progress, the worker answering meanwhile', async ({ page }) => {
    test.setTimeout(120_000);
    const link = encodeLink({ scenario: benchScenario(), actions: benchActions(), timeMs: 3_600_000, view: EMPTY_VIEW });
    if (!link.ok) throw new Error(link.error);
    // The link itself opens in slices too (the page's watchdog hears progress meanwhile).
    await page.goto(`/#${link.fragment}`);
    await expect(clock(page)).toHaveText('01:00:00', { timeout: 60_000 });
    await expect(nodeGroup(page, 'worker-20')).toBeAttached();
    await page.getByRole('tab', { name: 'Console' }).click();
    // Parked engines make a 10 s seek back near instant: slow the worker's clock so the rewind
    // is still on its way when the command below arrives.
    const realClock = await slowWorkerClock(page);
    await slider(page).focus();
    await page.keyboard.press('ArrowLeft');
    const status = page.getByRole('status').filter({ hasText: /Rewinding… \d+%/ });
    await expect(status).toBeVisible({ timeout: 10_000 });
    await page.screenshot({ path: `${SHOTS}/timeline-rewinding.png` });
    // An action meanwhile is refused with the reason, not lost or applied at a moment nobody saw.
    const prompt = page.getByRole('textbox', { name: 'Command' });
    await prompt.fill('kubectl cordon worker-01');
    await prompt.press('Enter');
    await expect(page.getByText('The timeline is still rewinding', { exact: false }).first()).toBeVisible();
    await realClock();
    await expect(status).toHaveCount(0, { timeout: 60_000 });
    await expect(clock(page)).toHaveText('00:59:50');
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('Restart simulation after a crash reopens the latest moment, not the start', async ({ page }) => {
    await page.goto('/?paused=1');
    await expect(nodeGroup(page, 'worker-2')).toBeVisible();
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step 10 seconds' }).click();
    await expect(clock(page)).toHaveText('00:00:30');
    // The address bar follows within about two seconds of wall time.
    await page.waitForTimeout(2600);
    expect(page.url()).toContain('#v1.');
    const worker = page.workers()[0]!;
    await worker.evaluate(() => {
      setTimeout(() => {
        throw new Error('test crash');
      }, 0);
    });
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('test crash');
    await alert.getByRole('button', { name: 'Restart simulation' }).click();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(clock(page)).toHaveText('00:00:30');
    await expect(nodeGroup(page, 'worker-2')).toBeVisible();
  });
});
