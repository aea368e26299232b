import { describe, expect, it } from 'vitest';
import { run } from '../test-helpers';

describe('sprig string functions', () => {
  it.each([
    ['trim', '[{{ trim "  a b \\n" }}]', '[a b]'],
    ['trimAll', '{{ trimAll "$" "$5.00$" }}', '5.00'],
    ['trimSuffix / trimPrefix', '{{ trimSuffix "-" "name-" }} {{ trimPrefix "v" "v1.2" }}', 'name 1.2'],
    ['upper / lower / title / untitle', '{{ upper "ab" }} {{ lower "AB" }} {{ title "hello big-world" }} {{ untitle "Hello World" }}', 'AB ab Hello Big-World hello world'],
    ['repeat', '{{ repeat 3 "ab" }}', 'ababab'],
    ['substr', '{{ substr 1 3 "hello" }} {{ substr 2 -1 "hello" }}', 'el llo'],
    ['nospace', '{{ nospace "a b\\tc" }}', 'abc'],
    ['trunc', '{{ trunc 3 "abcdef" }} {{ trunc -2 "abcdef" }} {{ trunc 10 "ab" }}', 'abc ef ab'],
    ['trunc of a 63-char name', '{{ printf "%s-%s" "release-name-that-is-really-quite-long" "splunk-otel-collector" | trunc 63 | trimSuffix "-" }}', 'release-name-that-is-really-quite-long-splunk-otel-collector'],
    ['contains / hasPrefix / hasSuffix', '{{ contains "ell" "hello" }} {{ hasPrefix "he" "hello" }} {{ hasSuffix "lo" "hello" }} {{ contains "x" "hello" }}', 'true true true false'],
    ['quote and squote', '{{ quote "a\\"b" }} {{ squote "c" }} {{ quote 1 true }} [{{ quote .missing }}]', '"a\\"b" \'c\' "1" "true" []'],
    ['quote escapes like Go', '{{ quote "tab\\tnl\\n" }}', '"tab\\tnl\\n"'],
    ['cat', '{{ cat "a" 1 .missing "b" }}', 'a 1 b'],
    ['indent and nindent', '{{ indent 2 "a\\nb" }}|{{ nindent 2 "a" }}', '  a\n  b|\n  a'],
    ['indent pads blank lines too', '{{ indent 2 "a\\n\\nb" }}', '  a\n  \n  b'],
    ['replace', '{{ replace "+" "_" "1.0+build" }} {{ "a.b.c" | replace "." "-" }}', '1.0_build a-b-c'],
    ['plural', '{{ plural "pod" "pods" 1 }} {{ plural "pod" "pods" 3 }}', 'pod pods'],
    ['splitList and join', '{{ splitList "," "a,b,c" | join "-" }}', 'a-b-c'],
    ['split gives _N keys', '{{ $p := split "." "a.b" }}{{ $p._0 }}/{{ $p._1 }}', 'a/b'],
    ['join skips nil and formats others', '{{ join "," (list "a" 1 .missing true) }}', 'a,1,true'],
    ['toString', '{{ toString 5 }} {{ toString .f }} {{ toString true }}', '5 2.5 true'],
    ['toStrings', '{{ toStrings (list 1 "a") }}', '[1 a]'],
    ['sortAlpha', '{{ sortAlpha (list "c" "a" "b") }}', '[a b c]'],
  ])('%s', (_n, text, want) => {
    expect(run(text, { f: 2.5 })).toBe(want);
  });
});
