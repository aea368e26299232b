import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, parseJson, RESERVED_KEYS, type JsonValue } from './safe-json';

const LIMITS = { depth: 16, entries: 100 };

function hasReservedKey(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.some(hasReservedKey);
  return Object.keys(v).some((k) => RESERVED_KEYS.has(k) || hasReservedKey((v as Record<string, unknown>)[k]));
}

describe('parseJson', () => {
  it('reads what JSON.parse reads (whitespace, escapes, numbers, unicode)', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 6 }), (text) => {
        const expected: unknown = JSON.parse(text);
        fc.pre(!hasReservedKey(expected));
        expect(parseJson(text, { depth: 16, entries: 10_000 })).toEqual({ ok: true, value: expected });
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    [' { "a" : [1, -2.5e3, true, false, null, "x\\u00e9\\n\\/"] } ', { a: [1, -2500, true, false, null, 'xé\n/'] }],
    ['"\\ud83d\\ude00 \\ud800"', '😀 \ud800'],
    ['0', 0],
    ['-0.0', -0],
    ['1e-400', 0],
  ])('accepts %s', (text, value) => {
    expect(parseJson(text, LIMITS)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'invalid JSON at character 0: unexpected end of data'],
    ['{"a":1,"a":2}', 'invalid JSON at character 7: duplicate key "a"'],
    ['{"__proto__":{"polluted":1}}', 'invalid JSON at character 1: forbidden key "__proto__"'],
    ['{"a":{"constructor":{"prototype":{}}}}', 'invalid JSON at character 6: forbidden key "constructor"'],
    ['{"prototype":1}', 'invalid JSON at character 1: forbidden key "prototype"'],
    ['{"\\u005f_proto__":1}', 'invalid JSON at character 1: forbidden key "__proto__"'],
    ['1e400', 'invalid JSON at character 0: number out of range'],
    ['-1e400', 'invalid JSON at character 0: number out of range'],
    ['NaN', 'invalid JSON at character 0: unexpected character'],
    ['Infinity', 'invalid JSON at character 0: unexpected character'],
    ['01', 'invalid JSON at character 1: trailing characters after the data'],
    ['1.', 'invalid JSON at character 1: trailing characters after the data'],
    ['{"a":1}x', 'invalid JSON at character 7: trailing characters after the data'],
    ['[1,2', 'invalid JSON at character 4: unexpected end of data, expected ","'],
    ['[1,]', 'invalid JSON at character 3: unexpected character'],
    ['{"a" 1}', 'invalid JSON at character 5: expected ":"'],
    ['{a:1}', 'invalid JSON at character 1: expected a quoted key'],
    ['"abc', 'invalid JSON at character 0: unterminated string'],
    ['"a\nb"', 'invalid JSON at character 2: control character in string'],
    ['"\\x41"', 'invalid JSON at character 1: invalid escape in string'],
    ['"\\u12"', 'invalid JSON at character 1: invalid escape in string'],
    ["'a'", 'invalid JSON at character 0: unexpected character'],
    ['[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]', 'invalid JSON at character 16: nested deeper than 16 levels'],
    [`[${'0,'.repeat(100)}0]`, 'invalid JSON at character 201: list longer than 100 entries'],
    [`{${Array.from({ length: 101 }, (_, i) => `"k${i}":0`).join(',')}}`, 'invalid JSON at character 791: map with more than 100 keys'],
  ])('refuses %s', (text, error) => {
    expect(parseJson(text, LIMITS)).toEqual({ ok: false, error });
  });

  it('survives nesting far past the stack without throwing', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(parseJson(deep, LIMITS)).toEqual({ ok: false, error: 'invalid JSON at character 16: nested deeper than 16 levels' });
  });

  it('never touches Object.prototype and builds prototype-less maps', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const r = parseJson('{"a":{"b":[{"c":1}]}}', LIMITS);
    expect(r.ok && Object.getPrototypeOf(r.value)).toBe(null);
    parseJson('{"__proto__":{"polluted":true}}', LIMITS);
    parseJson('{"x":{"constructor":{"prototype":{"polluted":true}}}}', LIMITS);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and writes no spaces', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}');
  });

  it('escapes lone surrogates, so the text is valid UTF-16 → UTF-8', () => {
    expect(canonicalJson('\ud800')).toBe('"\\ud800"');
  });

  it('is read back to the same value, and does not depend on key order', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (v) => {
        fc.pre(!hasReservedKey(v));
        const text = canonicalJson(v as JsonValue);
        const back = parseJson(text, { depth: 16, entries: 10_000 });
        expect(back).toEqual({ ok: true, value: JSON.parse(text) });
        expect(back.ok && canonicalJson(back.value)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses non-finite numbers', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow('cannot encode NaN in JSON');
  });
});
