import type { Locator, Page } from '@playwright/test';
import { expect, nodeGroup, test } from './support/fixtures';

/**
 * The sequence panel: what the engine did for an operation, stepped through, with the
 * canvas edge of each message lit at the same moment.
 */

const edgePath = (page: Page, id: string): Locator => page.locator(`.react-flow__edge[data-id="${id}"] .react-flow__edge-path`).first();
const strokeWidth = (l: Locator): Promise<number> => l.evaluate((el) => parseFloat(getComputedStyle(el).strokeWidth));
const current = (page: Page): Locator => page.locator('.k-seq-svg .messageText.k-seq-current');
const counter = (page: Page): Locator => page.getByLabel('Message number');

async function openPanel(page: Page): Promise<Locator> {
  await page.getByRole('tab', { name: 'Sequence' }).click();
  const panel = page.getByRole('region', { name: 'Sequence' });
  await expect(panel.locator('.k-seq-svg svg')).toBeVisible({ timeout: 30_000 });
  return panel;
}

/** The Command input of the console, when the page has one. */
async function commandInput(page: Page): Promise<Locator | null> {
  const input = page.getByRole('textbox', { name: 'Command' });
  return (await input.count()) > 0 ? input : null;
}

test.describe('sequence panel', () => {
  test('steps through kubectl apply with the canvas edge lit at each message', async ({ page }) => {
    await page.goto('/?speed=1');
    await expect(nodeGroup(page, 'worker-1')).toBeVisible();
    const panel = await openPanel(page);
    // It opens on the most recent operation that changed something: the scenario's apply.
    await expect(panel.getByRole('combobox', { name: 'Operation' }).locator('option:checked')).toHaveText(/kubectl apply -f web\.yaml/);
    // It has just happened, so it plays from the start; pause and go back to the first message.
    await panel.getByRole('button', { name: 'Pause' }).click();
    await panel.getByRole('region', { name: 'Diagram' }).focus();
    await page.keyboard.press('Home');
    await expect(counter(page)).toHaveText(/^1 \/ \d+$/);
    await expect(current(page)).toHaveText('GET /apis/apps/v1/namespaces/default/deployments/web');
    await expect(panel.locator('[aria-live="polite"]')).toHaveText('kubectl asks the API server for Deployment web (GET).');
    await expect.poll(() => strokeWidth(edgePath(page, 'e:kubectl~apiserver'))).toBeGreaterThan(3);

    // → three times: POST, then the API server writes etcd.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(counter(page)).toHaveText(/^4 \/ /);
    await expect(current(page)).toHaveText('txn put /registry/deployments/default/web');
    await expect(panel.locator('[aria-live="polite"]')).toContainText('stores the Deployment web in etcd');
    await expect.poll(() => strokeWidth(edgePath(page, 'e:apiserver~etcd'))).toBeGreaterThan(3);
    expect(await strokeWidth(edgePath(page, 'e:kubectl~apiserver'))).toBeLessThan(2);

    // A kubelet's report lights the API server ↔ node edge.
    await panel.locator('.k-seq-svg .messageText', { hasText: /^status Running/ }).first().click();
    const caption = (await panel.locator('[aria-live="polite"]').textContent()) ?? '';
    const node = /kubelet on (worker-\d)/.exec(caption)?.[1];
    expect(node, caption).toBeTruthy();
    await expect.poll(() => strokeWidth(edgePath(page, `e:apiserver~node/${node}`))).toBeGreaterThan(3);
    await expect(nodeGroup(page, node!)).toBeVisible();

    // Home, then Space plays: the highlight moves on by itself; pause stops it.
    await panel.getByRole('region', { name: 'Diagram' }).focus();
    await page.keyboard.press('Home');
    await expect(counter(page)).toHaveText(/^1 \/ /);
    await page.keyboard.press(' ');
    await expect(counter(page)).toHaveText(/^[3-9] \/ /, { timeout: 10_000 });
    await panel.getByRole('button', { name: 'Pause' }).click();
    const paused = await counter(page).textContent();
    await page.waitForTimeout(1500);
    await expect(counter(page)).toHaveText(paused ?? '');
  });

  test('folded messages expand, and the diagram exports as mermaid text and SVG', async ({ page }) => {
    await page.goto('/?speed=1');
    const panel = await openPanel(page);
    const total = Number(((await counter(page).textContent()) ?? '').split('/')[1]);
    await panel.locator('.k-seq-svg .messageText', { hasText: /^create 6 Pods$/ }).click();
    await expect(panel.locator('[aria-live="polite"]')).toHaveText('The ReplicaSet controller asks the API server to create 6 Pods.');
    await panel.getByRole('button', { name: 'Expand 6' }).click();
    await expect(current(page)).toHaveText(/^create Pod web-[a-z0-9]+-[a-z0-9]{5}$/);
    await expect(panel.getByRole('button', { name: 'Collapse' })).toBeVisible();
    await expect.poll(async () => Number(((await counter(page).textContent()) ?? '').split('/')[1])).toBeGreaterThan(total);

    const mmd = page.waitForEvent('download');
    await panel.getByRole('button', { name: 'Export .mmd' }).click();
    const text = await (await mmd).createReadStream().then(async (s) => {
      let out = '';
      for await (const chunk of s) out += String(chunk);
      return out;
    });
    expect((await mmd).suggestedFilename()).toBe('sequence-op1-kubectl-apply-f-web-yaml.mmd');
    expect(text.startsWith('sequenceDiagram\n')).toBe(true);
    expect(text).toContain('participant P0 as You (kubectl)');

    const svg = page.waitForEvent('download');
    await panel.getByRole('button', { name: 'Export SVG' }).click();
    expect((await svg).suggestedFilename()).toBe('sequence-op1-kubectl-apply-f-web-yaml.svg');
  });

  test('a node action becomes the newest operation and the panel follows it', async ({ page }) => {
    await page.goto('/?speed=1');
    await expect(nodeGroup(page, 'worker-3')).toBeVisible();
    const panel = await openPanel(page);
    await nodeGroup(page, 'worker-3').locator('.k-node-head').click();
    await page.getByRole('complementary', { name: 'Inspector' }).getByRole('button', { name: 'Kill node' }).click();
    await expect(panel.getByRole('combobox', { name: 'Operation' }).locator('option:checked')).toHaveText(/sandbox kill node worker-3/, { timeout: 15_000 });
    await expect(current(page)).toHaveText('power off worker-3');
    await expect(panel.locator('[aria-live="polite"]')).toContainText('power off worker-3');
  });

  test('kubectl apply of a 3-replica Deployment from the editor: ReplicaSet, Pods, binds, starts', async ({ page }) => {
    await page.goto('/?speed=1');
    await expect(nodeGroup(page, 'worker-1')).toBeVisible();
    const editorTab = page.getByRole('tab', { name: 'Editor' });
    test.skip((await editorTab.count()) === 0, 'the page has no manifest editor yet');
    await editorTab.click();
    const editor = page.getByRole('region', { name: 'Editor' });
    const starter = editor.getByRole('button', { name: 'Starter template' });
    if (await starter.isEnabled()) await starter.click();
    await expect(editor.getByRole('textbox', { name: 'YAML manifest' })).toContainText('replicas: 3');
    await editor.getByRole('button', { name: 'Apply' }).click();
    await expect(editor.getByRole('region', { name: 'Apply result' })).toContainText('deployment.apps/hello created');
    const panel = await openPanel(page);
    const picker = panel.getByRole('combobox', { name: 'Operation' });
    await expect(picker.locator('option:checked')).toHaveText(/kubectl apply -f editor-\d+\.yaml/, { timeout: 15_000 });
    await picker.selectOption({ label: (await picker.locator('option:checked').textContent()) ?? '' });
    const texts = panel.locator('.k-seq-svg .messageText');
    await expect(texts.filter({ hasText: /^create ReplicaSet hello-[a-z0-9]+$/ })).toHaveCount(1, { timeout: 15_000 });
    await expect(texts.filter({ hasText: 'create 3 Pods' })).toHaveCount(1);
    await expect(texts.filter({ hasText: /^bind 3 pods → / })).toHaveCount(1, { timeout: 15_000 });
    await expect(texts.filter({ hasText: /^start container hello/ }).first()).toBeVisible({ timeout: 15_000 });
    // Step to the binding: the scheduler ↔ API server edge lights.
    await texts.filter({ hasText: /^bind 3 pods → / }).click();
    await expect.poll(() => strokeWidth(edgePath(page, 'e:scheduler~apiserver'))).toBeGreaterThan(3);
  });

  test('a command just typed: the panel opens on it and plays it', async ({ page }) => {
    // At 1× the scenario's next step (a node dies at 1:00) cannot become the newest operation mid-test.
    await page.goto('/?speed=1');
    await expect(nodeGroup(page, 'worker-1')).toBeVisible();
    const input = await commandInput(page);
    test.skip(input === null, 'the page has no console (Command input) yet');
    await input!.fill('kubectl create deployment three --image=nginx:1.27 --replicas=3');
    await input!.press('Enter');
    await expect(page.getByText('deployment.apps/three created')).toBeVisible();
    const panel = await openPanel(page);
    await expect(panel.getByRole('combobox', { name: 'Operation' }).locator('option:checked')).toHaveText(/kubectl create deployment three/, { timeout: 15_000 });
    await expect(panel.locator('.k-seq-svg .messageText', { hasText: 'create 3 Pods' })).toBeVisible({ timeout: 15_000 });
    await expect(panel.locator('.k-seq-svg .messageText', { hasText: /^bind 3 pods → / })).toBeVisible();
    // It plays by itself: the highlight moves on without a key press.
    await expect(counter(page)).toHaveText(/^([3-9]|\d\d) \/ /, { timeout: 15_000 });
    await expect(panel.getByRole('button', { name: 'Pause' })).toBeVisible();
  });

  test('with reduced motion nothing plays by itself', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('/?speed=1');
    await expect(nodeGroup(page, 'worker-1')).toBeVisible();
    const panel = await openPanel(page);
    await expect(panel.getByRole('combobox', { name: 'Operation' }).locator('option:checked')).toHaveText(/kubectl apply -f web\.yaml/);
    await page.waitForTimeout(2500);
    await expect(counter(page)).toHaveText(/^1 \/ /);
    await expect(panel.getByRole('button', { name: 'Play' })).toBeVisible();
  });

  test('helm install of the OpenTelemetry chart shows the five phases', async ({ page }) => {
    await page.goto('/?speed=1');
    await expect(nodeGroup(page, 'worker-1')).toBeVisible();
    const input = await commandInput(page);
    test.skip(input === null, 'the page has no console (Command input) yet');
    await input!.fill('helm install otel splunk-otel-collector-chart/splunk-otel-collector --set clusterName=demo --set splunkObservability.realm=us1 --set splunkObservability.accessToken=not-a-token -n splunk-monitoring --create-namespace');
    await input!.press('Enter');
    const panel = await openPanel(page);
    const picker = panel.getByRole('combobox', { name: 'Operation' });
    await expect(picker.locator('option:checked')).toHaveText(/helm install otel/, { timeout: 15_000 });
    // Keep it chosen whatever the scenario does next.
    await picker.selectOption({ label: (await picker.locator('option:checked').textContent()) ?? '' });
    for (const phase of ['1 · You run helm', '2 · Helm reads the values', '3 · The API server validates and stores', '4 · The scheduler places the pods', '5 · Kubelets pull images']) {
      await expect(panel.locator('.k-seq-svg .noteText', { hasText: phase })).toBeVisible({ timeout: 30_000 });
    }
  });
});
