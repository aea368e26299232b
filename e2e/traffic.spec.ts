import type { Locator, Page } from '@playwright/test';
import { expect, nodeGroup, setSpeed, simSeconds, test } from './support/fixtures';

/**
 * Issue 7 on the page: application traffic drawn from the engine's flow buckets. In the
 * Splunk OpenTelemetry scenario every application node sends spans to the agent on its own
 * node and the agents export to the backend; killing a node stops its flows; the traces
 * panel shows a waterfall across three services. In k3s, /api reaches the backend and the
 * frontend's calls to the database are denied by the NetworkPolicy.
 */

/** Traffic edges on the canvas (React Flow edges carry their accessible name). */
const trafficEdges = (page: Page): Locator => page.locator('.react-flow__edge[aria-label^="Requests "], .react-flow__edge[aria-label^="Spans "], .react-flow__edge[aria-label^="Exports "], .react-flow__edge[aria-label^="Denied "]');

async function edgeLabels(page: Page): Promise<string[]> {
  return trafficEdges(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
}

/** `…, 12.5/s` → 12.5 (the first rate in the name). */
function rateOf(label: string): number {
  const m = /, (\d+(?:\.\d+)?)\/s/.exec(label);
  return m ? Number(m[1]) : 0;
}

/** Worker nodes that run CXTM application pods, read from the canvas. */
async function applicationNodes(page: Page): Promise<string[]> {
  return page.locator('.react-flow__node-worker').evaluateAll((els) =>
    els.filter((el) => el.querySelector('[data-pod-name^="cxtm-"]')).map((el) => (el.getAttribute('data-id') ?? '').replace(/^node\//, '')),
  );
}

test.describe('traffic and traces', () => {
  test('splunk-otel-helm: spans to each node’s agent, exports to the backend, a killed node goes quiet', async ({ page }) => {
    test.setTimeout(240_000);
    await page.goto('/?scenario=splunk-otel-helm&speed=max');
    await expect(nodeGroup(page, 'worker-01')).toBeVisible({ timeout: 30_000 });
    // The helm step runs at 1m; by 2m30s every agent runs and spans are exported.
    await expect.poll(() => simSeconds(page), { timeout: 90_000 }).toBeGreaterThan(150);
    await expect(page.getByRole('group', { name: 'Observability backend Splunk Observability Cloud' })).toBeVisible();

    const apps = await applicationNodes(page);
    expect(apps.length).toBeGreaterThanOrEqual(3);
    await expect.poll(async () => {
      const labels = await edgeLabels(page);
      return apps.filter((n) => labels.some((l) => l.startsWith(`Spans node ${n}: `) && l.includes(' → agent') && rateOf(l) > 0 && !l.includes('failed')));
    }, { timeout: 30_000 }).toEqual(apps);
    const exports = (await edgeLabels(page)).filter((l) => l.startsWith('Exports ') && l.includes('→ Splunk Observability Cloud'));
    expect(exports.length).toBeGreaterThan(0);
    expect(exports.every((l) => rateOf(l) > 0)).toBe(true);
    await page.screenshot({ path: test.info().outputPath('helm-flows.png') });

    // The legend: one switch per kind; hiding spans removes their edges.
    const spans = page.getByRole('checkbox', { name: 'Show spans' });
    await spans.uncheck();
    await expect.poll(async () => (await edgeLabels(page)).filter((l) => l.startsWith('Spans ')).length).toBe(0);
    await spans.check();
    await expect(page.getByRole('checkbox', { name: 'Show requests' })).toBeChecked();
    await expect(page.getByLabel('Dropped spans per second')).toBeVisible();

    // Kill an application node: its flows stop.
    const victim = apps[0]!;
    await page.getByRole('textbox', { name: 'Command' }).fill(`sandbox kill node ${victim}`);
    await page.getByRole('textbox', { name: 'Command' }).press('Enter');
    await expect.poll(async () => (await edgeLabels(page)).filter((l) => l.startsWith(`Spans node ${victim}:`) || l.startsWith(`Exports node ${victim} `) || l.startsWith(`Requests node ${victim} →`)), { timeout: 30_000 }).toEqual([]);
    // The other application nodes keep sending.
    const labels = await edgeLabels(page);
    expect(apps.slice(1).some((n) => labels.some((l) => l.startsWith(`Spans node ${n}: `)))).toBe(true);

    // The traces panel: a waterfall across at least three services; a span lights its pod.
    await page.getByRole('tab', { name: 'Traces' }).click();
    const waterfall = page.getByRole('region', { name: 'Trace waterfall' });
    await expect.poll(async () => new Set(await waterfall.locator('.k-wf-svc').allTextContents()).size, { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
    // Pick a three-service trace in the list: the waterfall then stays on it.
    await page.getByRole('list', { name: 'Recent traces' }).getByRole('button', { name: /, 3 services/ }).first().click();
    await expect.poll(async () => new Set(await waterfall.locator('.k-wf-svc').allTextContents()).size).toBeGreaterThanOrEqual(3);
    const span = waterfall.getByRole('button', { name: /^Span cxtm-scheduler .*, pod cxtm-scheduler-/ }).first();
    await expect(span).toBeVisible();
    const pod = /pod (\S+) on/.exec((await span.getAttribute('aria-label')) ?? '')?.[1] ?? '';
    await span.click();
    await expect(page.locator(`.k-pod[data-pod-name="${pod}"]`)).toHaveCSS('outline-style', 'solid');
    await page.screenshot({ path: test.info().outputPath('traces-waterfall.png') });
  });

  test('traffic-node-failure: the one collector’s node dies; requests shift, spans drop until its replacement runs', async ({ page }) => {
    test.setTimeout(240_000);
    const dropRate = async (): Promise<number> => Number.parseFloat((await page.getByLabel('Dropped spans per second').textContent()) ?? '0');
    const labels = (): Promise<string[]> => edgeLabels(page);
    // Stepped with the clock stopped up to 50 s, before the scenario's kill at 1m.
    await page.goto('/?scenario=traffic-node-failure&paused=1');
    await expect(nodeGroup(page, 'worker-2')).toBeVisible({ timeout: 30_000 });
    const step = page.getByRole('button', { name: 'Step 10 seconds' });
    for (let i = 1; i <= 5; i++) {
      await step.click();
      await expect.poll(() => simSeconds(page)).toBeGreaterThanOrEqual(i * 10);
    }
    // The apps on worker-1 and worker-3 send their spans across to the collector on worker-2; none is dropped.
    await expect.poll(async () => (await labels()).filter((l) => /^Spans node worker-[13] → node worker-2: .*→ otel-collector/.test(l) && rateOf(l) > 0 && !l.includes('failed')).length, { timeout: 30_000 }).toBe(2);
    expect(await dropRate()).toBe(0);
    expect(await simSeconds(page)).toBeLessThan(60);
    await page.screenshot({ path: test.info().outputPath('collector-before.png') });
    // 60× rather than Max: the legend's rates then cover a few seconds, not a whole jump.
    await setSpeed(page, '60×');

    // The scenario kills worker-2 at 1m; NotReady comes ~45 s later. From then on: nothing from or to worker-2,
    // requests only to worker-1 and worker-3, and every node's spans dropped at the sender.
    await expect.poll(() => simSeconds(page), { timeout: 90_000 }).toBeGreaterThan(150);
    await expect.poll(async () => {
      const now = await labels();
      return {
        worker2: now.filter((l) => l.includes('node worker-2')).length,
        requests: now.filter((l) => l.startsWith('Requests Users → node worker-') && rateOf(l) > 0 && !l.includes('failed')).map((l) => /node (worker-\d)/.exec(l)?.[1]).sort(),
        unreachable: now.filter((l) => l.startsWith('Spans ') && l.includes('collector unreachable')).length,
      };
    }, { timeout: 30_000 }).toEqual({ worker2: 0, requests: ['worker-1', 'worker-3'], unreachable: 4 });
    expect(await dropRate()).toBeGreaterThan(1);
    await page.screenshot({ path: test.info().outputPath('collector-down.png') });
    // The waterfall shows what happened, including what the backend never got.
    await page.getByRole('tab', { name: 'Traces' }).click();
    await expect(page.getByRole('region', { name: 'Trace waterfall' }).getByRole('button', { name: /^Span storefront .*, dropped before the backend$/ }).first()).toBeVisible({ timeout: 30_000 });
    // Still dropping a few minutes on: the replacement waits for the 300 s eviction.
    await expect.poll(() => simSeconds(page), { timeout: 90_000 }).toBeGreaterThan(330);
    expect(await dropRate()).toBeGreaterThan(1);

    // After the eviction the replacement runs on worker-1 or worker-3: spans flow again, nothing dropped.
    await expect.poll(async () => (await labels()).filter((l) => l.startsWith('Spans ') && l.includes('→ otel-collector') && rateOf(l) > 0 && !l.includes('failed')).length, { timeout: 120_000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(dropRate, { timeout: 30_000 }).toBe(0);
    await page.screenshot({ path: test.info().outputPath('collector-replaced.png') });
  });

  test('k3s-single-node: /api reaches the backend, frontend → database is denied', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('/?scenario=k3s-single-node&speed=max');
    await expect(page.getByRole('group', { name: 'Users', exact: true })).toBeVisible({ timeout: 60_000 });
    await expect.poll(async () => (await edgeLabels(page)).filter((l) => l.startsWith('Requests node server: ') && l.includes('nginx-ingress-controller → backend') && rateOf(l) > 0).length, { timeout: 60_000 }).toBe(1);
    await expect.poll(async () => (await edgeLabels(page)).filter((l) => /^Denied node server: frontend → postgres, .*denied by taskmaster\/postgres-allow-backend/.test(l)).length, { timeout: 60_000 }).toBe(1);
    expect((await edgeLabels(page)).some((l) => l.startsWith('Requests Users → node server: ') && l.includes('browser-api → nginx-ingress-controller'))).toBe(true);
    await page.screenshot({ path: test.info().outputPath('k3s-denied.png') });

    // Reduced motion: no moving particles; the rate is written on the edge instead.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await expect(page.locator('canvas.k-tf-particles')).toBeHidden();
    await expect(page.locator('.k-tf-rate').first()).toBeVisible();
  });
});
