import { describe, expect, it } from 'vitest';
import type { Job } from '../../api/types';
import { boot, HOOKED_CHART, helmPhases, helmRequests, outcome, releaseSecrets, run } from './test-support';

const sec = (name: string, rev: number, status: string) => [`sh.helm.release.v1.${name}.v${rev}`, `helm.sh/release.v1 name=${name} status=${status} version=${rev}`];

describe('helm --wait', () => {
  it('keeps the command running, polling every 2 s, until the workload is ready', () => {
    const c = boot();
    const p = run(c, 'helm install web sandbox/webapp --set replicaCount=2 --wait');
    expect(p.exitCode).toBeUndefined();
    expect(releaseSecrets(c)).toEqual(Object.fromEntries([sec('web', 1, 'pending-install')]));
    c.advance(60_000);
    expect(p.exitCode).toBe(0);
    expect(p.text().split('\n').slice(3, 5)).toEqual(['STATUS: deployed', 'REVISION: 1']);
    // The first GET is the ownership check before the creates; the polls follow.
    const [check, ...polls] = c.log.since(0).filter((r) => r.opId === p.opId && r.from === 'user/helm' && r.label === 'GET /apis/apps/v1/namespaces/default/deployments/web-webapp');
    expect(polls[0]!.tMs).toBe(check!.tMs);
    expect(polls.length).toBeGreaterThan(2);
    const gaps = polls.slice(1).map((r, i) => r.tMs - polls[i]!.tMs);
    expect(new Set(gaps)).toEqual(new Set([2000]));
    expect(releaseSecrets(c)).toEqual(Object.fromEntries([sec('web', 1, 'deployed')]));
  });

  it.each([
    ['install --wait', 'helm install web sandbox/webapp --set nodeSelector.disk=ssd --wait --timeout 30s', 'Error: INSTALLATION FAILED: context deadline exceeded', [sec('web', 1, 'failed')], 'Release "web" failed: context deadline exceeded'],
    ['install --atomic', 'helm install web sandbox/webapp --set nodeSelector.disk=ssd --atomic --timeout 30s', 'Error: INSTALLATION FAILED: release web failed, and has been uninstalled due to atomic being set: context deadline exceeded', [], undefined],
  ])('%s times out after --timeout', (_name, line, error, secrets, description) => {
    const c = boot();
    const p = run(c, line, 29_000);
    expect(p.exitCode).toBeUndefined();
    c.advance(2000);
    expect(outcome(p)).toEqual({ exit: 1, text: error });
    expect(releaseSecrets(c)).toEqual(Object.fromEntries(secrets));
    if (description) expect(run(c, 'helm status web --show-desc').text()).toContain(`DESCRIPTION: ${description}`);
    else expect(c.api.peek('deployments', 'default', 'web-webapp')).toBeUndefined();
  });

  it('upgrade --atomic rolls back to the last good revision', () => {
    const c = boot();
    run(c, 'helm install web sandbox/webapp', 30_000);
    const p = run(c, 'helm upgrade web sandbox/webapp --set nodeSelector.disk=ssd --atomic --timeout 20s', 60_000);
    expect(outcome(p)).toEqual({ exit: 1, text: 'Error: UPGRADE FAILED: release web failed, and has been rolled back due to atomic being set: context deadline exceeded' });
    expect(releaseSecrets(c)).toEqual(Object.fromEntries([sec('web', 1, 'superseded'), sec('web', 2, 'failed'), sec('web', 3, 'deployed')]));
    expect(run(c, 'helm history web').text().split('\n').map((l) => l.split('\t').at(-1)!.trim())).toEqual(['DESCRIPTION', 'Install complete', 'Upgrade "web" failed: context deadline exceeded', 'Rollback to 1']);
  });

  it('Ctrl-C while waiting records the release as failed (context canceled)', () => {
    const c = boot();
    const p = run(c, 'helm install web sandbox/webapp --set nodeSelector.disk=ssd --wait', 5000);
    p.interrupt();
    const at = c.now;
    expect(p.exitCode).toBe(130);
    expect(releaseSecrets(c)).toEqual(Object.fromEntries([sec('web', 1, 'failed')]));
    c.advance(600_000);
    expect(c.log.since(0).filter((r) => r.opId === p.opId && r.from === 'user/helm' && r.tMs > at)).toEqual([]);
    expect(helmRequests(c, p).filter((l) => l === 'GET /apis/apps/v1/namespaces/default/deployments/web-webapp')).toHaveLength(4);
  });

  it('Ctrl-C during an upgrade --wait fails the new revision and leaves the old one deployed', () => {
    const c = boot();
    run(c, 'helm install web sandbox/webapp', 30_000);
    run(c, 'helm upgrade web sandbox/webapp --set nodeSelector.disk=ssd --wait', 3000).interrupt();
    expect(releaseSecrets(c)).toEqual(Object.fromEntries([sec('web', 1, 'deployed'), sec('web', 2, 'failed')]));
    expect(run(c, 'helm status web --revision 2 --show-desc').text()).toContain('DESCRIPTION: Upgrade "web" failed: context canceled');
    expect(run(c, 'helm upgrade web sandbox/webapp --set replicaCount=2').exitCode).toBe(0);
  });
});

describe('helm hooks', () => {
  it('runs pre-install hooks by weight, each Job watched until complete, before the release objects', () => {
    const c = boot(HOOKED_CHART);
    const p = run(c, 'helm install h ./hooked');
    expect(p.exitCode).toBeUndefined();
    c.advance(120_000);
    expect(p.exitCode).toBe(0);
    const creates = helmRequests(c, p, 'POST').map((l) => l.slice('POST '.length));
    expect(creates).toEqual([
      '/api/v1/namespaces/default/secrets',
      '/api/v1/namespaces/default/configmaps',
      '/apis/batch/v1/namespaces/default/jobs',
      '/apis/batch/v1/namespaces/default/jobs',
      '/api/v1/namespaces/default/configmaps',
      '/apis/batch/v1/namespaces/default/jobs',
    ]);
    const hookPhases = helmPhases(c, p).filter((l) => l.includes(' hook '));
    expect(hookPhases).toEqual([
      '[apply] pre-install hook ConfigMap/h-pre-config (weight -1)', '[apply] pre-install hook h-pre-config succeeded',
      '[apply] pre-install hook Job/h-seed (weight 0)', '[apply] pre-install hook h-seed succeeded',
      '[apply] pre-install hook Job/h-migrate (weight 5)', '[apply] pre-install hook h-migrate succeeded',
      '[apply] post-install hook Job/h-notify (weight 0)', '[apply] post-install hook h-notify succeeded',
    ]);
    // The next hook starts only when the Job before it has completed.
    const jobs = Object.fromEntries(c.objects<Job>('jobs').map((j) => [j.metadata.name, j]));
    expect(Object.keys(jobs).sort()).toEqual(['h-migrate', 'h-notify']);
    const seedDone = c.log.since(0).find((r) => r.opId === p.opId && r.label === 'pre-install hook h-seed succeeded')!.tMs;
    const migrateStart = c.log.since(0).find((r) => r.opId === p.opId && r.label === 'pre-install hook Job/h-migrate (weight 5)')!.tMs;
    expect(migrateStart).toBe(seedDone);
    expect(migrateStart).toBeGreaterThan(c.log.since(0).find((r) => r.opId === p.opId && r.label === 'pre-install hook Job/h-seed (weight 0)')!.tMs + 5000);
    expect(run(c, 'kubectl get job h-migrate -o jsonpath={.status.succeeded}').text()).toBe('1');
  });

  it('a failing post-install hook fails the release', () => {
    const c = boot(HOOKED_CHART);
    const p = run(c, 'helm install h ./hooked --set failNotify=true', 120_000);
    expect(p.lines.map((l) => l.text)).toEqual(['Error: INSTALLATION FAILED: failed post-install: 1 error occurred:', '\t* job h-notify failed: BackoffLimitExceeded', '', '']);
    expect(run(c, 'helm status h --show-desc').text().split('\n').slice(3, 6)).toEqual(['STATUS: failed', 'REVISION: 1', 'DESCRIPTION: Release "h" failed: failed post-install: 1 error occurred:']);
  });

  it('pre-upgrade hooks re-create their Job (before-hook-creation)', () => {
    const c = boot(HOOKED_CHART);
    run(c, 'helm install h ./hooked', 120_000);
    const before = c.api.peek<Job>('jobs', 'default', 'h-migrate')?.metadata.uid;
    const p = run(c, 'helm upgrade h ./hooked', 120_000);
    expect(p.exitCode).toBe(0);
    expect(helmRequests(c, p).filter((l) => l.includes('/jobs')).filter((l) => !l.startsWith('GET') && !l.startsWith('WATCH'))).toEqual([
      'DELETE /apis/batch/v1/namespaces/default/jobs/h-migrate',
      'POST /apis/batch/v1/namespaces/default/jobs',
    ]);
    expect(c.api.peek<Job>('jobs', 'default', 'h-migrate')?.metadata.uid).not.toBe(before);
    expect(run(c, 'helm install x ./hooked --no-hooks').exitCode).toBe(0);
    expect(c.api.peek('jobs', 'default', 'x-migrate')).toBeUndefined();
  });
});
