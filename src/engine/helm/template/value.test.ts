import { describe, expect, it } from 'vitest';
import { parseYaml } from '../yaml/parse';
import { run } from './test-helpers';
import { fromGoValue, goTypeName, jsonFieldName, mapGet, toGoValue, truth } from './value';

describe('template values', () => {
  it.each([
    [null, false],
    ['', false],
    ['x', true],
    [0, false],
    [BigInt(0), false],
    [BigInt(2), true],
    [[], false],
    [{}, false],
    [{ a: null }, true],
    [false, false],
  ])('truth(%s)', (v, want) => {
    expect(truth(toGoValue(v))).toBe(want);
  });

  it('type names as Go prints them', () => {
    expect([null, 's', 1.5, 1n, true, [], {}].map((v) => goTypeName(toGoValue(v)))).toEqual(['<nil>', 'string', 'float64', 'int', 'bool', '[]interface {}', 'map[string]interface {}']);
  });

  it('prototype-looking keys are plain keys', () => {
    expect(run('[{{ .Values.constructor }}][{{ .Values.toString }}]', { Values: {} })).toBe('[<no value>][<no value>]');
    const parsed = parseYaml('__proto__:\n  polluted: true\nconstructor: c\n');
    expect(parsed.ok && mapGet(parsed.ok ? (parsed.value as never) : {}, 'constructor')).toBe('c');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(parsed.ok && fromGoValue(parsed.value)).toEqual(JSON.parse('{"__proto__":{"polluted":true},"constructor":"c"}'));
  });

  it('json field names follow Helm struct tags', () => {
    expect(['Name', 'APIVersion', 'AppVersion', 'KubeVersion', 'URL'].map(jsonFieldName)).toEqual(['name', 'apiVersion', 'appVersion', 'kubeVersion', 'url']);
  });

  it('rejects absurd nesting instead of overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 300; i++) deep = [deep];
    expect(() => toGoValue(deep)).toThrow('value nested deeper than 200 levels');
  });
});
