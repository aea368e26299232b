import { describe, expect, it } from 'vitest';
import { parseManifests, splitPath, type ManifestError } from './parse';

const CM = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

function errorOf(text: string, limits?: Parameters<typeof parseManifests>[2]): ManifestError {
  const r = parseManifests(text, 'web.yaml', limits);
  if (r.ok) throw new Error('expected a parse error');
  return r.error;
}

describe('parseManifests', () => {
  it('reads multi-document files, skipping empty documents, and remembers where each object is', () => {
    const text = `---\n${CM('a')}---\n---\n# only a comment\n---\n${CM('b')}data:\n  k: v\n`;
    const r = parseManifests(text, 'web.yaml');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.objects.map((o) => [o.object.metadata.name, o.docIndex, o.pos, o.resource.resource])).toEqual([
      ['a', 0, { line: 2, column: 1 }, 'configmaps'],
      ['b', 3, { line: 10, column: 1 }, 'configmaps'],
    ]);
    expect(r.objects[1]!.positionOf('data.k')).toEqual({ line: 15, column: 3 });
    expect(r.objects[1]!.positionOf('data.missing')).toEqual({ line: 14, column: 1 });
  });

  it('locates list elements for field errors', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: x\n      - name: b\n        image: y\n';
    const r = parseManifests(text, 'web.yaml');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.objects[0]!.positionOf('spec.template.spec.containers[1].image')).toEqual({ line: 12, column: 9 });
  });

  it('expands kind: List', () => {
    const r = parseManifests('apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n- apiVersion: v1\n  kind: Secret\n  metadata:\n    name: b\n', 'l.yaml');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.objects.map((o) => [o.object.kind, o.object.metadata.name, o.pos.line])).toEqual([['ConfigMap', 'a', 4], ['Secret', 'b', 8]]);
  });

  it('treats YAML 1.1 booleans and leading-zero octals as Kubernetes does', () => {
    const r = parseManifests(`${CM('a')}data:\n  quoted: "yes"\nspec:\n  a: yes\n  b: off\n  c: Y\n  mode: 0644\n  t: 2024-01-01\n  s: 190:20:30\n  f: 1.5\n  nothing: ~\n  on: key\n`, 'x.yaml');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.objects[0]!.object.data).toEqual({ quoted: 'yes' });
    // As with go-yaml v2, an unquoted `on` key is the boolean true, i.e. the JSON key "true".
    expect(r.objects[0]!.object.spec).toEqual({ a: true, b: false, c: true, mode: 420, t: '2024-01-01', s: '190:20:30', f: 1.5, nothing: null, true: 'key' });
  });

  it.each<[string, string, Partial<ManifestError>]>([
    [
      'syntax error, with document index, line and column',
      `${CM('a')}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a: b\n`,
      { docIndex: 1, line: 9, column: 9, message: 'error: error parsing web.yaml: error converting YAML to JSON: yaml: line 9, column 9: mapping values are not allowed in this context' },
    ],
    ['duplicate key', 'apiVersion: v1\nkind: Pod\nkind: Pod\n', { docIndex: 0, line: 3, column: 1, message: 'error: error parsing web.yaml: error converting YAML to JSON: yaml: line 3, column 1: key "kind" already set in map' }],
    ['unclosed quote', 'apiVersion: v1\nkind: "Pod\n', { line: 3, column: 1, message: 'error: error parsing web.yaml: error converting YAML to JSON: yaml: line 3, column 1: found unexpected end of stream' }],
    ['tab indentation', 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n', { line: 4, column: 1, message: 'error: error parsing web.yaml: error converting YAML to JSON: yaml: line 4, column 1: found character that cannot start any token' }],
    ['unknown tag', 'apiVersion: v1\nkind: !foo Pod\n', { line: 2, column: 7, message: 'error: error parsing web.yaml: error converting YAML to JSON: yaml: line 2, column 7: unknown tag !foo' }],
    [
      'alias bomb',
      'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n',
      { line: 1, column: 1, message: 'error: error parsing web.yaml: error converting YAML to JSON: yaml: line 1, column 1: document contains excessive aliasing' },
    ],
    ['kind and apiVersion missing', 'metadata:\n  name: x\n', { message: 'error: error validating "web.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false' }],
    ['kind missing', 'apiVersion: v1\nmetadata:\n  name: x\n', { message: 'error: error validating "web.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false' }],
    ['unknown kind', 'apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n', { message: 'error: resource mapping not found for name: "x" namespace: "" from "web.yaml": no matches for kind "Foo" in version "v1"\nensure CRDs are installed first' }],
    ['kind in the wrong group', 'apiVersion: v1\nkind: Deployment\nmetadata:\n  name: x\n', { message: 'error: resource mapping not found for name: "x" namespace: "" from "web.yaml": no matches for kind "Deployment" in version "v1"\nensure CRDs are installed first' }],
    ['boolean label value', `${CM('x')}  labels:\n    enabled: yes\n`, { message: 'error: unable to decode "web.yaml": json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string' }],
    ['numeric name', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 42\n', { message: 'error: unable to decode "web.yaml": json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string' }],
    ['a scalar document', 'hello\n', { message: 'error: unable to decode "web.yaml": json: cannot unmarshal string into Go value of type map[string]interface {}' }],
    ['a __proto__ key', `${CM('x')}data:\n  __proto__: x\n`, { message: 'error: unable to decode "web.yaml": the key "__proto__" is not allowed' }],
  ])('%s', (_name, text, expected) => {
    expect(errorOf(text)).toMatchObject({ source: 'web.yaml', ...expected });
  });

  it('fails the whole file when any document is bad (nothing is applied)', () => {
    expect(parseManifests(`${CM('a')}---\n${CM('b')}  x: [\n`, 'f.yaml').ok).toBe(false);
  });

  it('caps input size and document count', () => {
    expect(errorOf('a: b\n'.repeat(10), { maxChars: 20, maxDocuments: 10, maxAliasCount: 10 }).message).toBe('error: error parsing web.yaml: the file is 50 characters long; the limit is 20');
    expect(errorOf(`${CM('a')}---\n`.repeat(4), { maxChars: 10_000, maxDocuments: 3, maxAliasCount: 10 }).message).toBe('error: error parsing web.yaml: 5 YAML documents; the limit is 3');
  });

  it('keeps Object.prototype untouched', () => {
    parseManifests(`${CM('x')}data:\n  __proto__:\n    polluted: "yes"\n`, 'p.yaml');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('splitPath', () => {
  it.each([
    ['spec.replicas', ['spec', 'replicas']],
    ['spec.template.spec.containers[0].image', ['spec', 'template', 'spec', 'containers', 0, 'image']],
    ['items[2][1]', ['items', 2, 1]],
    ['spec.containers[0].resources.requests[cpu]', ['spec', 'containers', 0, 'resources', 'requests', 'cpu']],
    ['spec.containers[1].resources.limits[nvidia.com/gpu]', ['spec', 'containers', 1, 'resources', 'limits', 'nvidia.com/gpu']],
    ['metadata.labels[app.kubernetes.io/name]', ['metadata', 'labels', 'app.kubernetes.io/name']],
    ['data[a].b', ['data', 'a', 'b']],
    ['odd[unclosed', ['odd[unclosed']],
  ])('%s', (path, parts) => {
    expect(splitPath(path)).toEqual(parts);
  });
});
