import { describe, expect, it } from 'vitest';
import { formatFloatE, formatFloatF, formatFloatShortest } from './gofloat';
import { goQuote, sprintf } from './gofmt';

describe('Go float formatting', () => {
  it.each([
    [0, '0'],
    [3, '3'],
    [-2.5, '-2.5'],
    [0.1, '0.1'],
    [100000, '100000'],
    [1000000, '1e+06'],
    [1234567, '1.234567e+06'],
    [123456.7, '123456.7'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1e21, '1e+21'],
    [Infinity, '+Inf'],
    [NaN, 'NaN'],
  ])('%%v of %s', (f, want) => {
    expect(formatFloatShortest(f)).toBe(want);
  });

  it('%e and %f', () => {
    expect(formatFloatE(1234.5678, 2)).toBe('1.23e+03');
    expect(formatFloatE(0, 1)).toBe('0.0e+00');
    expect(formatFloatF(3.14159, 2)).toBe('3.14');
    expect(formatFloatF(-1, 0)).toBe('-1');
  });
});

describe('sprintf', () => {
  it.each([
    ['%s=%v', ['a', 1n], 'a=1'],
    ['%5.1f|%-6d|%+d|%x|%X|%o|%b|%c|%U', [3.14159, 42n, 5n, 255n, 255n, 8n, 5n, 65n, 65n], '  3.1|42    |+5|ff|FF|10|101|A|U+0041'],
    ['%05.1f', [2.5], '002.5'],
    ['%.3s|%q|%#v', ['abcdef', 'x"y', 'z'], 'abc|"x\\"y"|"z"'],
    ['%t %v', [false, null], 'false <nil>'],
    ['%d', ['s'], '%!d(string=s)'],
    ['%s', [null], '%!s(<nil>)'],
    ['%T %T %T', [1.5, 1n, ['a']], 'float64 int []interface {}'],
    ['%d%%', [50n], '50%'],
    ['trailing %', [], 'trailing %!(NOVERB)'],
  ])('%s', (format, args, want) => {
    expect(sprintf(format, args)).toBe(want);
  });

  it('goQuote escapes control characters and keeps printable unicode', () => {
    expect(goQuote('é\t\u0001"\\')).toBe('"é\\t\\x01\\"\\\\"');
  });
});
