import { describe, expect, it } from 'vitest';
import { loadChart, type Chart } from './chart';
import { renderChart, renderFiles } from './render';
import type { ReleaseInfo } from './render-context';
import { toGoValue, type GoMap } from './template/value';

const RELEASE: ReleaseInfo = { name: 'web', namespace: 'prod', revision: 2, isInstall: false, isUpgrade: true };

function chart(templates: Record<string, string>, values = ''): Chart {
  const files: Record<string, string> = { 'Chart.yaml': 'apiVersion: v2\nname: webapp\nversion: 0.1.0\nappVersion: "1.2"\n', 'values.yaml': values };
  for (const [k, v] of Object.entries(templates)) files[`templates/${k}`] = v;
  const r = loadChart({ files });
  if (!r.ok) throw new Error(r.error);
  return r.chart;
}

function render(templates: Record<string, string>, values: unknown = {}): string {
  const c = chart(templates);
  const r = renderFiles(c, toGoValue(values) as GoMap, RELEASE, { kubeVersion: 'v1.34.1', apiVersions: ['v1', 'apps/v1', 'apps/v1/Deployment'] });
  return r.ok ? [...r.files].map(([k, v]) => `${k}=${v}`).join('\n') : `ERR: ${r.error}`;
}

describe('render context', () => {
  it.each([
    ['.Release', '{{ .Release.Name }} {{ .Release.Namespace }} {{ .Release.Service }} {{ .Release.Revision }} {{ .Release.IsUpgrade }} {{ .Release.IsInstall }}', 'web prod Helm 2 true false'],
    ['.Chart', '{{ .Chart.Name }} {{ .Chart.Version }} {{ .Chart.AppVersion }} {{ .Chart.APIVersion }}', 'webapp 0.1.0 1.2 v2'],
    ['.Capabilities', '{{ .Capabilities.KubeVersion }} {{ .Capabilities.KubeVersion.Major }}.{{ .Capabilities.KubeVersion.Minor }} {{ .Capabilities.APIVersions.Has "apps/v1/Deployment" }} {{ .Capabilities.APIVersions.Has "batch/v1beta1" }}', 'v1.34.1 1.34 true false'],
    ['.Template', '{{ .Template.Name }} {{ .Template.BasePath }}', 'webapp/templates/t.yaml webapp/templates'],
    ['.Files.Get of a missing file', '[{{ .Files.Get "nope.txt" }}]', '[]'],
    ['<no value> is stripped from the output', 'a: {{ .Values.nothing }}|', 'a: |'],
    ['unknown field on a struct', '{{ .Chart.Nope }}', 'ERR: template: webapp/templates/t.yaml:1:9: executing "webapp/templates/t.yaml" at <.Chart.Nope>: can\'t evaluate field Nope in type *chart.Metadata'],
  ])('%s', (_n, tpl, want) => {
    const out = render({ 't.yaml': tpl });
    expect(out.startsWith('ERR') ? out : out.replace('webapp/templates/t.yaml=', '')).toBe(want);
  });
});

describe('Helm error wording', () => {
  it('parse errors: parse error at (file:line)', () => {
    expect(render({ 'deployment.yaml': 'a: 1\nb: {{ nope }}' })).toBe('ERR: parse error at (webapp/templates/deployment.yaml:2): function "nope" not defined');
  });

  it('execution errors keep Go text with template:line:col', () => {
    const tpl = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - image: {{ .Values.image.repo }}';
    expect(render({ 'deployment.yaml': tpl })).toBe(
      'ERR: template: webapp/templates/deployment.yaml:7:27: executing "webapp/templates/deployment.yaml" at <.Values.image.repo>: nil pointer evaluating interface {}.repo',
    );
  });

  it('required: execution error at (file:line:col): message', () => {
    const tpl = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\ndata:\n  token: {{ required "accessToken is required" .Values.accessToken | b64enc }}';
    expect(render({ 'secret.yaml': tpl })).toBe('ERR: execution error at (webapp/templates/secret.yaml:6:12): accessToken is required');
  });

  it('required inside a helper reports the location of the outer include, as Helm does', () => {
    const out = render({ '_helpers.tpl': '{{ define "realm" }}{{ required "realm is required" .Values.realm }}{{ end }}', 'cm.yaml': 'x\nurl: {{ include "realm" . }}' });
    expect(out).toBe('ERR: execution error at (webapp/templates/cm.yaml:2:8): realm is required');
  });

  it('fail is reported like required', () => {
    expect(render({ 'a.yaml': '{{ if not .Values.ok }}{{ fail "set ok=true" }}{{ end }}' })).toBe('ERR: execution error at (webapp/templates/a.yaml:1:26): set ok=true');
  });

  it('renders templates in Helm order and stops at the first error', () => {
    const out = render({ 'a.yaml': '{{ fail "from a" }}', 'z.yaml': '{{ fail "from z" }}', 'sub/b.yaml': '{{ fail "from sub" }}' });
    expect(out).toBe('ERR: execution error at (webapp/templates/sub/b.yaml:1:3): from sub');
  });
});

describe('renderChart', () => {
  const c = chart({
    'NOTES.txt': 'Installed {{ .Release.Name }}.',
    '_helpers.tpl': '{{ define "n" }}{{ .Release.Name }}-app{{ end }}',
    'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "n" . }}\n',
    'deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "n" . }}\n---\n{{ if .Values.extra }}apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra{{ end }}\n',
    'hook.yaml': 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: init\n  annotations:\n    "helm.sh/hook": post-install\n',
  });

  it('returns ordered manifests, hooks and notes', () => {
    const r = renderChart(c, {}, RELEASE);
    if (!r.ok) throw new Error(r.error);
    expect(r.release.manifests.map((m) => `${m.head.kind}/${m.head.name}`)).toEqual(['Service/web-app', 'Deployment/web-app']);
    expect(r.release.hooks.map((h) => `${h.kind}/${h.name}:${h.events.join(',')}`)).toEqual(['Job/init:post-install']);
    expect(r.release.notes).toBe('Installed web.');
    expect(r.release.manifestText).toBe('---\n# Source: webapp/templates/svc.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: web-app\n---\n# Source: webapp/templates/deploy.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-app\n');
  });

  it('a document emptied by a false condition is skipped', () => {
    const r = renderChart(c, toGoValue({ extra: true }) as GoMap, RELEASE);
    expect(r.ok && r.release.manifests.map((m) => m.head.kind)).toEqual(['ConfigMap', 'Service', 'Deployment']);
  });

  it('is deterministic', () => {
    const a = renderChart(c, {}, RELEASE);
    const b = renderChart(c, {}, RELEASE);
    expect(a).toEqual(b);
  });
});
