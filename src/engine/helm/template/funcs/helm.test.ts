import { describe, expect, it } from 'vitest';
import { run } from '../test-helpers';

describe('Helm functions', () => {
  it.each([
    ['toYaml of a map (sorted keys, indentless lists)', '{{ toYaml .m }}', 'a: 1\nb:\n- x\n- "y"\nc:\n  d: true'],
    ['toYaml of a list of maps', '{{ toYaml .lm }}', '- name: a\n  port: 80\n- name: b\n  port: 443'],
    ['toYaml of empty things', '{{ toYaml (dict) }}|{{ toYaml (list) }}|{{ toYaml .missing }}', '{}|[]|null'],
    ['toYaml keeps integral floats as ints', '{{ toYaml (dict "num" .big "f" 1.5) }}', 'f: 1.5\nnum: 1000000'],
    ['toYaml quotes YAML 1.1 booleans, even as keys', '{{ toYaml (dict "y" "n" "on" "yes") }}', '"on": "yes"\n"y": "n"'],
    ['toYaml nindent pattern', 'resources:\n  {{- toYaml .r | nindent 2 }}', 'resources:\n  limits:\n    cpu: 100m\n    memory: 128Mi'],
    ['mustToYaml / mustToJson', '{{ mustToYaml (list 1) }} {{ mustToJson (list 1) }}', '- 1 [1]'],
    ['toJson', '{{ toJson .m }}', '{"a":1,"b":["x","y"],"c":{"d":true}}'],
    ['toJson escapes HTML like Go', '{{ toJson "<a&b>" }} {{ toRawJson "<a>" }}', '"\\u003ca\\u0026b\\u003e" "<a>"'],
    ['fromYaml then field', '{{ (fromYaml "a:\\n  b: 2").a.b }}', '2'],
    ['fromYaml error goes in the Error key', '{{ (fromYaml "a: [").Error }}', 'error converting YAML to JSON: yaml: line 1: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['fromYamlArray', '{{ fromYamlArray "- 1\\n- two" }}', '[1 two]'],
    ['fromJson / fromJsonArray', '{{ (fromJson "{\\"k\\": [1, 2]}").k }} {{ fromJsonArray "[1, \\"a\\"]" }}', '[1 2] [1 a]'],
    ['tpl renders a value as a template', '{{ tpl .Values.msg . }}', 'hello web'],
    ['tpl sees defines from the chart', '{{ tpl "{{ include \\"who\\" . }}" . }}', 'world'],
    ['tpl drops <no value>', '[{{ tpl "{{ .nothing }}" . }}]', '[]'],
    ['tpl parse error', '{{ tpl "{{ .x" . }}', 'ERR: template: t:1:3: executing "t" at <tpl "{{ .x" .>: error calling tpl: cannot parse template "{{ .x": template: gotpl:1: unclosed action'],
    ['tpl needs a map', '{{ tpl "x" "s" }}', 'ERR: template: t:1:11: executing "t" at <"s">: can\'t handle "s" for arg of type map[string]interface {}'],
    ['required passes a value through', '{{ required "need it" .Values.name }}', 'web'],
    ['required fails on nil and empty string', '{{ required "token is required" .Values.token }}', 'ERR: template: t:1:3: executing "t" at <required "token is required" .Values.token>: error calling required: token is required'],
    ['required accepts false and 0', '{{ required "x" false }} {{ required "x" 0 }}', 'false 0'],
    ['fail', '{{ fail "nope" }}', 'ERR: template: t:1:3: executing "t" at <fail "nope">: error calling fail: nope'],
    ['lookup returns an empty map', '{{ lookup "v1" "Secret" "ns" "x" }} {{ (lookup "v1" "Secret" "ns" "x").data }}', 'map[] <no value>'],
  ])('%s', (_n, text, want) => {
    const data = {
      m: { c: { d: true }, a: 1, b: ['x', 'y'] },
      lm: [{ port: 80, name: 'a' }, { name: 'b', port: 443 }],
      big: 1000000,
      r: { limits: { memory: '128Mi', cpu: '100m' } },
      Values: { msg: 'hello {{ .Values.name }}', name: 'web' },
    };
    expect(run(text, data, { h: '{{ define "who" }}world{{ end }}' })).toBe(want);
  });
});
