import { describe, expect, it } from 'vitest';
import { run } from './test-helpers';

describe('text and actions', () => {
  it.each([
    ['text only', 'plain', {}, 'plain'],
    ['field', 'hi {{ .name }}', { name: 'Ann' }, 'hi Ann'],
    ['nested field', '{{ .a.b.c }}', { a: { b: { c: 'deep' } } }, 'deep'],
    ['missing key prints <no value>', '[{{ .missing }}]', {}, '[<no value>]'],
    ['explicit null prints <no value>', '[{{ .n }}]', { n: null }, '[<no value>]'],
    ['float64 from values', '{{ .n }} {{ .m }} {{ .big }}', { n: 3, m: 2.5, big: 1000000 }, '3 2.5 1e+06'],
    ['int literal and float literal', '{{ 3 }} {{ 3.0 }} {{ 1e3 }} {{ 0x10 }}', {}, '3 3 1000 16'],
    ['bools and lists print like Go', '{{ true }} {{ .l }} {{ .m }}', { l: [1, 'a'], m: { b: 1, a: [] } }, 'true [1 a] map[a:[] b:1]'],
    ['string literal escapes', '{{ "a\\tb\\n" }}|{{ `raw\\n` }}', {}, 'a\tb\n|raw\\n'],
    ['char constant is an int', "{{ 'a' }}", {}, '97'],
    ['parenthesized pipeline and chain on it', '{{ (dict "k" (dict "x" 1)).k.x }}', {}, '1'],
    ['$ is the root', '{{ with .a }}{{ $.top }}{{ end }}', { a: 1, top: 'T' }, 'T'],
    ['nil dot field is quiet', '{{ template "x" }}', {}, 'ERR: template: t:1:12: executing "t" at <{{template "x"}}>: template "x" not defined'],
  ])('%s', (_n, text, data, want) => {
    expect(run(text, data)).toBe(want);
  });
});

describe('whitespace trimming', () => {
  it.each([
    ['both sides', 'a  {{- "x" -}}  b', 'axb'],
    ['left only keeps trailing', 'a \n {{- "x" }} \n', 'ax \n'],
    ['right only keeps leading', ' a {{ "x" -}}\n\n b', ' a xb'],
    ['trim across lines in a list', 'items:\n{{- range .l }}\n- {{ . }}\n{{- end }}\n', 'items:\n- 1\n- 2\n'],
    ['comment with trim', 'a\n{{- /* gone */}}\nb', 'a\nb'],
    ['nindent pattern', 'labels:\n  {{- include "l" . | nindent 2 }}\n', 'labels:\n  app: x\n  tier: web\n'],
  ])('%s', (_n, text, want) => {
    expect(run(text, { l: [1, 2] }, { h: '{{ define "l" }}app: x\ntier: web{{ end }}' })).toBe(want);
  });
});

describe('control structures', () => {
  it.each([
    ['if true', '{{ if .a }}yes{{ end }}', { a: 1 }, 'yes'],
    ['if else', '{{ if .a }}yes{{ else }}no{{ end }}', { a: '' }, 'no'],
    ['else if chain', '{{ if .a }}A{{ else if .b }}B{{ else if .c }}C{{ else }}D{{ end }}', { c: [1] }, 'C'],
    ['falsy values', '{{ range .v }}{{ if . }}T{{ else }}F{{ end }}{{ end }}', { v: [0, '', [], {}, false, null, 1, 'x'] }, 'FFFFFFTT'],
    ['with rebinds dot', '{{ with .a }}{{ .b }}{{ end }}', { a: { b: 'B' } }, 'B'],
    ['with else', '{{ with .a }}x{{ else }}empty{{ end }}', {}, 'empty'],
    ['else with', '{{ with .a }}A{{ else with .b }}{{ . }}{{ end }}', { b: 'B' }, 'B'],
    ['range list with index', '{{ range $i, $v := .l }}{{ $i }}:{{ $v }} {{ end }}', { l: ['a', 'b'] }, '0:a 1:b '],
    ['range map in sorted key order', '{{ range $k, $v := .m }}{{ $k }}={{ $v }};{{ end }}', { m: { zeta: 1, alpha: 2, mid: 3 } }, 'alpha=2;mid=3;zeta=1;'],
    ['range one variable is the element', '{{ range $v := .l }}{{ $v }}{{ end }}', { l: [1, 2] }, '12'],
    ['range sets dot', '{{ range .l }}<{{ .n }}>{{ end }}', { l: [{ n: 1 }, { n: 2 }] }, '<1><2>'],
    ['range else on empty', '{{ range .l }}x{{ else }}none{{ end }}', { l: [] }, 'none'],
    ['range over nil is empty', '{{ range .missing }}x{{ else }}none{{ end }}', {}, 'none'],
    ['range over int', '{{ range 3 }}{{ . }}{{ end }}', {}, '012'],
    ['break and continue', '{{ range .l }}{{ if eq . 2 }}{{ continue }}{{ end }}{{ if eq . 4 }}{{ break }}{{ end }}{{ . }}{{ end }}', { l: [1n, 2n, 3n, 4n, 5n] }, '13'],
    ['range with assignment to outer variable', '{{ $last := "" }}{{ range .l }}{{ $last = . }}{{ end }}{{ $last }}', { l: ['a', 'b'] }, 'b'],
    ['range over a string fails', '{{ range "abc" }}{{ end }}', {}, 'ERR: template: t:1:9: executing "t" at <{{range "abc"}}{{end}}>: range can\'t iterate over abc'],
  ])('%s', (_n, text, data, want) => {
    expect(run(text, data)).toBe(want);
  });
});

describe('variables and scope', () => {
  it.each([
    ['declare and use', '{{ $x := "v" }}{{ $x }}', 'v'],
    ['declaration prints nothing', 'a{{ $x := 1 }}b', 'ab'],
    ['assign updates outer variable from inside if', '{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}', '2'],
    ['declare inside if is scoped to it', '{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}', '21'],
    ['variables of the range pipeline end with it', '{{ range $i, $e := list 1 }}{{ end }}{{ $i }}', 'ERR: template: t:1: undefined variable "$i"'],
    ['variables do not leak into templates', '{{ define "d" }}{{ $x }}{{ end }}', 'ERR: template: t:1: undefined variable "$x"'],
    ['$ inside define is its own data', '{{ define "d" }}{{ $.v }}{{ end }}{{ include "d" (dict "v" "in") }}', 'in'],
    ['variable field chain', '{{ $m := dict "a" (dict "b" "c") }}{{ $m.a.b }}', 'c'],
  ])('%s', (_n, text, want) => {
    expect(run(text)).toBe(want);
  });
});

describe('define, template, include, block', () => {
  const helpers = {
    'chart/templates/_helpers.tpl': [
      '{{- define "c.name" -}}{{ default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}{{- end }}',
      '{{- define "c.fullname" -}}',
      '{{- $name := default .Chart.Name .Values.nameOverride }}',
      '{{- if contains $name .Release.Name }}{{ .Release.Name | trunc 63 | trimSuffix "-" }}',
      '{{- else }}{{ printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}{{ end }}',
      '{{- end }}',
      '{{- define "c.labels" -}}',
      'app.kubernetes.io/name: {{ include "c.name" . }}',
      'app.kubernetes.io/instance: {{ .Release.Name }}',
      '{{- end }}',
    ].join('\n'),
  };
  const data = { Chart: { Name: 'web' }, Release: { Name: 'prod' }, Values: {} };
  it.each([
    ['fullname', '{{ include "c.fullname" . }}', data, 'prod-web'],
    ['fullname when the release contains the chart name', '{{ include "c.fullname" . }}', { ...data, Release: { Name: 'my-web-app' } }, 'my-web-app'],
    ['nameOverride', '{{ include "c.fullname" . }}', { ...data, Values: { nameOverride: 'api' } }, 'prod-api'],
    ['labels with nindent', 'metadata:\n  labels:\n    {{- include "c.labels" . | nindent 4 }}', data, 'metadata:\n  labels:\n    app.kubernetes.io/name: web\n    app.kubernetes.io/instance: prod'],
    ['template action writes in place', '[{{ template "c.name" . }}]', data, '[web]'],
    ['template without data gets nil', '{{ define "n" }}{{ . }}{{ end }}[{{ template "n" }}]', data, '[<no value>]'],
    ['include result feeds functions', '{{ include "c.name" . | upper | quote }}', data, '"WEB"'],
    ['block defines and runs', '{{ block "b" . }}default {{ .Release.Name }}{{ end }}', data, 'default prod'],
    ['include of a missing template', '{{ include "nope" . }}', data, 'ERR: template: t:1:3: executing "t" at <include "nope" .>: error calling include: template: no template "nope" associated with template "gotpl"'],
    ['recursion stops', '{{ define "r" }}{{ include "r" . }}{{ end }}{{ include "r" . }}', data, 'RECURSION'],
  ])('%s', (_n, text, d, want) => {
    const got = run(text, d, helpers);
    if (want === 'RECURSION') expect(got).toContain('rendering template has a nested reference name: r: unable to execute template');
    else expect(got).toBe(want);
  });

  it('a later define replaces an earlier one; an empty one does not', () => {
    expect(run('{{ template "x" }}', {}, { a: '{{ define "x" }}A{{ end }}', b: '{{ define "x" }}B{{ end }}', c: '{{ define "x" }}{{ end }}' })).toBe('B');
  });

  it('redefining in the same file is an error', () => {
    expect(run('{{ define "x" }}1{{ end }}{{ define "x" }}2{{ end }}')).toBe('ERR: template: t:1: template: multiple definition of template "x"');
  });
});

describe('and / or / not return operands and short-circuit', () => {
  it.each([
    ['and returns first falsy', '{{ and 1 0 2 }}', '0'],
    ['and returns last when all true', '{{ and 1 "x" }}', 'x'],
    ['or returns first truthy', '{{ or "" 0 "y" }}', 'y'],
    ['or returns last when all false', '{{ or "" 0 }}', '0'],
    ['and short-circuits (fail is never called)', '{{ and false (fail "boom") }}', 'false'],
    ['or short-circuits', '{{ or true (fail "boom") }}', 'true'],
    ['pipeline value is the last operand', '{{ 0 | and 1 }}', '0'],
    ['not', '{{ not "" }} {{ not 1 }}', 'true false'],
  ])('%s', (_n, text, want) => {
    expect(run(text)).toBe(want);
  });
});

describe('execution errors name template:line:col', () => {
  it.each([
    ['nil pointer in a field chain', 'a\n  image: {{ .Values.image.repo }}', { Values: {} }, 'ERR: template: t:2:19: executing "t" at <.Values.image.repo>: nil pointer evaluating interface {}.repo'],
    ['field of a string value', '{{ .a.b }}', { a: 's' }, 'ERR: template: t:1:5: executing "t" at <.a.b>: can\'t evaluate field b in type interface {}'],
    ['field of a variable string', '{{ $s := "x" }}{{ $s.b }}', {}, 'ERR: template: t:1:20: executing "t" at <$s.b>: can\'t evaluate field b in type string'],
    ['wrong argument type from a field', '{{ upper .n }}', { n: 1 }, 'ERR: template: t:1:9: executing "t" at <.n>: wrong type for value; expected string; got float64'],
    ['missing value into a string parameter', '{{ upper .missing }}', {}, 'ERR: template: t:1:9: executing "t" at <.missing>: wrong type for value; expected string; got interface {}'],
    ['nil pipeline into a string parameter', '{{ .missing | upper }}', {}, 'ERR: template: t:1:14: executing "t" at <upper>: invalid value; expected string'],
    ['wrong number of args', '{{ upper "a" "b" }}', {}, 'ERR: template: t:1:3: executing "t" at <upper>: wrong number of args for upper: want 1 got 2'],
    ['constant of the wrong kind', '{{ trunc "3" "abc" }}', {}, 'ERR: template: t:1:9: executing "t" at <"3">: expected integer; found "3"'],
    ['comparing int and float', '{{ if gt .replicas 1 }}x{{ end }}', { replicas: 3 }, 'ERR: template: t:1:6: executing "t" at <gt .replicas 1>: error calling gt: incompatible types for comparison'],
    ['argument to a non-function', '{{ .a "x" }}', { a: 1 }, 'ERR: template: t:1:3: executing "t" at <.a>: a is not a method but has arguments'],
    ['nil is not a command', '{{ nil }}', {}, 'ERR: template: t:1:3: executing "t" at <nil>: nil is not a command'],
    ['error inside an include names the outer call', '{{ include "h" . }}', {}, 'ERR: template: t:1:3: executing "t" at <include "h" .>: error calling include: template: h.tpl:1:21: executing "h" at <.x.y.z>: nil pointer evaluating interface {}.y'],
  ])('%s', (_n, text, data, want) => {
    expect(run(text, data, { 'h.tpl': '{{ define "h" }}{{ .x.y.z }}{{ end }}' })).toBe(want);
  });
});

describe('parse errors name template:line', () => {
  it.each([
    ['unknown function', 'a\n{{ foo }}', 'template: t:2: function "foo" not defined'],
    ['unclosed action', '{{ .a', 'template: t:1: unclosed action'],
    ['missing end', '{{ if .a }}x', 'template: t:1: unexpected EOF'],
    ['stray end', 'x{{ end }}', 'template: t:1: unexpected {{end}}'],
    ['stray else', '{{ else }}', 'template: t:1: unexpected {{else}}'],
    ['empty if', '{{ if }}{{ end }}', 'template: t:1: missing value for if'],
    ['undefined variable', '{{ $nope }}', 'template: t:1: undefined variable "$nope"'],
    ['break outside range', '{{ break }}', 'template: t:1: {{break}} outside {{range}}'],
    ['non-executable pipeline stage', '{{ .a | "x" }}', 'template: t:1: non executable command in pipeline stage 2'],
    ['too many declarations', '{{ $a, $b := .x }}', 'template: t:1: too many declarations in command'],
    ['field on a literal', '{{ "x".y }}', 'template: t:1: unexpected . after term "\\"x\\""'],
    ['bad token in operand', '{{ .a } }}', 'template: t:1: unexpected "}" in operand'],
    ['template name must be a string', '{{ template x }}', 'template: t:1: unexpected "x" in template clause'],
    ['unclosed action started earlier', '{{ if .a\n\n', 'template: t:3: unclosed action started at t:1'],
  ])('%s', (_n, text, want) => {
    expect(run(text)).toBe(`ERR: ${want}`);
  });
});

describe('limits', () => {
  it('stops an endless tpl recursion with a clear error', () => {
    const out = run('{{ tpl "{{ tpl .t . }}" . }}', { t: '{{ tpl .t . }}' });
    expect(out).toContain('tpl nested more than 100 levels');
  });

  it('stops huge loops by step budget', () => {
    const out = run('{{ range until 100000 }}{{ range until 100000 }}{{ end }}{{ end }}', {}, {}, { maxSteps: 10_000, maxOutputChars: 1e6, maxDepth: 10 });
    expect(out).toContain('template execution exceeded 10000 steps');
  });

  it('stops runaway output', () => {
    const out = run('{{ range until 1000 }}{{ repeat 1000 "x" }}{{ end }}', {}, {}, { maxSteps: 1e6, maxOutputChars: 50_000, maxDepth: 10 });
    expect(out).toContain('rendered output exceeds 50000 characters');
  });
});
