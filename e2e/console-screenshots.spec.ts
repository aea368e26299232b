import { expect, nodeGroup, test } from './support/fixtures';

/**
 * Screenshots for review of the console, the YAML editor with a marked error (light and
 * dark) and an inspector edit, at 1280×800 and 1920×1080. Written to SCREENSHOT_DIR
 * (default test-results/screenshots).
 */
const DIR = process.env.SCREENSHOT_DIR ?? 'test-results/screenshots';

const INVALID = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: -1
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: api
          image: nginx:1.27
`;

for (const vp of [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
]) {
  test(`console and editor screenshots at ${vp.width}×${vp.height}`, async ({ page }) => {
    await page.setViewportSize(vp);
    await page.goto('/?speed=10');
    await expect(nodeGroup(page, 'worker-1')).toBeVisible();
    const input = page.getByRole('textbox', { name: 'Command' });
    for (const line of ['kubectl get nodes', 'kubectl get deployment nope', 'helm install demo sandbox/webapp', 'kubectl get pods -w']) {
      await input.fill(line);
      await input.press('Enter');
    }
    await expect(page.getByRole('log', { name: 'Console output' })).toContainText('demo-webapp-');
    await input.fill('kubectl describe nodes w');
    await input.press('Tab');
    await expect(page.getByRole('status', { name: 'Completions' })).toBeVisible();
    await page.screenshot({ path: `${DIR}/console-${vp.width}.png` });
    await input.press('Control+c');
    // Helm's tab-separated tables (uitable) line up on 8-column tab stops, as in a terminal.
    for (const line of ['helm list', 'helm history demo', 'helm status demo']) {
      await input.fill(line);
      await input.press('Enter');
    }
    await expect(page.getByRole('log', { name: 'Console output' })).toContainText('TEST SUITE: None');
    await page.screenshot({ path: `${DIR}/console-helm-${vp.width}.png` });

    await page.getByRole('tab', { name: 'Editor' }).click();
    const editor = page.getByRole('textbox', { name: 'YAML manifest' });
    await editor.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText(INVALID);
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await expect(page.locator('.cm-lintRange-error')).toHaveCount(1);
    await page.screenshot({ path: `${DIR}/editor-error-${vp.width}.png` });
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.screenshot({ path: `${DIR}/editor-error-dark-${vp.width}.png` });
    await page.getByRole('button', { name: 'Light theme' }).click();

    await nodeGroup(page, 'worker-3').locator('.k-node-head').click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await inspector.getByRole('tab', { name: 'YAML' }).click();
    await inspector.getByRole('button', { name: 'Edit', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Editor' })).toContainText('Editing Node worker-3');
    await page.screenshot({ path: `${DIR}/edit-${vp.width}.png` });
  });
}
