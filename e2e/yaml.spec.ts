import type { Locator, Page } from '@playwright/test';
import { expect, nodeGroup, test } from './support/fixtures';

/**
 * The YAML editor: manifests applied like `kubectl apply -f -`, errors marked at their line
 * with nothing applied, the text kept across reloads; inspector Edit (like `kubectl edit`);
 * export of the user's objects.
 */

const prompt = (page: Page): Locator => page.getByRole('textbox', { name: 'Command' });
const output = (page: Page): Locator => page.getByRole('log', { name: 'Console output' });
const block = (page: Page, command: string): Locator => output(page).locator('.k-console-block', { has: page.locator('.k-console-cmd', { hasText: `$ ${command}` }) }).last();
const editor = (page: Page): Locator => page.getByRole('textbox', { name: 'YAML manifest' });
const result = (page: Page): Locator => page.getByRole('region', { name: 'Apply result' });
const markedLines = (page: Page): Locator => page.locator('.cm-line', { has: page.locator('.cm-lintRange-error') });

async function run(page: Page, line: string): Promise<Locator> {
  await prompt(page).fill(line);
  await prompt(page).press('Enter');
  return block(page, line);
}

async function openEditor(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Editor' }).click();
  await expect(editor(page)).toBeVisible();
}

/** Replaces the editor's text as a paste would. */
async function paste(page: Page, text: string): Promise<void> {
  await editor(page).click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
`;
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
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
/** Line 14 (` b: y`) breaks the indentation of the second document. */
const BROKEN = `${CONFIGMAP}---
apiVersion: v1
kind: ConfigMap
metadata:
  name: broken
data:
  a: x
 b: y
`;

test.describe('YAML editor', () => {
  test('an error is marked at its line and nothing is applied; the fixed text applies and survives a reload', async ({ page }) => {
    await page.goto('/?speed=10');
    await expect(nodeGroup(page, 'worker-1')).toBeVisible();
    await openEditor(page);
    // A starter template is there to begin with.
    await expect(editor(page)).toContainText('kind: Deployment');

    await paste(page, BROKEN);
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await expect(result(page)).toContainText('error: error parsing editor-1.yaml: error converting YAML to JSON: yaml: line 14, column 1:');
    await expect(result(page).getByRole('button', { name: 'document 2, line 14, column 1' })).toBeVisible();
    await expect(markedLines(page)).toHaveCount(1);
    await expect(markedLines(page)).toHaveText(' b: y');

    // Nothing was applied, not even the valid first document.
    await expect(await run(page, 'kubectl get configmap settings')).toContainText('Error from server (NotFound): configmaps "settings" not found');

    await openEditor(page);
    await paste(page, `${CONFIGMAP}---\n${DEPLOYMENT}`);
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await expect(result(page)).toContainText('configmap/settings created');
    await expect(result(page)).toContainText('deployment.apps/api created');
    await expect(markedLines(page)).toHaveCount(0);
    await page.getByRole('tab', { name: 'Console' }).click();
    await expect(block(page, 'kubectl apply -f editor-1.yaml')).toContainText('deployment.apps/api created');

    await page.reload();
    await openEditor(page);
    await expect(editor(page)).toContainText('name: settings');
    await expect(editor(page)).toContainText('image: nginx:1.27');
  });

  test('a Kubernetes-invalid field is marked where it is written', async ({ page }) => {
    await page.goto('/?speed=10');
    await openEditor(page);
    await paste(page, DEPLOYMENT.replace('replicas: 2', 'replicas: -1'));
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await expect(result(page)).toContainText('The Deployment "api" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    await expect(markedLines(page)).toHaveText('  replicas: -1');

    // A map key in the field path (`requests[cpu]`) marks the line of that key.
    await paste(page, `${DEPLOYMENT}          resources:\n            requests:\n              cpu: abc\n`);
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await expect(result(page)).toContainText('The Deployment "api" is invalid: spec.template.spec.containers[0].resources.requests[cpu]: Invalid value: "abc"');
    await expect(markedLines(page)).toHaveText('              cpu: abc');
  });

  test('inspector Edit saves like kubectl edit, and refuses a save over someone else’s change', async ({ page }) => {
    await page.goto('/?speed=10');
    await nodeGroup(page, 'worker-3').locator('.k-node-head').click();
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await inspector.getByRole('tab', { name: 'YAML' }).click();
    await inspector.getByRole('button', { name: 'Edit', exact: true }).click();
    await expect(page.getByRole('tab', { name: 'Editor' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('region', { name: 'Editor' })).toContainText('Editing Node worker-3');

    // Add a label under metadata.labels, as one would by typing.
    await page.locator('.cm-line', { hasText: /^ {2}labels:$/ }).first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.insertText('    team: blue');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(result(page)).toContainText('node/worker-3 edited');
    await expect(await run(page, 'kubectl get node worker-3 -o yaml')).toContainText('team: blue');

    // Someone else labels the node after the editor reopened it: a save on top is a conflict.
    await openEditor(page);
    await page.locator('.cm-line', { hasText: /^ {4}team: blue$/ }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.insertText('green');
    await run(page, 'kubectl label node worker-3 zone=a');
    await openEditor(page);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(result(page)).toContainText('Error from server (Conflict): Operation cannot be fulfilled on nodes "worker-3": the object has been modified; please apply your changes to the latest version and try again');
    // The typed change is never thrown away: opening another object waits until it is saved or closed.
    const other = await run(page, 'kubectl edit deploy/web');
    await expect(other.locator('.is-err')).toHaveText('error: the Editor tab holds unsaved changes to Node worker-3: Save or Close edit there first');
    // The inspector's Edit on another object says so too, and shows the pending edit.
    await nodeGroup(page, 'worker-1').locator('.k-node-head').click();
    await inspector.getByRole('tab', { name: 'YAML' }).click();
    await inspector.getByRole('button', { name: 'Edit', exact: true }).click();
    await expect(page.getByText('✗ Node worker-1 not opened: the Editor tab holds unsaved changes to Node worker-3. Save or Close edit first.')).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Editor' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('region', { name: 'Editor' })).toContainText('Editing Node worker-3');
    await expect(page.locator('.cm-line', { hasText: /^ {4}team: green$/ })).toHaveCount(1);
    await page.getByRole('button', { name: 'Close edit' }).click();
    await expect(page.getByRole('region', { name: 'Editor' })).not.toContainText('Editing');
  });

  test('kubectl edit typed in the console opens the object in the editor', async ({ page }) => {
    await page.goto('/?speed=10');
    await expect(nodeGroup(page, 'worker-1')).toBeVisible();
    await prompt(page).fill('kubectl edit deploy/web');
    await prompt(page).press('Enter');
    await expect(page.getByRole('tab', { name: 'Editor' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('region', { name: 'Editor' })).toContainText('Editing Deployment default/web');
    await page.locator('.cm-line', { hasText: /^ {2}replicas: 6$/ }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.insertText('2');
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(result(page)).toContainText('deployment.apps/web edited');
    await expect(await run(page, 'kubectl get deployment web')).toContainText(/web\s+\d\/2\s/);
    await expect(block(page, 'kubectl edit deploy/web')).toContainText('Editing deployment/web in the Editor tab');
    await expect(await run(page, 'kubectl edit deploy/nope')).toContainText('Error from server (NotFound): deployments.apps "nope" not found');
  });

  test('Download manifests exports the user objects without server fields', async ({ page }) => {
    await page.goto('/?speed=10');
    await expect(nodeGroup(page, 'worker-1')).toBeVisible();
    await run(page, 'kubectl create namespace team-a');
    await openEditor(page);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download manifests' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('kube-sandbox-manifests.yaml');
    let text = '';
    for await (const chunk of await file.createReadStream()) text += String(chunk);
    expect(text).toMatch(/^# \d+ objects exported from kube-sandbox\./);
    expect(text).toContain('kind: Namespace\nmetadata:\n  name: team-a');
    expect(text).toContain('kind: Deployment\nmetadata:\n  name: web');
    expect(text.indexOf('name: team-a')).toBeLessThan(text.indexOf('name: web'));
    expect(text).not.toMatch(/^\s*(status|uid|resourceVersion|creationTimestamp):/m);
    expect(text).not.toContain('kube-system');
  });
});
