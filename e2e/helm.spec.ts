import type { Locator, Page } from '@playwright/test';
import { expect, nodeGroup, simSeconds, test } from './support/fixtures';

/**
 * Issue 5's Helm acceptance, from the console as a user types it: the OpenTelemetry
 * collector chart installs an agent on every node and the operator on one; an upgrade with
 * a changed value rolls the agents; a rollback brings the first revision back.
 */

const prompt = (page: Page): Locator => page.getByRole('textbox', { name: 'Command' });
const output = (page: Page): Locator => page.getByRole('log', { name: 'Console output' });
const block = (page: Page, command: string): Locator => output(page).locator('.k-console-block', { has: page.locator('.k-console-cmd', { hasText: `$ ${command}` }) }).last();

async function run(page: Page, line: string): Promise<Locator> {
  await prompt(page).fill(line);
  await prompt(page).press('Enter');
  return block(page, line);
}

/** Runs a one-shot command and returns its printed output once it has finished. */
async function textOf(page: Page, line: string): Promise<string> {
  const out = (await run(page, line)).locator('pre');
  await expect(out).toHaveText(/\S/);
  return ((await out.textContent()) ?? '').trim();
}

const CHART = 'splunk-otel-collector-chart/splunk-otel-collector';
const AGENT = 'otel-splunk-otel-collector-agent';
const NODES = ['control-plane', 'worker-1', 'worker-2', 'worker-3'];

/** NAME → NODE from `kubectl get pods -o wide` output. */
function podsByNode(text: string, prefix: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols[0]?.startsWith(prefix) && cols[2] === 'Running') out.set(cols[0], cols[6] ?? '');
  }
  return out;
}

test.describe('helm from the console', () => {
  test('install the OpenTelemetry chart, upgrade it, roll it back', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto('/?speed=60');
    await expect(nodeGroup(page, 'worker-1')).toBeVisible();
    // The default scenario powers worker-2 off at 1m: power it back on, so every node is up.
    await expect.poll(() => simSeconds(page), { timeout: 20_000 }).toBeGreaterThan(61);
    await expect(await run(page, 'sandbox restore node worker-2')).toContainText('node/worker-2 powered on');
    await expect(await run(page, 'kubectl get node worker-2')).toContainText(/worker-2\s+Ready\s/);

    const repo = await run(page, `helm repo add splunk-otel-collector-chart https://signalfx.github.io/splunk-otel-collector-chart`);
    await expect(repo).toContainText('"splunk-otel-collector-chart" already exists with the same configuration, skipping');

    const install = await run(page, `helm install otel ${CHART} --set clusterName=sandbox --set splunkObservability.realm=us0 --set splunkObservability.accessToken=fake-token-123 --set operator.enabled=true --wait`);
    // --wait streams: nothing is printed until every workload is ready, then the release.
    await expect(install).toContainText('running · Ctrl-C stops it');
    await expect(install).toContainText('STATUS: deployed', { timeout: 60_000 });
    await expect(install).toContainText('REVISION: 1');
    await expect(install).not.toContainText('running · Ctrl-C stops it');

    // An agent on every node, the operator on one.
    const pods = await run(page, 'kubectl get pods -o wide');
    await expect(pods).toContainText(AGENT);
    const text = (await pods.locator('pre').textContent()) ?? '';
    expect([...podsByNode(text, `${AGENT}-`).values()].sort()).toEqual(NODES);
    expect([...podsByNode(text, 'otel-operator-').keys()]).toHaveLength(1);
    for (const node of ['worker-1', 'worker-2', 'worker-3']) {
      await expect(nodeGroup(page, node).getByRole('button', { name: new RegExp(`^Pod ${AGENT}-`) })).toHaveCount(1);
    }
    await expect(await run(page, `kubectl get ds ${AGENT}`)).toContainText(new RegExp(`${AGENT}\\s+4\\s+4\\s+4\\s+4\\s+4`));
    // The operator runs once in the whole cluster, drawn on one worker.
    let operators = 0;
    for (const node of ['worker-1', 'worker-2', 'worker-3']) operators += await nodeGroup(page, node).getByRole('button', { name: /^Pod otel-operator-/ }).count();
    expect(operators).toBe(1);
    const checksum = `kubectl get ds ${AGENT} -o jsonpath={.spec.template.metadata.annotations.checksum/config}`;
    const firstConfig = await textOf(page, checksum);
    expect(firstConfig).toMatch(/^[0-9a-f]{64}$/);

    // Upgrade with a changed value: the agents roll, one node at a time.
    const upgrade = await run(page, `helm upgrade otel ${CHART} --reuse-values --set clusterName=sandbox-2 --wait`);
    const rollout = await run(page, `kubectl rollout status daemonset/${AGENT}`);
    await expect(rollout).toContainText(/Waiting for daemon set "otel-splunk-otel-collector-agent" rollout to finish: \d of 4 updated pods are available\.\.\./, { timeout: 60_000 });
    await expect(rollout).toContainText(`daemon set "${AGENT}" successfully rolled out`, { timeout: 60_000 });
    await expect(upgrade).toContainText('Release "otel" has been upgraded. Happy Helming!', { timeout: 60_000 });
    await expect(upgrade).toContainText('REVISION: 2');
    await expect(await run(page, 'helm get values otel')).toContainText('clusterName: sandbox-2');
    await expect(await run(page, `kubectl rollout history ds/${AGENT}`)).toContainText(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);
    const secondConfig = await textOf(page, checksum);
    expect(secondConfig).not.toBe(firstConfig);

    // Roll back to revision 1.
    const rollback = await run(page, 'helm rollback otel 1 --wait');
    const rollbackRollout = await run(page, `kubectl rollout status daemonset/${AGENT}`);
    await expect(rollbackRollout).toContainText(/Waiting for daemon set "otel-splunk-otel-collector-agent" rollout to finish: \d of 4 updated pods are available\.\.\./, { timeout: 60_000 });
    await expect(rollbackRollout).toContainText(`daemon set "${AGENT}" successfully rolled out`, { timeout: 60_000 });
    await expect(rollback).toContainText('Rollback was a success! Happy Helming!', { timeout: 60_000 });
    // The agents carry the first configuration again: its ControllerRevision is reused as revision 3.
    expect(await textOf(page, checksum)).toBe(firstConfig);
    await expect(await run(page, `kubectl rollout history ds/${AGENT}`)).toContainText(/REVISION\s+CHANGE-CAUSE\n2\s+<none>\n3\s+<none>/);
    const history = await run(page, 'helm history otel');
    await expect(history).toContainText(/^1\s+.+\s+superseded\s+splunk-otel-collector-[\d.]+\s+[\d.]+\s+Install complete\s*$/m);
    await expect(history).toContainText(/^2\s+.+\s+superseded\s+.+Upgrade complete\s*$/m);
    await expect(history).toContainText(/^3\s+.+\s+deployed\s+.+Rollback to 1\s*$/m);
    const values = await run(page, 'helm get values otel');
    await expect(values).toContainText('clusterName: sandbox');
    await expect(values).not.toContainText('sandbox-2');
  });
});
