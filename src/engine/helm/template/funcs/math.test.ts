import { describe, expect, it } from 'vitest';
import { run } from '../test-helpers';

describe('sprig math, conversion, defaults, types, encoding', () => {
  it.each([
    ['add / add1 / sub / mul / div / mod', '{{ add 1 2 3 }} {{ add1 .f }} {{ sub 10 .f }} {{ mul 2 3 4 }} {{ div 7 2 }} {{ mod 7 2 }}', '6 3 8 24 3 1'],
    ['math on floats truncates to int64', '{{ add .f 0.9 }}', '2'],
    ['max / min', '{{ max 1 5 3 }} {{ min 4 2 8 }}', '5 2'],
    ['div by zero', '{{ div 1 0 }}', 'ERR: template: t:1:3: executing "t" at <div 1 0>: error calling div: runtime error: integer divide by zero'],
    ['floor / ceil / round', '{{ floor 1.7 }} {{ ceil 1.2 }} {{ round 2.345 2 }}', '1 2 2.35'],
    ['int / int64 / float64 / atoi', '{{ int "42" }} {{ int .f }} {{ int64 "x" }} {{ float64 "1.5" }} {{ atoi "12" }}', '42 2 0 1.5 12'],
    ['int makes float values comparable to int literals', '{{ gt (int .f) 1 }}', 'true'],
    ['default', '{{ default "d" .missing }} {{ default "d" "" }} {{ default "d" "v" }} {{ .missing | default 3 }} {{ default "d" false }}', 'd d v 3 d'],
    ['empty', '{{ empty "" }} {{ empty 0 }} {{ empty (list) }} {{ empty (dict) }} {{ empty .missing }} {{ empty "x" }}', 'true true true true true false'],
    ['coalesce', '{{ coalesce .missing "" "first" "second" }}', 'first'],
    ['ternary', '{{ ternary "yes" "no" true }} {{ ternary "yes" "no" (eq 1 2) }}', 'yes no'],
    ['ternary needs a bool', '{{ ternary "a" "b" "x" }}', 'ERR: template: t:1:19: executing "t" at <"x">: expected bool; found "x"'],
    ['kindOf / kindIs / typeOf', '{{ kindOf .f }} {{ kindOf .m }} {{ kindIs "slice" .l }} {{ typeOf "s" }} {{ typeOf .l }} {{ typeOf .missing }}', 'float64 map true string []interface {} <nil>'],
    ['typeIs / typeIsLike', '{{ typeIs "string" "s" }} {{ typeIs "int" 1 }} {{ typeIsLike "float64" .f }} {{ typeIs "bool" 1 }}', 'true true true false'],
    ['deepEqual', '{{ deepEqual (list 1 (dict "a" 1)) (list 1 (dict "a" 1)) }}', 'true'],
    ['b64enc / b64dec', '{{ b64enc "user:pass" }} {{ b64dec "dXNlcjpwYXNz" }} {{ b64dec "!!" }}', 'dXNlcjpwYXNz user:pass illegal base64 data at input byte 0'],
    ['sha256sum', '{{ sha256sum "" }}', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['semverCompare', '{{ semverCompare ">=1.21-0" .kube }} {{ semverCompare "<1.21" .kube }}', 'true false'],
  ])('%s', (_n, text, want) => {
    expect(run(text, { f: 2, m: {}, l: [], kube: 'v1.34.1' })).toBe(want);
  });
});
