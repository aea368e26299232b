import { describe, expect, it } from 'vitest';
import { toGoValue } from '../template/value';
import { marshalYaml } from './emit';
import { keyLess } from './key-order';

const y = (v: unknown) => marshalYaml(toGoValue(v));

describe('marshalYaml (go-yaml v2 through sigs.k8s.io/yaml)', () => {
  it.each([
    ['nested map and indentless sequence', { spec: { ports: [{ port: 80, name: 'http' }], type: 'ClusterIP' } }, 'spec:\n  ports:\n  - name: http\n    port: 80\n  type: ClusterIP\n'],
    ['sequence of sequences', { m: [[1, 2], [3]] }, 'm:\n- - 1\n  - 2\n- - 3\n'],
    ['top-level list', ['a', { b: 1 }], '- a\n- b: 1\n'],
    ['empty collections are flow', { a: {}, b: [], c: [{}] }, 'a: {}\nb: []\nc:\n- {}\n'],
    ['scalars', { nil: null, t: true, i: 3, f: 0.5, e: 1e21, s: '' }, 'e: 1e+21\nf: 0.5\ni: 3\nnil: null\ns: ""\nt: true\n'],
    ['top-level scalar', 'hello', 'hello\n'],
  ])('%s', (_n, value, want) => {
    expect(y(value)).toBe(want);
  });

  it.each([
    ['plain', 'nginx:1.27', 'nginx:1.27'],
    ['version-like stays plain', '0.158.0', '0.158.0'],
    ['number-like is double-quoted', '8080', '"8080"'],
    ['float-like', '1.0', '"1.0"'],
    ['YAML 1.1 booleans', 'yes', '"yes"'],
    ['null-like', '~', '"~"'],
    ['timestamp-like', '2024-01-31', '"2024-01-31"'],
    ['base-60 float', '12:30', '"12:30"'],
    ['hex int', '0x1F', '"0x1F"'],
    ['leading indicator gets single quotes', '*.example.com', "'*.example.com'"],
    ['": " inside', 'a: b', "'a: b'"],
    ['" #" inside', 'a #b', "'a #b'"],
    ['leading dash-space', '- x', "'- x'"],
    ['leading space', ' x', "' x'"],
    ['apostrophe doubled', "'quoted'", "'''quoted'''"],
    ['tab forces double quotes', 'a\tb', '"a\\tb"'],
    ['literal block, no final newline', 'line1\nline2', '|-\n  line1\n  line2'],
    ['literal block, final newline', 'line1\n', '|\n  line1'],
    ['literal block, extra final newline', 'a\n\n', '|+\n  a\n'],
    ['literal with leading space gets an indent hint', ' a\nb', '|2-\n   a\n  b'],
    ['trailing space forces double quotes', 'a \nb', '"a \\nb"'],
    ['blank lines stay blank', 'a\n\nb', '|-\n  a\n\n  b'],
  ])('string style: %s', (_n, s, want) => {
    expect(y({ k: s })).toBe(`k: ${want}\n`);
  });

  it('folds long plain strings at column 80 like go-yaml', () => {
    const words = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    const out = y({ key: words });
    expect(out).toBe(
      'key: word0 word1 word2 word3 word4 word5 word6 word7 word8 word9 word10 word11 word12\n' +
        '  word13 word14 word15 word16 word17 word18 word19 word20 word21 word22 word23 word24\n' +
        '  word25 word26 word27 word28 word29\n',
    );
  });

  it('folds long double-quoted strings with escaped leading spaces', () => {
    const s = `${'x'.repeat(70)} \t  ${'y'.repeat(20)} end`;
    expect(y({ k: s })).toBe(`k: "${'x'.repeat(70)} \\t  ${'y'.repeat(20)}\n  end"\n`);
  });

  it('keys sort in go-yaml natural order', () => {
    const keys = ['b', 'a10', 'a9', 'A', 'a-b', 'a_b', 'ab'];
    expect([...keys].sort((a, b) => (keyLess(a, b) ? -1 : keyLess(b, a) ? 1 : 0))).toEqual(['A', 'a-b', 'a_b', 'a9', 'a10', 'ab', 'b']);
  });

  it('refuses NaN like encoding/json', () => {
    expect(() => y({ x: NaN })).toThrow('json: unsupported value: NaN');
  });
});
