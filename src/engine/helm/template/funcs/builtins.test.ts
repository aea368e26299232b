import { describe, expect, it } from 'vitest';
import { run } from '../test-helpers';

describe('text/template builtins', () => {
  it.each([
    ['eq strings', '{{ eq "a" "a" }} {{ eq "a" "b" }}', {}, 'true false'],
    ['eq with several candidates', '{{ eq .s "x" "y" "z" }}', { s: 'y' }, 'true'],
    ['eq ints', '{{ eq 1 1 }}', {}, 'true'],
    ['eq floats from values', '{{ eq .a .b }}', { a: 2, b: 2 }, 'true'],
    ['eq nil against a string is false', '{{ eq .missing "x" }}', {}, 'false'],
    ['eq int with float is an error', '{{ eq .f 1 }}', { f: 1 }, 'ERR: template: t:1:3: executing "t" at <eq .f 1>: error calling eq: incompatible types for comparison'],
    ['eq on lists is an error', '{{ eq .l .l }}', { l: [1] }, 'ERR: template: t:1:3: executing "t" at <eq .l .l>: error calling eq: non-comparable type [1]: []interface {}'],
    ['ne', '{{ ne "a" "b" }} {{ ne 1 1 }}', {}, 'true false'],
    ['lt le gt ge on ints', '{{ lt 1 2 }} {{ le 2 2 }} {{ gt 1 2 }} {{ ge 2 3 }}', {}, 'true true false false'],
    ['comparisons on floats', '{{ gt .a 1.5 }} {{ lt .a 1.5 }}', { a: 2 }, 'true false'],
    ['comparisons on strings', '{{ lt "abc" "abd" }}', {}, 'true'],
    ['lt on nil', '{{ lt .missing 1 }}', {}, 'ERR: template: t:1:3: executing "t" at <lt .missing 1>: error calling lt: invalid type for comparison'],
    ['lt on bools', '{{ lt true false }}', {}, 'ERR: template: t:1:3: executing "t" at <lt true false>: error calling lt: invalid type for comparison'],
    ['len of string counts bytes', '{{ len "héllo" }}', {}, '6'],
    ['len of list and map', '{{ len .l }} {{ len .m }}', { l: [1, 2, 3], m: { a: 1 } }, '3 1'],
    ['len of nil', '{{ len .missing }}', {}, 'ERR: template: t:1:3: executing "t" at <len .missing>: error calling len: len of nil pointer'],
    ['len of a number', '{{ len 3 }}', {}, 'ERR: template: t:1:3: executing "t" at <len 3>: error calling len: len of type int'],
    ['index into map and list', '{{ index .m "a-b" }} {{ index .l 1 }} {{ index .n "x" 0 }}', { m: { 'a-b': 'dash' }, l: ['p', 'q'], n: { x: ['deep'] } }, 'dash q deep'],
    ['index of a missing key is nil', '[{{ index .m "nope" }}]', { m: {} }, '[<no value>]'],
    ['index out of range', '{{ index .l 5 }}', { l: [1] }, 'ERR: template: t:1:3: executing "t" at <index .l 5>: error calling index: index out of range: 5'],
    ['index of nil', '{{ index .missing "a" }}', {}, 'ERR: template: t:1:3: executing "t" at <index .missing "a">: error calling index: index of untyped nil'],
    ['slice', '{{ slice .l 1 }} {{ slice "hello" 1 3 }}', { l: [1, 2, 3] }, '[2 3] el'],
    ['print joins non-strings with spaces', '{{ print "a" "b" 1 2 "c" }}', {}, 'ab1 2c'],
    ['print of nil', '{{ print .missing }}', {}, '<nil>'],
    ['println', '{{ println "a" 1 }}', {}, 'a 1\n'],
    ['printf verbs', '{{ printf "%s|%d|%v|%q|%t|%5s|%-4s|%05d|%x|%.2f|%%" "s" 7 .f "q" true "r" "l" 42 255 3.14159 }}', { f: 1.5 }, 's|7|1.5|"q"|true|    r|l   |00042|ff|3.14|%'],
    ['printf bad verb, missing and extra args', '{{ printf "%d %s" .f }}|{{ printf "x" 1 }}', { f: 2 }, '%!d(float64=2) %!s(MISSING)|x%!(EXTRA int=1)'],
    ['printf %v of collections', '{{ printf "%v %v" .l .m }}', { l: ['a', 1], m: { k: 'v' } }, '[a 1] map[k:v]'],
    ['html', '{{ html "<a href=\'x\'>&</a>" }}', {}, '&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;'],
    ['urlquery', '{{ urlquery "a b&c" }}', {}, 'a+b%26c'],
    ['js', '{{ js "it\'s <b>" }}', {}, "it\\'s \\u003Cb\\u003E"],
  ])('%s', (_n, text, data, want) => {
    expect(run(text, data)).toBe(want);
  });
});
