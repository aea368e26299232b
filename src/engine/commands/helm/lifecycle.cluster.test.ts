import { describe, expect, it } from 'vitest';
import type { ConfigMap, Deployment } from '../../api/types';
import { boot, HOOKED_CHART, helmPhases, helmRequests, outcome, releaseSecrets, run } from './test-support';

const sec = (rev: number, status: string) => [`sh.helm.release.v1.web.v${rev}`, `helm.sh/release.v1 name=web status=${status} version=${rev}`];

describe('helm upgrade / rollback: revisions and statuses', () => {
  it.each([
    ['install', ['helm install web sandbox/webapp'], [sec(1, 'deployed')]],
    ['install, upgrade', ['helm install web sandbox/webapp', 'helm upgrade web sandbox/webapp --set replicaCount=2'], [sec(1, 'superseded'), sec(2, 'deployed')]],
    ['install, upgrade, rollback', ['helm install web sandbox/webapp', 'helm upgrade web sandbox/webapp --set replicaCount=2', 'helm rollback web'], [sec(1, 'superseded'), sec(2, 'superseded'), sec(3, 'deployed')]],
    ['upgrade --install of a new release', ['helm upgrade --install web sandbox/webapp'], [sec(1, 'deployed')]],
    ['a failed upgrade, then another', ['helm install web sandbox/webapp', 'helm upgrade web sandbox/webapp --set service.port=0', 'helm upgrade web sandbox/webapp --set replicaCount=3'], [sec(1, 'superseded'), sec(2, 'failed'), sec(3, 'deployed')]],
    ['uninstall --keep-history', ['helm install web sandbox/webapp', 'helm upgrade web sandbox/webapp', 'helm uninstall web --keep-history'], [sec(1, 'superseded'), sec(2, 'uninstalled')]],
    ['uninstall', ['helm install web sandbox/webapp', 'helm upgrade web sandbox/webapp', 'helm uninstall web'], []],
    ['upgrade --install after uninstall --keep-history', ['helm install web sandbox/webapp', 'helm uninstall web --keep-history', 'helm upgrade -i web sandbox/webapp'], [sec(1, 'superseded'), sec(2, 'deployed')]],
  ])('%s', (_name, lines, secrets) => {
    const c = boot();
    for (const line of lines) {
      run(c, line);
      c.advance(1000);
    }
    expect(releaseSecrets(c)).toEqual(Object.fromEntries(secrets));
  });

  it('prints what Helm prints and keeps the history table', () => {
    const c = boot();
    run(c, 'helm install web sandbox/webapp', 15_000);
    const up = run(c, 'helm upgrade web sandbox/webapp --set replicaCount=3', 15_000);
    expect(up.text().split('\n').slice(0, 6)).toEqual(['Release "web" has been upgraded. Happy Helming!', 'NAME: web', 'LAST DEPLOYED: Thu Jan  1 09:00:26 2026', 'NAMESPACE: default', 'STATUS: deployed', 'REVISION: 2']);
    expect(outcome(run(c, 'helm rollback web 1', 15_000))).toEqual({ exit: 0, text: 'Rollback was a success! Happy Helming!' });
    expect(run(c, 'helm history web').text()).toBe([
      'REVISION\tUPDATED                 \tSTATUS    \tCHART       \tAPP VERSION\tDESCRIPTION     ',
      '1       \tThu Jan  1 09:00:11 2026\tsuperseded\twebapp-0.1.0\t1.27.0     \tInstall complete',
      '2       \tThu Jan  1 09:00:26 2026\tsuperseded\twebapp-0.1.0\t1.27.0     \tUpgrade complete',
      '3       \tThu Jan  1 09:00:41 2026\tdeployed  \twebapp-0.1.0\t1.27.0     \tRollback to 1   ',
    ].join('\n'));
    expect(c.api.peek<Deployment>('deployments', 'default', 'web-webapp')?.spec.replicas).toBe(1);
    expect(outcome(run(c, 'helm uninstall web'))).toEqual({ exit: 0, text: 'release "web" uninstalled' });
    expect(c.api.peek('deployments', 'default', 'web-webapp')).toBeUndefined();
  });

  it('marks the phases of an upgrade, a rollback and an uninstall under each operation\'s id', () => {
    const c = boot();
    run(c, 'helm install web sandbox/webapp --wait', 60_000);
    const up = run(c, 'helm upgrade web sandbox/webapp --set replicaCount=2 --wait', 60_000);
    expect(helmPhases(c, up)).toEqual([
      '[command] helm upgrade web sandbox/webapp --set replicaCount=2 --wait',
      '[render] load chart webapp-0.1.0',
      '[render] merge values (0 files, 1 --set)',
      '[render] render 5 templates: 2 manifests, 0 hooks, sorted by kind',
      '[apply] release web revision 2: pending-upgrade',
      '[apply] patch Deployment web-webapp',
      '[apply] update 2 resources: 0 created, 1 patched, 1 unchanged, 0 deleted',
      '[wait] beginning wait for 2 resources with timeout of 5m0s',
      expect.stringMatching(/^\[wait\] Deployment is not ready: default\/web-webapp/),
      '[wait] all 2 resources ready',
      '[command] release web revision 2: deployed',
    ]);
    const back = run(c, 'helm rollback web 1 --wait', 60_000);
    expect(helmPhases(c, back)).toEqual([
      '[command] helm rollback web 1 --wait',
      '[command] rolling back web (current: v2, target: v1)',
      '[apply] release web revision 3: pending-rollback',
      '[apply] patch Deployment web-webapp',
      '[apply] update 2 resources: 0 created, 1 patched, 1 unchanged, 0 deleted',
      '[wait] beginning wait for 2 resources with timeout of 5m0s',
      '[wait] Deployment is not ready: default/web-webapp',
      '[wait] all 2 resources ready',
      '[command] release web revision 3: deployed',
    ]);
    // The pods the rollback changes are part of its story: the controller's deletes reach the kubelets.
    expect(c.log.since(0).some((r) => r.opId === back.opId && r.kind === 'request' && r.from === 'kcm/replicaset-controller')).toBe(true);
    const gone = run(c, 'helm uninstall web', 30_000);
    expect(helmPhases(c, gone)).toEqual(['[command] helm uninstall web', '[apply] delete 2 resources in uninstall order', '[command] release web uninstalled']);
  });

  it('upgrade keeps the old values when none are given, --reuse-values merges, --reset-values drops them', () => {
    const c = boot();
    run(c, 'helm install web sandbox/webapp --set replicaCount=2 --set image.tag=1.25');
    run(c, 'helm upgrade web sandbox/webapp');
    expect(run(c, 'helm get values web').text()).toBe('USER-SUPPLIED VALUES:\nimage:\n  tag: "1.25"\nreplicaCount: 2');
    run(c, 'helm upgrade web sandbox/webapp --reuse-values --set replicaCount=4');
    expect(run(c, 'helm get values web').text()).toBe('USER-SUPPLIED VALUES:\nimage:\n  tag: "1.25"\nreplicaCount: 4');
    expect(c.api.peek<Deployment>('deployments', 'default', 'web-webapp')?.spec.replicas).toBe(4);
    run(c, 'helm upgrade web sandbox/webapp --set service.port=8080');
    expect(run(c, 'helm get values web').text()).toBe('USER-SUPPLIED VALUES:\nservice:\n  port: 8080');
    run(c, 'helm upgrade web sandbox/webapp --reset-values');
    expect(run(c, 'helm get values web').text()).toBe('USER-SUPPLIED VALUES:\nnull');
    expect(c.api.peek<Deployment>('deployments', 'default', 'web-webapp')?.spec.replicas).toBe(1);
  });

  it('upgrade creates new objects, patches changed ones, leaves the unchanged alone and deletes the dropped ones', () => {
    const c = boot();
    run(c, 'helm install web sandbox/webapp --set ingress.enabled=true');
    const p = run(c, 'helm upgrade web sandbox/webapp --set autoscaling.enabled=true --set replicaCount=2');
    const writes = helmRequests(c, p).filter((l) => !l.startsWith('GET'));
    expect(writes).toEqual([
      'POST /api/v1/namespaces/default/secrets',
      'PATCH /apis/apps/v1/namespaces/default/deployments/web-webapp',
      'POST /apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers',
      'DELETE /apis/networking.k8s.io/v1/namespaces/default/ingresses/web-webapp',
      'PUT /api/v1/namespaces/default/secrets/sh.helm.release.v1.web.v1',
      'PUT /api/v1/namespaces/default/secrets/sh.helm.release.v1.web.v2',
    ]);
    expect(c.api.peek('ingresses', 'default', 'web-webapp')).toBeUndefined();
  });

  it('--history-max prunes the oldest revisions but never the deployed one', () => {
    const c = boot();
    run(c, 'helm install web sandbox/webapp');
    for (let i = 2; i <= 6; i++) run(c, `helm upgrade web sandbox/webapp --history-max 3 --set replicaCount=${i}`);
    expect(Object.keys(releaseSecrets(c))).toEqual(['sh.helm.release.v1.web.v4', 'sh.helm.release.v1.web.v5', 'sh.helm.release.v1.web.v6']);
    expect(run(c, 'helm history web').text().split('\n').map((l) => l.split('\t')[0]!.trim())).toEqual(['REVISION', '4', '5', '6']);
  });

  it('uninstall deletes in UninstallOrder (the Service before the Deployment) and keeps what the resource policy protects', () => {
    const c = boot(HOOKED_CHART);
    run(c, 'helm install h ./hooked --set keepConfig=true', 60_000);
    run(c, 'helm install web sandbox/webapp --set ingress.enabled=true', 1000);
    const w = run(c, 'helm uninstall web');
    expect(helmRequests(c, w, 'DELETE')).toEqual([
      'DELETE /apis/networking.k8s.io/v1/namespaces/default/ingresses/web-webapp',
      'DELETE /api/v1/namespaces/default/services/web-webapp',
      'DELETE /apis/apps/v1/namespaces/default/deployments/web-webapp',
      'DELETE /api/v1/namespaces/default/secrets/sh.helm.release.v1.web.v1',
    ]);
    expect(outcome(run(c, 'helm uninstall h'))).toEqual({ exit: 0, text: 'These resources were kept due to the resource policy:\n[ConfigMap] h-config\n\nrelease "h" uninstalled' });
    expect(c.api.peek<ConfigMap>('configmaps', 'default', 'h-config')?.data).toEqual({ greeting: 'hello' });
  });
});

describe('helm upgrade / rollback / uninstall: errors', () => {
  it.each([
    ['upgrade of an unknown release', 'helm upgrade nope sandbox/webapp', 'Error: UPGRADE FAILED: "nope" has no deployed releases'],
    ['upgrade with one argument', 'helm upgrade web', 'Error: "helm upgrade" requires 2 arguments\n\nUsage:  helm upgrade [RELEASE] [CHART] [flags]'],
    ['upgrade to an unknown chart', 'helm upgrade web sandbox/nope', 'Error: chart "nope" not found in sandbox index. (try \'helm repo update\'): no chart name found'],
    ['upgrade --install with an unknown chart', 'helm upgrade -i other sandbox/nope', 'Release "other" does not exist. Installing it now.\nError: chart "nope" not found in sandbox index. (try \'helm repo update\'): no chart name found'],
    ['rollback to a revision that does not exist', 'helm rollback web 7', 'Error: release has no 7 version'],
    ['rollback of revision 1', 'helm rollback web', 'Error: release has no 0 version'],
    ['rollback of an unknown release', 'helm rollback nope', 'Error: release: not found'],
    ['rollback to a non-number', 'helm rollback web two', 'Error: could not convert revision to a number: strconv.Atoi: parsing "two": invalid syntax'],
    ['uninstall of an unknown release', 'helm uninstall nope', 'Error: uninstall: Release not loaded: nope: release: not found'],
    ['uninstall with no name', 'helm uninstall', 'Error: "helm uninstall" requires at least 1 argument\n\nUsage:  helm uninstall RELEASE_NAME [...] [flags]'],
  ])('%s', (_name, line, text) => {
    const c = boot();
    run(c, 'helm install web sandbox/webapp');
    expect(outcome(run(c, line))).toEqual({ exit: 1, text });
  });

  it('refuses to upgrade while another operation is in progress', () => {
    const c = boot();
    run(c, 'helm install web sandbox/webapp --set nodeSelector.disk=ssd --wait');
    expect(run(c, 'helm upgrade web sandbox/webapp').text()).toBe('Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress');
    expect(run(c, 'helm list --pending').text().split('\n')[1]).toMatch(/^web \tdefault {2}\t1 {7}\t.*\tpending-install\twebapp-0\.1\.0\t1\.27\.0 {5}$/);
  });

  it('uninstall --keep-history twice, then a purge', () => {
    const c = boot();
    run(c, 'helm install web sandbox/webapp');
    run(c, 'helm uninstall web --keep-history');
    expect(run(c, 'helm uninstall web --keep-history').text()).toBe('Error: the release named "web" is already deleted');
    expect(run(c, 'helm status web').text().split('\n')[3]).toBe('STATUS: uninstalled');
    expect(outcome(run(c, 'helm uninstall web'))).toEqual({ exit: 0, text: 'release "web" uninstalled' });
    expect(releaseSecrets(c)).toEqual({});
  });
});
