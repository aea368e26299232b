import { parseAllDocuments } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { FILES_SOURCE, RELEASES_SOURCE, type ConsoleReply, type ConsoleRequest } from '../../protocol/console';
import type { ReplyBody } from '../../protocol/messages';
import { EngineSource } from '../engine-source';

/** The console's worker side against the real engine and the default scenario (node-failure). */

let src: EngineSource | undefined;
afterEach(() => {
  src?.dispose();
  src = undefined;
});

function open(): EngineSource {
  src = new EngineSource(undefined);
  src.advance(10_000);
  src.flush();
  return src;
}

function ask<K extends ConsoleReply['kind']>(s: EngineSource, req: ConsoleRequest, kind: K): Extract<ConsoleReply, { kind: K }> {
  const reply = s.console(req);
  if (reply.kind !== kind) throw new Error(`expected ${kind}, got ${JSON.stringify(reply)}`);
  return reply as Extract<ConsoleReply, { kind: K }>;
}

function recorded(s: EngineSource): Extract<ReplyBody, { kind: 'recorded' }> {
  const r = s.query({ kind: 'recorded' });
  if (r.kind !== 'recorded') throw new Error('no recording');
  return r;
}

const YAML_OK = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
      - name: api
        image: nginx:1.27
`;

describe('ConsoleSession', () => {
  it('runs a line as the user, prints it as a terminal does and records it at the simulated time', () => {
    const s = open();
    const at = s.clock().simTimeMs;
    const r = ask(s, { kind: 'run', line: 'kubectl get nodes' }, 'ran');
    expect(r).toMatchObject({ command: 'kubectl get nodes', running: false, exitCode: 0 });
    expect(r.lines[0]).toEqual({ text: expect.stringMatching(/^NAME\s{3,}STATUS\s{3,}ROLES\s{3,}AGE\s{3,}VERSION$/), err: false });
    expect(r.lines.map((l) => l.text).join('\n')).toMatch(/worker-1\s+Ready/);
    expect(recorded(s).steps).toEqual([{ atMs: at, run: 'kubectl get nodes' }]);
  });

  it.each<[string, RegExp, number]>([
    ['kubectl frobnicate', /^error: unknown command "frobnicate" for "kubectl"/, 1],
    ['kubectl get pods "unbalanced', /unterminated|quote/i, 1],
    [`kubectl get pods ${'x'.repeat(5000)}`, /^error: command line too long/, 1],
    ['nope', /^error: unknown command "nope"/, 1],
    ['kubectl get foo', /^error: the server doesn't have a resource type "foo"$/, 1],
    // kubectl prints this on stderr and still exits 0.
    ['kubectl get pods -n nope', /^No resources found in nope namespace\.$/, 0],
    ['kubectl describe deployment web -n nope', /^Error from server \(NotFound\): deployments\.apps "web" not found$/, 1],
    ['kubectl get pods --bogus', /^error: unknown flag: --bogus$/, 1],
    ['helm install', /^Error: "helm install" requires at least 1 argument/, 1],
    ['sandbox kill node nope', /nope/, 1],
  ])('bad input %# gets the engine wording on stderr, never a throw', (line, message, exit) => {
    const s = open();
    const r = ask(s, { kind: 'run', line }, 'ran');
    expect(r.exitCode).toBe(exit);
    expect(r.lines[0]).toEqual({ text: expect.stringMatching(message), err: true });
    // The cluster goes on and the next line runs as usual.
    expect(ask(s, { kind: 'run', line: 'kubectl get deployment web' }, 'ran').exitCode).toBe(0);
  });

  it('streams `get pods -w` through output requests until interrupted', () => {
    const s = open();
    const r = ask(s, { kind: 'run', line: 'kubectl get pods -w' }, 'ran');
    expect(r.running).toBe(true);
    const key = r.commandKey!;
    ask(s, { kind: 'run', line: 'kubectl scale deployment web --replicas=8' }, 'ran');
    s.advance(5000);
    const more = ask(s, { kind: 'output', commandKey: key, from: r.lineCount }, 'output');
    expect(more.gone).toBe(false);
    expect(more.lines.length).toBeGreaterThan(0);
    expect(more.lines.some((l) => /^web-\S+\s+\d\/1\s+(Pending|ContainerCreating|Running)/.test(l.text))).toBe(true);
    expect(ask(s, { kind: 'interrupt', commandKey: key }, 'interrupted').ok).toBe(true);
    const after = ask(s, { kind: 'output', commandKey: key, from: more.lineCount }, 'output');
    expect(after).toMatchObject({ running: false, exitCode: 130, lines: [] });
    expect(ask(s, { kind: 'output', commandKey: 'cmd-999', from: 0 }, 'output').gone).toBe(true);
  });

  it('applies editor YAML as a scenario file, and records the step that replays it', () => {
    const s = open();
    const r = ask(s, { kind: 'apply', text: YAML_OK }, 'applied');
    expect(r).toMatchObject({ applied: true, exitCode: 0, markers: [], command: 'kubectl apply -f editor-1.yaml' });
    expect(r.lines.map((l) => l.text)).toEqual(['configmap/settings created', 'deployment.apps/api created']);
    expect(ask(s, { kind: 'apply', text: YAML_OK }, 'applied').lines.map((l) => l.text)).toEqual(['configmap/settings unchanged', 'deployment.apps/api unchanged']);
    const rec = recorded(s);
    expect(rec.steps.map((x) => x.run)).toEqual(['kubectl apply -f editor-1.yaml', 'kubectl apply -f editor-2.yaml']);
    expect(rec.files['editor-1.yaml']).toBe(YAML_OK);
    expect(ask(s, { kind: 'run', line: 'kubectl apply -f editor-1.yaml' }, 'ran').lines[0]?.text).toBe('configmap/settings unchanged');
  });

  it('applies nothing when one document does not parse, and marks where', () => {
    const s = open();
    const bad = `${YAML_OK}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\ndata:\n  a: x\n b: y\n`;
    const r = ask(s, { kind: 'apply', text: bad }, 'applied');
    expect(r.applied).toBe(false);
    expect(r.exitCode).toBe(1);
    expect(r.markers).toHaveLength(1);
    expect(r.markers[0]).toMatchObject({ docIndex: 2, line: 30, column: 1 });
    expect(r.lines[0]?.err).toBe(true);
    expect(r.lines[0]?.text).toMatch(/^error: error parsing editor-1\.yaml: error converting YAML to JSON: yaml: line 30, column 1: /);
    expect(ask(s, { kind: 'names', resource: 'cm', namespace: 'default' }, 'names').names).not.toContain('settings');
    expect(recorded(s).steps).toEqual([]);
  });

  it.each<[string, string, RegExp, number | null]>([
    ['duplicate keys', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n', /key "name" already set in map/, 5],
    ['an unknown tag', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: !weird a\n', /unknown tag !weird/, 4],
    ['an alias bomb', `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`, /excessive aliasing/, 1],
    ['a missing kind', 'apiVersion: v1\nmetadata:\n  name: a\n', /kind not set/, 1],
    ['only empty documents', '---\n---\n', /no objects passed to apply/, null],
    ['oversize input', `# ${'x'.repeat(1024 * 1024 + 10)}\n`, /the limit is/, null],
  ])('rejects %s: nothing applied, kubectl wording', (_name, text, message, line) => {
    const s = open();
    const r = ask(s, { kind: 'apply', text }, 'applied');
    expect(r.applied).toBe(false);
    expect(r.exitCode).toBe(1);
    expect(r.lines.map((l) => l.text).join('\n')).toMatch(message);
    expect(r.lines.every((l) => l.err)).toBe(true);
    if (line !== null) expect(r.markers[0]?.line).toBe(line);
    expect(recorded(s).steps).toEqual([]);
  });

  it('treats YAML 1.1 booleans as strings where Kubernetes expects strings, and re-applies as unchanged', () => {
    const s = open();
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\ndata:\n  enabled: "yes"\n---\n\n---\n';
    expect(ask(s, { kind: 'apply', text }, 'applied').lines.map((l) => l.text)).toEqual(['configmap/flags created']);
    expect(ask(s, { kind: 'apply', text }, 'applied').lines.map((l) => l.text)).toEqual(['configmap/flags unchanged']);
  });

  it('marks a Kubernetes-invalid field at its line', () => {
    const s = open();
    const r = ask(s, { kind: 'apply', text: YAML_OK.replace('replicas: 2', 'replicas: -1') }, 'applied');
    expect(r.exitCode).toBe(1);
    expect(r.markers).toEqual([expect.objectContaining({ docIndex: 1, line: 13, message: expect.stringContaining('spec.replicas') })]);
  });

  it.each<[string, string, string, string]>([
    ['a name that is not DNS-1123', YAML_OK.replace('name: api', 'name: Api_1'), 'metadata.name: Invalid value: "Api_1": a lowercase RFC 1123 subdomain', '  name: Api_1'],
    ['a selector that does not match the template', YAML_OK.replace('labels: {app: api}', 'labels: {app: web}'), 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`', '      labels: {app: web}'],
    ['cpu: abc', `${YAML_OK}        resources:\n          requests:\n            cpu: abc\n`, 'spec.template.spec.containers[0].resources.requests[cpu]: Invalid value: "abc"', '            cpu: abc'],
    ['a memory limit in a unit that does not exist', `${YAML_OK}        resources:\n          limits: {memory: 12xyz}\n`, 'spec.template.spec.containers[0].resources.limits[memory]: Invalid value: "12xyz"', '          limits: {memory: 12xyz}'],
  ])('Kubernetes-invalid object (%s): the error names the field, the line holding it is marked', (_name, text, field, line) => {
    const s = open();
    const r = ask(s, { kind: 'apply', text }, 'applied');
    expect(r.exitCode).toBe(1);
    expect(r.lines.map((l) => l.text)).toEqual(['configmap/settings created', expect.stringContaining(field)]);
    expect(r.lines[1]?.text).toMatch(/^The Deployment "\S+" is invalid: /);
    expect(r.markers).toHaveLength(1);
    expect(text.split('\n')[r.markers[0]!.line - 1]).toBe(line);
    expect(r.markers[0]).toMatchObject({ docIndex: 1 });
    expect(ask(s, { kind: 'names', resource: 'deploy', namespace: 'default' }, 'names').names).toEqual(['web']);
  });

  it('edits an object: no change, validation errors marked, a good save patched, a conflict when it changed meanwhile', () => {
    const s = open();
    const ref = { kind: 'Deployment', namespace: 'default', name: 'web' };
    const opened = ask(s, { kind: 'editable', ref }, 'editable');
    expect(opened.found).toBe(true);
    expect(opened.yaml).toMatch(/^# Edit the object below and Save\./);
    expect(opened.yaml).not.toMatch(/^status:/m);
    const edit = (text: string, original = opened.yaml) => ask(s, { kind: 'edit', ref, original, text }, 'edited');
    expect(edit(opened.yaml).lines.map((l) => l.text)).toEqual(['Edit cancelled, no changes made.']);

    const invalid = edit(opened.yaml.replace(/replicas: \d+/, 'replicas: -3'));
    expect(invalid.exitCode).toBe(1);
    expect(invalid.lines[0]?.text).toMatch(/^The Deployment "web" is invalid: spec\.replicas: Invalid value: -3/);
    expect(invalid.markers[0]?.line).toBe(opened.yaml.split('\n').findIndex((l) => /^\s+replicas:/.test(l)) + 1);

    const saved = edit(opened.yaml.replace(/replicas: \d+/, 'replicas: 4'));
    expect(saved.lines.map((l) => l.text)).toEqual(['deployment.apps/web edited']);
    expect(saved.command).toBe('kubectl edit deployment/web -n default');
    s.advance(20_000);
    // Someone else scaled it since this text was opened: the save is refused.
    const stale = edit(opened.yaml.replace(/replicas: \d+/, 'replicas: 5'));
    expect(stale.lines[0]?.text).toMatch(/^Error from server \(Conflict\): Operation cannot be fulfilled on deployments\.apps "web": the object has been modified/);
    const renamed = edit(opened.yaml.replace(/name: web\n/, 'name: other\n'));
    expect(renamed.lines[0]?.text).toBe('error: At least one of apiVersion, kind and name was changed');
    const rec = recorded(s);
    expect(rec.steps.map((x) => x.run)).toEqual(['kubectl apply -f edit-1.yaml']);
    expect(rec.files['edit-1.yaml']).toMatch(/replicas: 4/);
    expect(rec.files['edit-1.yaml']).not.toMatch(/resourceVersion|uid:/);
  });

  it('edits a node while its status keeps changing (heartbeats are not a conflict)', () => {
    const s = open();
    const ref = { kind: 'Node', name: 'worker-3' };
    const opened = ask(s, { kind: 'editable', ref }, 'editable');
    s.advance(60_000);
    const text = opened.yaml.replace(/^(\s+)labels:\n/m, (m, indent: string) => `${m}${indent}  team: blue\n`);
    expect(text).not.toBe(opened.yaml);
    const saved = ask(s, { kind: 'edit', ref, original: opened.yaml, text }, 'edited');
    expect(saved.lines.map((l) => l.text)).toEqual(['node/worker-3 edited']);
    expect(ask(s, { kind: 'run', line: 'kubectl get node worker-3 -o yaml' }, 'ran').lines.map((l) => l.text)).toContain('    team: blue');
  });

  it('gives completion names for resources, releases and files', () => {
    const s = open();
    expect(ask(s, { kind: 'names', resource: 'no', namespace: null }, 'names').names).toEqual(['control-plane', 'worker-1', 'worker-2', 'worker-3']);
    expect(ask(s, { kind: 'names', resource: 'deploy', namespace: 'default' }, 'names').names).toEqual(['web']);
    expect(ask(s, { kind: 'names', resource: 'ns', namespace: 'default' }, 'names').names).toContain('kube-system');
    expect(ask(s, { kind: 'names', resource: FILES_SOURCE, namespace: null }, 'names').names).toEqual(['web.yaml']);
    expect(ask(s, { kind: 'names', resource: 'bogus', namespace: null }, 'names').names).toEqual([]);
    ask(s, { kind: 'run', line: 'helm install demo sandbox/webapp' }, 'ran');
    expect(ask(s, { kind: 'names', resource: RELEASES_SOURCE, namespace: 'default' }, 'names').names).toEqual(['demo']);
  });

  it('exports the user objects as YAML a real cluster accepts', () => {
    const s = open();
    ask(s, { kind: 'apply', text: YAML_OK }, 'applied');
    ask(s, { kind: 'run', line: 'kubectl create namespace team-a' }, 'ran');
    ask(s, { kind: 'run', line: 'helm install demo sandbox/webapp' }, 'ran');
    s.advance(5000);
    const out = ask(s, { kind: 'export', includeHelm: false }, 'export');
    const docs = parseAllDocuments(out.yaml).map((d) => d.toJS() as { kind: string; metadata: Record<string, unknown>; status?: unknown } | null).filter((d) => d !== null);
    expect(docs.map((d) => `${d.kind}/${String(d.metadata.name)}`)).toEqual(['Namespace/team-a', 'ConfigMap/settings', 'DaemonSet/log-agent', 'Deployment/api', 'Deployment/web']);
    expect(out.count).toBe(5);
    for (const d of docs) {
      expect(d.status).toBeUndefined();
      expect(Object.keys(d.metadata)).not.toEqual(expect.arrayContaining(['uid']));
      expect(d.metadata.resourceVersion).toBeUndefined();
      expect(d.metadata.creationTimestamp).toBeUndefined();
    }
    const withHelm = ask(s, { kind: 'export', includeHelm: true }, 'export');
    expect(withHelm.count).toBeGreaterThan(5);
    expect(withHelm.yaml).toMatch(/name: demo-webapp/);
    expect(withHelm.yaml).not.toMatch(/sh\.helm\.release/);

    // Applied unchanged to another cluster (one running the same scenario), every object is accepted; a second time, all unchanged.
    const other = new EngineSource(undefined);
    try {
      other.advance(10_000);
      for (const text of [out.yaml, withHelm.yaml]) {
        const created = ask(other, { kind: 'apply', text }, 'applied');
        expect(created.exitCode).toBe(0);
        expect(created.lines.filter((l) => l.err)).toEqual([]);
      }
      const first = ask(other, { kind: 'apply', text: out.yaml }, 'applied').lines.map((l) => l.text);
      expect(first).toEqual(['namespace/team-a unchanged', 'configmap/settings unchanged', 'daemonset.apps/log-agent unchanged', 'deployment.apps/api unchanged', 'deployment.apps/web unchanged']);
      const again = ask(other, { kind: 'apply', text: withHelm.yaml }, 'applied').lines.map((l) => l.text);
      expect(again.every((l) => l.endsWith(' unchanged'))).toBe(true);
    } finally {
      other.dispose();
    }
  });

  it('records page actions as steps too', () => {
    const s = open();
    s.action({ kind: 'cordon', node: 'worker-3' });
    expect(recorded(s).steps.map((x) => x.run)).toEqual(['kubectl cordon worker-3']);
  });
});
