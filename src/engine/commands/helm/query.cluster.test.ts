import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../cluster/cluster';
import { boot, OTEL, OTEL_REQUIRED, outcome, run } from './test-support';

/** web (default, 2 revisions), api (shop), broken (default, failed), old (default, uninstalled with history). */
function populated(): Cluster {
  const c = boot();
  run(c, 'helm install web sandbox/webapp', 1250);
  run(c, 'helm upgrade web sandbox/webapp --set replicaCount=2', 1000);
  run(c, 'helm install api sandbox/webapp -n shop --create-namespace', 1000);
  run(c, 'helm install broken sandbox/webapp --set service.port=0', 1000);
  run(c, 'helm install old sandbox/webapp --set fullnameOverride=old', 1000);
  run(c, 'helm uninstall old --keep-history', 1000);
  return c;
}

const HEADER = 'NAME  \tNAMESPACE\tREVISION\tUPDATED                         \tSTATUS  \tCHART       \tAPP VERSION';

describe('helm list', () => {
  const c = populated();
  it.each([
    ['default: deployed and failed in the namespace, by name', 'helm list', [
      HEADER,
      'broken\tdefault  \t1       \t2026-01-01 09:00:14.25 +0000 UTC\tfailed  \twebapp-0.1.0\t1.27.0     ',
      'web   \tdefault  \t2       \t2026-01-01 09:00:12.25 +0000 UTC\tdeployed\twebapp-0.1.0\t1.27.0     ',
    ]],
    ['-A', 'helm list -A', [
      HEADER,
      'api   \tshop     \t1       \t2026-01-01 09:00:13.25 +0000 UTC\tdeployed\twebapp-0.1.0\t1.27.0     ',
      'broken\tdefault  \t1       \t2026-01-01 09:00:14.25 +0000 UTC\tfailed  \twebapp-0.1.0\t1.27.0     ',
      'web   \tdefault  \t2       \t2026-01-01 09:00:12.25 +0000 UTC\tdeployed\twebapp-0.1.0\t1.27.0     ',
    ]],
    ['--all', 'helm list --all -q', ['broken', 'old', 'web']],
    ['--uninstalled', 'helm list --uninstalled -q', ['old']],
    ['--failed in shop: only the header', 'helm list --failed -n shop', ['NAME\tNAMESPACE\tREVISION\tUPDATED\tSTATUS\tCHART\tAPP VERSION']],
    ['--date -r', 'helm list -A -d -r -q', ['broken', 'api', 'web']],
    ['--filter', 'helm list -A --filter ^b -q', ['broken']],
    ['-m 1', 'helm list -A -m 1 -q', ['api']],
    ['--no-headers: columns as wide as the rows alone', 'helm list -n shop --no-headers', ['api\tshop\t1\t2026-01-01 09:00:13.25 +0000 UTC\tdeployed\twebapp-0.1.0\t1.27.0']],
  ])('%s', (_name, line, lines) => {
    expect(outcome(run(c, line))).toEqual({ exit: 0, text: lines.join('\n') });
  });

  it.each([
    ['an argument', 'helm list web', 'Error: "helm list" accepts no arguments\n\nUsage:  helm list [flags]'],
    ['a filter that is not a regexp', "helm list --filter '(a'", 'Error: error parsing regexp: invalid regular expression: `(a`'],
    ['a filter that could backtrack for ever', "helm list --filter '(a+)+$'", 'Error: error parsing regexp: the sandbox allows at most 3 repetition operators and none on a group: `(a+)+$`'],
    ['a filter with too many repetitions', "helm list --filter '.*.*.*.*x'", 'Error: error parsing regexp: the sandbox allows at most 3 repetition operators and none on a group: `.*.*.*.*x`'],
  ])('rejects %s', (_name, line, text) => {
    expect(outcome(run(c, line))).toEqual({ exit: 1, text });
  });
});

describe('helm status / history / get', () => {
  const c = populated();
  it.each([
    ['status of an earlier revision, with its description', 'helm status web --revision 1 --show-desc', [
      'NAME: web', 'LAST DEPLOYED: Thu Jan  1 09:00:11 2026', 'NAMESPACE: default', 'STATUS: superseded', 'REVISION: 1', 'DESCRIPTION: Install complete', 'TEST SUITE: None', 'NOTES:',
      'Reach the application:', '  kubectl --namespace default port-forward svc/web-webapp 8080:80', '  then open http://127.0.0.1:8080',
    ]],
    ['history --max 1', 'helm history web --max 1', [
      'REVISION\tUPDATED                 \tSTATUS  \tCHART       \tAPP VERSION\tDESCRIPTION     ',
      '2       \tThu Jan  1 09:00:12 2026\tdeployed\twebapp-0.1.0\t1.27.0     \tUpgrade complete',
    ]],
    ['history of an uninstalled release', 'helm history old', [
      'REVISION\tUPDATED                 \tSTATUS     \tCHART       \tAPP VERSION\tDESCRIPTION            ',
      '1       \tThu Jan  1 09:00:15 2026\tuninstalled\twebapp-0.1.0\t1.27.0     \tUninstallation complete',
    ]],
    ['get values', 'helm get values web', ['USER-SUPPLIED VALUES:', 'replicaCount: 2']],
    ['get values of revision 1', 'helm get values web --revision 1', ['USER-SUPPLIED VALUES:', 'null']],
    ['get notes', 'helm get notes api -n shop', ['NOTES:', 'Reach the application:', '  kubectl --namespace shop port-forward svc/api-webapp 8080:80', '  then open http://127.0.0.1:8080', '']],
  ])('%s', (_name, line, lines) => {
    expect(outcome(run(c, line))).toEqual({ exit: 0, text: lines.join('\n') });
  });

  it('get values --all shows the computed values, user values over chart defaults', () => {
    const text = run(c, 'helm get values web -a').text();
    expect(text.split('\n').slice(0, 3)).toEqual(['COMPUTED VALUES:', 'affinity: {}', 'autoscaling:']);
    expect(text).toContain('\nreplicaCount: 2\n');
    expect(text).toContain('\nservice:\n  port: 80\n  type: ClusterIP\n');
  });

  it('get manifest prints the stored manifest, one Source per document', () => {
    const text = run(c, 'helm get manifest web').text();
    expect(text.match(/^# Source: .*$/gm)).toEqual(['# Source: webapp/templates/service.yaml', '# Source: webapp/templates/deployment.yaml']);
    expect(text).toMatch(/^---\n# Source: webapp\/templates\/service.yaml\napiVersion: v1\nkind: Service\n/);
    expect(text).toContain('  replicas: 2\n');
    expect(text.endsWith('\n')).toBe(true);
  });

  it.each([
    ['status of an unknown release', 'helm status nope', 'Error: release: not found'],
    ['status without a name', 'helm status', 'Error: "helm status" requires 1 argument\n\nUsage:  helm status RELEASE_NAME [flags]'],
    ['history of an unknown release', 'helm history nope', 'Error: release: not found'],
    ['get values of a missing revision', 'helm get values web --revision 9', 'Error: release: not found'],
  ])('%s', (_name, line, text) => {
    expect(outcome(run(c, line))).toEqual({ exit: 1, text });
  });
});

describe('helm template / repo / search / show / version / help', () => {
  it('template renders without touching the cluster', () => {
    const c = boot();
    const p = run(c, `helm template otel ${OTEL} ${OTEL_REQUIRED} -n obs`);
    expect(p.exitCode).toBe(0);
    expect(p.text().match(/^kind: .*$/gm)).toEqual(['kind: ServiceAccount', 'kind: Secret', 'kind: ConfigMap', 'kind: ConfigMap', 'kind: ClusterRole', 'kind: ClusterRoleBinding', 'kind: Service', 'kind: DaemonSet', 'kind: Deployment']);
    expect(c.log.since(0).filter((r) => r.opId === p.opId && r.kind === 'request')).toEqual([]);
    expect(run(c, 'helm template sandbox/webapp').text()).toContain('  name: release-name-webapp\n');
    expect(outcome(run(c, `helm template otel ${OTEL}`)).text).toMatch(/^Error: execution error at \(splunk-otel-collector\/templates\/.*\n\nUse --debug flag to render out invalid YAML$/);
  });

  it('repositories: add, list, remove, and charts resolved through them', () => {
    const c = boot();
    expect(outcome(run(c, 'helm repo add sandbox https://charts.example.com/sandbox'))).toEqual({ exit: 0, text: '"sandbox" already exists with the same configuration, skipping' });
    expect(outcome(run(c, 'helm repo remove sandbox'))).toEqual({ exit: 0, text: '"sandbox" has been removed from your repositories' });
    expect(run(c, 'helm install web sandbox/webapp').text()).toBe('Error: INSTALLATION FAILED: repo sandbox not found');
    expect(outcome(run(c, 'helm repo add apps https://charts.example.com/sandbox'))).toEqual({ exit: 0, text: '"apps" has been added to your repositories' });
    expect(run(c, 'helm repo list').text()).toBe([
      'NAME                       \tURL                                                   ',
      'splunk-otel-collector-chart\thttps://signalfx.github.io/splunk-otel-collector-chart',
      'apps                       \thttps://charts.example.com/sandbox                    ',
    ].join('\n'));
    expect(run(c, 'helm install web apps/webapp').exitCode).toBe(0);
    expect(run(c, 'helm search repo web').text()).toBe([
      'NAME       \tCHART VERSION\tAPP VERSION\tDESCRIPTION                                       ',
      'apps/webapp\t0.1.0        \t1.27.0     \tA generic web application - Deployment, Service...',
    ].join('\n'));
    expect(outcome(run(c, 'helm repo add x https://nope.example.com'))).toEqual({ exit: 1, text: 'Error: looks like "https://nope.example.com" is not a valid chart repository or cannot be reached: failed to fetch https://nope.example.com/index.yaml : 404 Not Found' });
  });

  it('show values and show chart', () => {
    const c = boot();
    expect(run(c, 'helm show values sandbox/webapp').text().split('\n').slice(0, 3)).toEqual(['# Default values for webapp.', '', 'replicaCount: 1']);
    expect(run(c, 'helm show chart sandbox/webapp --version 0.1.0').text().split('\n').slice(-3)).toEqual(['type: application', 'version: 0.1.0', '']);
    expect(run(c, 'helm show chart sandbox/webapp --version 9.9.9').text()).toBe('Error: chart "webapp" matching 9.9.9 not found in sandbox index. (try \'helm repo update\'): no chart version found for webapp-9.9.9');
  });

  it.each([
    ['version', 'helm version --short', 0, 'v3.19.0'],
    ['unknown command', 'helm isntall web', 1, 'Error: unknown command "isntall" for "helm"\n\nDid you mean this?\n\tinstall\n\nRun \'helm --help\' for usage.'],
    ['group without a sub-command', 'helm repo', 0, /^This command consists of multiple subcommands to interact with chart repositories\.\n[\s\S]*\nAvailable Commands:\n {2}add {9}add a chart repository\n/],
    ['help of a sub-command', 'helm help get values', 0, /^This command downloads a values file for a given release\.\n\nUsage:\n {2}helm get values RELEASE_NAME \[flags\]\n\nFlags:\n {2}-a, --all {12}dump all \(computed\) values\n {2}-h, --help {11}help for values\n {6}--revision int {3}get the named release with revision\n/],
    ['help flag', 'helm uninstall -h', 0, /\nAliases:\n {2}uninstall, del, delete, un\n/],
    ['alias', 'helm ls -q', 0, ''],
  ])('%s', (_name, line, exit, expected) => {
    const p = run(boot(), line);
    expect(p.exitCode).toBe(exit);
    if (typeof expected === 'string') expect(p.text()).toBe(expected);
    else expect(p.text()).toMatch(expected);
  });
});
