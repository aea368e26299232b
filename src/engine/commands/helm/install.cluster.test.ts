import { describe, expect, it } from 'vitest';
import type { Deployment, KubeObject, Namespace } from '../../api/types';
import { boot, helmPhases, helmRequests, OTEL, OTEL_REQUIRED, outcome, releaseSecrets, run } from './test-support';

const API = '/api/v1/namespaces';
const APPS = '/apis/apps/v1/namespaces';
const RBAC = '/apis/rbac.authorization.k8s.io/v1';

describe('helm install: what is sent, in which order', () => {
  it.each([
    ['webapp defaults', 'helm install web sandbox/webapp', [
      `${API}/default/secrets`, `${API}/default/services`, `${APPS}/default/deployments`,
    ]],
    ['webapp with ingress and autoscaling', 'helm install web sandbox/webapp --set ingress.enabled=true --set autoscaling.enabled=true', [
      `${API}/default/secrets`, `${API}/default/services`, `${APPS}/default/deployments`,
      '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers', '/apis/networking.k8s.io/v1/namespaces/default/ingresses',
    ]],
    ['otel collector, defaults', `helm install otel ${OTEL} ${OTEL_REQUIRED} -n obs --create-namespace`, [
      '/api/v1/namespaces', `${API}/obs/secrets`, `${API}/obs/serviceaccounts`, `${API}/obs/secrets`, `${API}/obs/configmaps`, `${API}/obs/configmaps`,
      `${RBAC}/clusterroles`, `${RBAC}/clusterrolebindings`, `${API}/obs/services`, `${APPS}/obs/daemonsets`, `${APPS}/obs/deployments`,
    ]],
    ['otel collector, operator on, cluster receiver off', `helm install otel ${OTEL} ${OTEL_REQUIRED} --set operator.enabled=true --set clusterReceiver.enabled=false -n obs --create-namespace`, [
      '/api/v1/namespaces', `${API}/obs/secrets`, `${API}/obs/serviceaccounts`, `${API}/obs/secrets`, `${API}/obs/configmaps`,
      `${RBAC}/clusterroles`, `${RBAC}/clusterrolebindings`, `${API}/obs/services`, `${APPS}/obs/daemonsets`, `${APPS}/obs/deployments`,
    ]],
  ])('%s: the release Secret first, then every object by InstallOrder', (_name, line, posts) => {
    const c = boot();
    const p = run(c, line);
    expect(p.exitCode).toBe(0);
    expect(helmRequests(c, p, 'POST').map((l) => l.slice('POST '.length))).toEqual(posts);
  });

  it('marks every phase of the operation in the interaction log, under its id', () => {
    const c = boot({ 'otel.yaml': 'clusterName: demo\nsplunkObservability:\n  realm: us1\n  accessToken: tok\n' });
    const p = run(c, `helm install otel ${OTEL} -f otel.yaml --set operator.enabled=true -n obs --create-namespace --wait`, 120_000);
    expect(p.exitCode).toBe(0);
    const phases = helmPhases(c, p);
    expect(phases.slice(0, 5)).toEqual([
      `[command] helm install otel ${OTEL} -f otel.yaml --set operator.enabled=true -n obs --create-namespace --wait`,
      '[render] load chart splunk-otel-collector-0.158.0',
      '[render] merge values (1 file, 1 --set)',
      '[render] render 11 templates: 10 manifests, 0 hooks, sorted by kind',
      '[apply] create namespace obs',
    ]);
    expect(phases).toContain('[apply] create 2 Deployment objects: otel-splunk-otel-collector-k8s-cluster-receiver, otel-operator');
    expect(phases.at(-2)).toBe('[wait] all 10 resources ready');
    const records = c.log.since(0).filter((r) => r.opId === p.opId);
    // Every request of the operation's own client is helm's; the rest of the story comes from the components it set off.
    expect(records.filter((r) => r.kind === 'request' && r.from.startsWith('user/')).every((r) => r.from === 'user/helm')).toBe(true);
    // The nine phases of issue 5 under the one operation id: load, merge, render (above), send
    // manifests, the API server stores them, controllers create pods, the scheduler places them,
    // kubelets pull and start them, helm waits.
    const has = (kind: string, from: RegExp, label = /./) => records.some((r) => r.kind === kind && from.test(r.from) && label.test(r.label));
    expect(has('request', /^user\/helm$/, /^POST \/apis\/apps\/v1\/namespaces\/obs\/daemonsets$/)).toBe(true);
    expect(has('etcd', /^apiserver$/, /daemonsets\/obs\/otel-splunk-otel-collector-agent/)).toBe(true);
    expect(has('request', /^kcm\/daemonset-controller$/, /^POST .*\/obs\/pods$/)).toBe(true);
    expect(has('request', /^kcm\/replicaset-controller$/, /^POST .*\/obs\/pods$/)).toBe(true);
    expect(has('schedule', /^scheduler$/)).toBe(true);
    expect(has('request', /^scheduler$/, /\/binding$/)).toBe(true);
    expect(has('kubelet', /^kubelet\//)).toBe(true);
    expect(has('runtime', /^kubelet\//)).toBe(true);
    expect(phases.filter((l) => l.startsWith('[wait]'))).toEqual(['[wait] beginning wait for 10 resources with timeout of 5m0s', expect.stringMatching(/ is not ready: obs\//), '[wait] all 10 resources ready']);
  });
});

describe('helm install: release storage and output', () => {
  it('prints the status block and stores revision 1 as a labelled helm.sh/release.v1 Secret', () => {
    const c = boot();
    const p = run(c, 'helm install web sandbox/webapp --set replicaCount=2');
    expect(outcome(p)).toEqual({
      exit: 0,
      text: `NAME: web
LAST DEPLOYED: Thu Jan  1 09:00:11 2026
NAMESPACE: default
STATUS: deployed
REVISION: 1
TEST SUITE: None
NOTES:
Reach the application:
  kubectl --namespace default port-forward svc/web-webapp 8080:80
  then open http://127.0.0.1:8080`,
    });
    expect(releaseSecrets(c)).toEqual({ 'sh.helm.release.v1.web.v1': 'helm.sh/release.v1 name=web status=deployed version=1' });
    const deploy = c.api.peek<KubeObject>('deployments', 'default', 'web-webapp');
    expect(deploy?.metadata.labels?.['app.kubernetes.io/managed-by']).toBe('Helm');
    expect(deploy?.metadata.annotations).toMatchObject({ 'meta.helm.sh/release-name': 'web', 'meta.helm.sh/release-namespace': 'default' });
  });

  it('--create-namespace labels the namespace with its name; without it a missing namespace fails', () => {
    const c = boot();
    expect(outcome(run(c, 'helm install web sandbox/webapp -n shop'))).toEqual({ exit: 1, text: 'Error: INSTALLATION FAILED: create: failed to create: namespaces "shop" not found' });
    expect(run(c, 'helm install web sandbox/webapp -n shop --create-namespace').exitCode).toBe(0);
    expect(c.api.peek<Namespace>('namespaces', undefined, 'shop')?.metadata.labels).toEqual({ name: 'shop', 'kubernetes.io/metadata.name': 'shop' });
    expect(releaseSecrets(c, 'shop')).toEqual({ 'sh.helm.release.v1.web.v1': 'helm.sh/release.v1 name=web status=deployed version=1' });
  });

  it('--set-string keeps a value a string where --set would type it', () => {
    const c = boot();
    expect(run(c, 'helm install a sandbox/webapp --set podAnnotations.enabled=true').exitCode).toBe(1);
    expect(run(c, 'helm install b sandbox/webapp --set-string podAnnotations.enabled=true,podAnnotations.build=007').exitCode).toBe(0);
    expect(c.api.peek<Deployment>('deployments', 'default', 'b-webapp')?.spec.template.metadata?.annotations).toEqual({ enabled: 'true', build: '007' });
    expect(run(c, 'helm get values b').text()).toBe('USER-SUPPLIED VALUES:\npodAnnotations:\n  build: "007"\n  enabled: "true"');
  });

  it('--generate-name names the release after the chart and the clock', () => {
    const c = boot();
    const p = run(c, 'helm install sandbox/webapp --generate-name');
    expect(p.text().split('\n')[0]).toBe('NAME: webapp-1767258011');
  });
});

describe('helm install: errors', () => {
  const files = {
    'bad.yaml': 'replicaCount: [1\n',
    'list.yaml': '- a\n',
    'crd/Chart.yaml': 'apiVersion: v2\nname: crd\nversion: 0.1.0\n',
    'crd/templates/widget.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n',
  };
  it.each([
    ['no arguments', 'helm install', 'Error: "helm install" requires at least 1 argument\n\nUsage:  helm install [NAME] [CHART] [flags]'],
    ['no name', 'helm install sandbox/webapp', 'Error: INSTALLATION FAILED: must either provide a name or specify --generate-name'],
    ['too many arguments', 'helm install a sandbox/webapp extra', 'Error: INSTALLATION FAILED: expected at most two arguments, unexpected arguments: extra'],
    ['invalid name', 'helm install Web_1 sandbox/webapp', 'Error: INSTALLATION FAILED: release name "Web_1": invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53'],
    ['unknown repository', 'helm install web nope/webapp', 'Error: INSTALLATION FAILED: repo nope not found'],
    ['unknown chart', 'helm install web sandbox/nope', 'Error: INSTALLATION FAILED: chart "nope" not found in sandbox index. (try \'helm repo update\'): no chart name found'],
    ['missing local chart', 'helm install web ./mychart', 'Error: INSTALLATION FAILED: path "./mychart" not found'],
    ['missing values file', 'helm install web sandbox/webapp -f nope.yaml', 'Error: INSTALLATION FAILED: open nope.yaml: no such file or directory'],
    ['values file that is not YAML', 'helm install web sandbox/webapp -f bad.yaml', /^Error: INSTALLATION FAILED: failed to parse bad.yaml: error converting YAML to JSON: /],
    ['values file that is a list', 'helm install web sandbox/webapp -f list.yaml', 'Error: INSTALLATION FAILED: failed to parse list.yaml: error unmarshaling JSON: json: cannot unmarshal array into Go value of type map[string]interface {}'],
    ['bad --set', 'helm install web sandbox/webapp --set replicaCount', 'Error: INSTALLATION FAILED: failed parsing --set data: key "replicaCount" has no value'],
    ['required value missing', `helm install otel ${OTEL}`, /^Error: INSTALLATION FAILED: execution error at \(splunk-otel-collector\/templates\/[^)]+\): /],
    ['a kind the API does not serve', 'helm install web ./crd', 'Error: INSTALLATION FAILED: unable to build kubernetes objects from release manifest: resource mapping not found for name: "w" namespace: "" from "": no matches for kind "Widget" in version "example.com/v1"\nensure CRDs are installed first'],
    ['unknown flag', 'helm install web sandbox/webapp --wiat', 'Error: unknown flag: --wiat'],
    ['bad timeout', 'helm install web sandbox/webapp --timeout soon', 'Error: invalid argument "soon" for "--timeout" flag: time: invalid duration "soon"'],
  ])('%s', (_name, line, expected) => {
    const c = boot(files);
    const p = run(c, line);
    expect(p.exitCode).toBe(1);
    if (typeof expected === 'string') expect(p.text()).toBe(expected);
    else expect(p.text()).toMatch(expected);
    expect(releaseSecrets(c)).toEqual({});
  });

  it('refuses a name that is still in use, even by an uninstalled release with history', () => {
    const c = boot();
    run(c, 'helm install web sandbox/webapp');
    expect(outcome(run(c, 'helm install web sandbox/webapp'))).toEqual({ exit: 1, text: 'Error: INSTALLATION FAILED: cannot re-use a name that is still in use' });
    run(c, 'helm uninstall web --keep-history');
    expect(run(c, 'helm install web sandbox/webapp').text()).toBe('Error: INSTALLATION FAILED: cannot re-use a name that is still in use');
    expect(run(c, 'helm install web sandbox/webapp --replace').text().split('\n').slice(3, 5)).toEqual(['STATUS: deployed', 'REVISION: 2']);
  });

  it('refuses to take over objects that belong to no release', () => {
    const c = boot({ 'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web-webapp\nspec:\n  ports:\n  - port: 80\n' });
    run(c, 'kubectl apply -f svc.yaml');
    expect(outcome(run(c, 'helm install web sandbox/webapp'))).toEqual({
      exit: 1,
      text: 'Error: INSTALLATION FAILED: Unable to continue with install: Service "web-webapp" in namespace "default" exists and cannot be imported into the current release: invalid ownership metadata; label validation error: missing key "app.kubernetes.io/managed-by": must be set to "Helm"; annotation validation error: missing key "meta.helm.sh/release-name": must be set to "web"; annotation validation error: missing key "meta.helm.sh/release-namespace": must be set to "default"',
    });
    expect(c.api.peek('deployments', 'default', 'web-webapp')).toBeUndefined();
  });

  it('reports API errors of the creates as a multi-error and marks the release failed', () => {
    const c = boot();
    const p = run(c, 'helm install web sandbox/webapp --set service.port=70000');
    expect(p.exitCode).toBe(1);
    expect(p.lines.map((l) => l.text)).toEqual([
      'Error: INSTALLATION FAILED: 1 error occurred:',
      expect.stringMatching(/^\t\* Service "web-webapp" is invalid: spec\.ports\[0\]\.port: Invalid value: 70000: /),
      '',
      '',
    ]);
    expect(releaseSecrets(c)).toEqual({ 'sh.helm.release.v1.web.v1': 'helm.sh/release.v1 name=web status=failed version=1' });
  });
});
