import { describe, expect, it } from 'vitest';
import { run } from '../test-helpers';

describe('sprig list functions', () => {
  it.each([
    ['list', '{{ list 1 "a" .missing }}', '[1 a <nil>]'],
    ['first / last / rest / initial', '{{ first .l }} {{ last .l }} {{ rest .l }} {{ initial .l }}', '1 3 [2 3] [1 2]'],
    ['first of empty is nil', '[{{ first (list) }}]', '[<no value>]'],
    ['append / prepend / concat', '{{ append .l 4 }} {{ prepend .l 0 }} {{ concat .l (list 9) }}', '[1 2 3 4] [0 1 2 3] [1 2 3 9]'],
    ['append does not change the original', '{{ $_ := append .l 4 }}{{ .l }}', '[1 2 3]'],
    ['uniq / without / has / compact / reverse', '{{ uniq (list 1 1 2) }} {{ without .l 2 }} {{ has 2 .l }} {{ compact (list "" "a" 0 1) }} {{ reverse .l }}', '[1 2] [1 3] true [a 1] [3 2 1]'],
    ['has on nil list', '{{ has 1 .missing }}', 'false'],
    ['until / untilStep', '{{ until 3 }} {{ untilStep 0 10 4 }} {{ until -2 }}', '[0 1 2] [0 4 8] [0 -1]'],
    ['first on a string fails', '{{ first "abc" }}', 'ERR: template: t:1:3: executing "t" at <first "abc">: error calling first: Cannot find first on type string'],
  ])('%s', (_n, text, want) => {
    expect(run(text, { l: [1n, 2n, 3n] })).toBe(want);
  });
});

describe('sprig dict functions', () => {
  it.each([
    ['dict and get', '{{ $d := dict "a" 1 "b" "x" }}{{ get $d "b" }} [{{ get $d "zz" }}]', 'x []'],
    ['dict with odd arguments', '{{ dict "a" 1 "lonely" }}', 'map[a:1 lonely:]'],
    ['set mutates and returns', '{{ $d := dict }}{{ $_ := set $d "k" "v" }}{{ $d.k }}', 'v'],
    ['unset', '{{ $d := dict "a" 1 "b" 2 }}{{ unset $d "a" }}', 'map[b:2]'],
    ['hasKey', '{{ hasKey .m "a" }} {{ hasKey .m "z" }}', 'true false'],
    ['hasKey on a missing map', '{{ hasKey .missing "a" }}', 'ERR: template: t:1:10: executing "t" at <.missing>: wrong type for value; expected map[string]interface {}; got interface {}'],
    ['keys (sorted) and values', '{{ keys .m }} {{ values .m }}', '[a b] [1 2]'],
    ['pluck', '{{ pluck "a" .m (dict "a" 9) (dict "b" 0) }}', '[1 9]'],
    ['pick / omit', '{{ pick .m "a" }} {{ omit .m "a" }}', 'map[a:1] map[b:2]'],
    ['merge keeps destination values', '{{ merge (dict "a" 1 "n" (dict "x" 1)) (dict "a" 2 "b" 3 "n" (dict "x" 2 "y" 2)) }}', 'map[a:1 b:3 n:map[x:1 y:2]]'],
    ['mergeOverwrite lets sources win', '{{ mergeOverwrite (dict "a" 1 "n" (dict "x" 1)) (dict "a" 2 "n" (dict "y" 2)) }}', 'map[a:2 n:map[x:1 y:2]]'],
    ['deepCopy is independent', '{{ $c := deepCopy .m }}{{ $_ := set $c "a" 5 }}{{ .m.a }}', '1'],
    ['dig', '{{ dig "x" "y" "def" .n }} {{ dig "x" "z" "def" .n }}', 'found def'],
  ])('%s', (_n, text, want) => {
    expect(run(text, { m: { a: 1, b: 2 }, n: { x: { y: 'found' } } })).toBe(want);
  });
});
