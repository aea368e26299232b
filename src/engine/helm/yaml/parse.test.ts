import { describe, expect, it } from 'vitest';
import { parseYaml, parseYamlDocuments } from './parse';

describe('parseYaml (bounded, YAML 1.1 like go-yaml v2)', () => {
  it('reads YAML 1.1 scalars', () => {
    expect(parseYaml('a: yes\nb: off\nc: 0755\nd: 1.0\ne: ~\nf: "0755"\n')).toEqual({ ok: true, value: { a: true, b: false, c: 493, d: 1, e: null, f: '0755' } });
  });

  it('keeps integers as ints when asked (manifests)', () => {
    expect(parseYaml('replicas: 3\nratio: 0.5\n', undefined, true)).toEqual({ ok: true, value: { replicas: 3n, ratio: 0.5 } });
  });

  it('merge keys', () => {
    expect(parseYaml('base: &b\n  x: 1\nchild:\n  <<: *b\n  size: 2\n')).toEqual({ ok: true, value: { base: { x: 1 }, child: { x: 1, size: 2 } } });
  });

  it.each([
    ['syntax error with its line', 'a: 1\nb: [\n', 'yaml: line 3: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['duplicate keys', 'k: 1\nk: 2\n', 'yaml: line 2: Map keys must be unique'],
    ['unknown alias', 'a: *nope\n', 'yaml: Unresolved alias (the anchor must be set before the alias): nope'],
    ['alias bomb', ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n'), 'yaml: Excessive alias count indicates a resource exhaustion attack'],
    ['oversize input', `a: "${'x'.repeat(1024 * 1024)}"`, 'yaml: input is 1048581 bytes, more than the 1048576 allowed'],
  ])('%s', (_n, text, error) => {
    const r = parseYaml(text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toBe(error);
  });

  it('reports line and column for the editor', () => {
    const r = parseYaml('a: 1\n  b: 2\n');
    expect(!r.ok && [r.error, r.line, r.col]).toEqual(['yaml: line 1: Nested mappings are not allowed in compact mappings', 1, 4]);
  });

  it('stops deep nesting', () => {
    const r = parseYaml(`${'['.repeat(150)}${']'.repeat(150)}`);
    expect(r).toEqual({ ok: false, error: 'yaml: value nested deeper than 100 levels' });
  });

  it('multi-document streams', () => {
    const docs = parseYamlDocuments('a: 1\n---\n---\nb: [\n');
    expect(docs.map((d) => d.ok)).toEqual([true, true, false]);
  });
});
