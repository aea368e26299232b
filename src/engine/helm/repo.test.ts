import { describe, expect, it } from 'vitest';
import { DEFAULT_REPOS, repoAdd, repoList, repoRemove, repoUpdate, resolveChart, searchRepo, showChart, showValues } from './repo';
import { loadChart } from './chart';

describe('helm repo', () => {
  it('add, re-add, conflicting add, unknown URL', () => {
    const a = repoAdd([], 'sandbox', 'https://charts.example.com/sandbox');
    expect(a).toEqual({ ok: true, repos: [{ name: 'sandbox', url: 'https://charts.example.com/sandbox' }], output: '"sandbox" has been added to your repositories\n' });
    const repos = a.ok ? a.repos : [];
    expect(repoAdd(repos, 'sandbox', 'https://charts.example.com/sandbox')).toEqual({ ok: true, repos, output: '"sandbox" already exists with the same configuration, skipping\n' });
    expect(repoAdd(repos, 'sandbox', 'https://signalfx.github.io/splunk-otel-collector-chart')).toEqual({ ok: false, error: 'repository name (sandbox) already exists, please specify a different name' });
    expect(repoAdd(repos, 'x', 'https://nowhere.example.org/charts/')).toEqual({ ok: false, error: 'looks like "https://nowhere.example.org/charts/" is not a valid chart repository or cannot be reached: failed to fetch https://nowhere.example.org/charts/index.yaml : 404 Not Found' });
  });

  it('list prints a padded, tab-separated table', () => {
    expect(repoList(DEFAULT_REPOS)).toEqual({
      ok: true,
      output:
        'NAME                       \tURL                                                   \n' +
        'splunk-otel-collector-chart\thttps://signalfx.github.io/splunk-otel-collector-chart\n' +
        'sandbox                    \thttps://charts.example.com/sandbox                    \n',
    });
    expect(repoList([])).toEqual({ ok: false, error: 'no repositories to show' });
  });

  it('remove and update', () => {
    expect(repoRemove(DEFAULT_REPOS, 'nope')).toEqual({ ok: false, error: 'no repo named "nope" found' });
    const r = repoRemove(DEFAULT_REPOS, 'sandbox');
    expect(r.ok && r.repos.map((x) => x.name)).toEqual(['splunk-otel-collector-chart']);
    expect(repoUpdate(DEFAULT_REPOS)).toEqual({
      ok: true,
      output: 'Hang tight while we grab the latest from your chart repositories...\n...Successfully got an update from the "splunk-otel-collector-chart" chart repository\n...Successfully got an update from the "sandbox" chart repository\nUpdate Complete. ⎈Happy Helming!⎈\n',
    });
  });
});

describe('helm search repo', () => {
  it('lists every chart without a keyword', () => {
    expect(searchRepo(DEFAULT_REPOS)).toEqual({
      ok: true,
      output:
        'NAME                                             \tCHART VERSION\tAPP VERSION\tDESCRIPTION                                       \n' +
        'sandbox/webapp                                   \t0.1.0        \t1.27.0     \tA generic web application - Deployment, Service...\n' +
        'splunk-otel-collector-chart/splunk-otel-collector\t0.158.0      \t0.158.0    \tSplunk OpenTelemetry Collector for Kubernetes     \n',
    });
  });

  it.each([
    ['otel', ['splunk-otel-collector-chart/splunk-otel-collector']],
    ['OBSERVABILITY', ['splunk-otel-collector-chart/splunk-otel-collector']],
    ['web', ['sandbox/webapp']],
  ])('keyword %s', (kw, names) => {
    const r = searchRepo(DEFAULT_REPOS, kw);
    expect(r.ok && r.output.split('\n').slice(1, -1).map((l) => l.split('\t')[0]!.trim())).toEqual(names);
  });

  it('no match / no repos', () => {
    expect(searchRepo(DEFAULT_REPOS, 'postgres')).toEqual({ ok: true, output: 'No results found\n' });
    expect(searchRepo([], 'x')).toEqual({ ok: false, error: 'no repositories configured' });
  });
});

describe('resolveChart', () => {
  it.each([
    ['splunk-otel-collector-chart/splunk-otel-collector', undefined, 'splunk-otel-collector@0.158.0'],
    ['sandbox/webapp', '0.1.0', 'webapp@0.1.0'],
  ])('%s', (ref, version, want) => {
    const r = resolveChart(DEFAULT_REPOS, ref, version);
    expect(r.ok && `${r.metadata.name}@${r.metadata.version}`).toBe(want);
  });

  it.each([
    ['webapp', undefined, 'non-absolute URLs should be in form of repo_name/path_to_chart, got: webapp'],
    ['bitnami/nginx', undefined, 'repo bitnami not found'],
    ['sandbox/nginx', undefined, 'chart "nginx" not found in sandbox index. (try \'helm repo update\'): no chart name found'],
    ['sandbox/webapp', '9.9.9', 'chart "webapp" matching 9.9.9 not found in sandbox index. (try \'helm repo update\'): no chart version found for webapp-9.9.9'],
  ])('%s %s → error', (ref, version, error) => {
    expect(resolveChart(DEFAULT_REPOS, ref, version)).toEqual({ ok: false, error });
  });
});

describe('helm show', () => {
  it('show chart re-marshals Chart.yaml with sorted keys', () => {
    const r = resolveChart(DEFAULT_REPOS, 'sandbox/webapp');
    if (!r.ok) throw new Error(r.error);
    expect(showChart(r.metadata)).toBe(
      'apiVersion: v2\nappVersion: 1.27.0\ndescription: A generic web application - Deployment, Service, optional Ingress and\n  autoscaling\nkeywords:\n- web\n- sandbox\nmaintainers:\n- name: kube-sandbox\nname: webapp\ntype: application\nversion: 0.1.0\n\n',
    );
  });

  it('show values prints values.yaml as shipped', () => {
    const r = resolveChart(DEFAULT_REPOS, 'splunk-otel-collector-chart/splunk-otel-collector');
    if (!r.ok) throw new Error(r.error);
    const c = loadChart(r.files);
    if (!c.ok) throw new Error(c.error);
    const out = showValues(c.chart.valuesText);
    expect(out.startsWith('# Default values for the splunk-otel-collector chart')).toBe(true);
    expect(out).toContain('  ports:\n    otlp:\n      containerPort: 4317\n      hostPort: 4317\n');
    expect(out.endsWith('terminationGracePeriodSeconds: 600\n\n')).toBe(true);
  });
});
