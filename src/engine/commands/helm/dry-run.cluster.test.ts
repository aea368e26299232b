import { describe, expect, it } from 'vitest';
import { boot, HOOKED_CHART, helmRequests, outcome, releaseSecrets, run } from './test-support';

/** `helm install --dry-run` and the order hooks are printed in (release order: by kind, not weight). */

const names = (text: string): string[] => text.match(/^ {2}name: .*$/gm)?.map((l) => l.trim().slice('name: '.length)) ?? [];

describe('helm install --dry-run', () => {
  it('prints the release it would make, hooks and manifest included, and sends and stores nothing', () => {
    const c = boot(HOOKED_CHART);
    const p = run(c, 'helm install h ./hooked --dry-run --create-namespace -n shop --wait');
    const text = outcome(p);
    expect(text.exit).toBe(0);
    const lines = text.text.split('\n');
    expect(lines.slice(0, 8)).toEqual(['NAME: h', 'LAST DEPLOYED: Thu Jan  1 09:00:11 2026', 'NAMESPACE: shop', 'STATUS: pending-install', 'REVISION: 1', 'TEST SUITE: None', 'HOOKS:', '---']);
    expect(text.text).toContain('\nMANIFEST:\n---\n# Source: hooked/templates/configmap.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: h-config\ndata:\n  greeting: hello\n\nNOTES:\nHooked h is at revision 1.');
    // Hooks as the release holds them: by kind, then template order (weights only order their runs).
    expect(names(text.text.slice(0, text.text.indexOf('MANIFEST:')))).toEqual(['h-pre-config', 'h-migrate', 'h-seed', 'h-notify']);
    expect(helmRequests(c, p).filter((l) => !l.startsWith('GET '))).toEqual([]);
    expect(releaseSecrets(c, 'shop')).toEqual({});
    expect(run(c, 'kubectl get ns shop').text()).toBe('Error from server (NotFound): namespaces "shop" not found');
  });

  it('ignores a name in use (nothing would be stored), still refuses an invalid one and render errors', () => {
    const c = boot();
    run(c, 'helm install web sandbox/webapp', 1000);
    expect(run(c, 'helm install web sandbox/webapp --dry-run --set replicaCount=3').text()).toMatch(/^NAME: web\n[\s\S]*\nSTATUS: pending-install\n[\s\S]*\n {2}replicas: 3\n/);
    expect(run(c, 'helm history web').text().split('\n')).toHaveLength(2);
    expect(outcome(run(c, 'helm install Web sandbox/webapp --dry-run')).text).toMatch(/^Error: INSTALLATION FAILED: release name "Web": invalid release name/);
    expect(outcome(run(c, 'helm install otel splunk-otel-collector-chart/splunk-otel-collector --dry-run')).text).toMatch(/^Error: INSTALLATION FAILED: execution error at \(splunk-otel-collector\/templates\/.*is required$/);
  });
});

describe('hooks in the release', () => {
  it('helm template and helm get hooks print them by kind, in template order', () => {
    const c = boot(HOOKED_CHART);
    expect(names(run(c, 'helm template h ./hooked').text())).toEqual(['h-config', 'h-pre-config', 'h-migrate', 'h-seed', 'h-notify']);
    run(c, 'helm install h ./hooked', 60_000);
    expect(names(run(c, 'helm get hooks h').text())).toEqual(['h-pre-config', 'h-migrate', 'h-seed', 'h-notify']);
  });
});
