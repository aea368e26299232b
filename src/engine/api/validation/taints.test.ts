import { describe, expect, it } from 'vitest';
import { validateTaints, validateTolerations } from './taints';

describe('toleration and taint field paths', () => {
  it.each<[string, unknown, string[]]>([
    ['valid tolerations build no errors', [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }], []],
    ['a bad key', [{ key: 'a/b/c', operator: 'Exists' }], ['t[0].key']],
    ['a key of the wrong type', [{ key: 7, operator: 'Exists' }], ['t[0].key']],
    ['an unknown effect', [{ key: 'k', operator: 'Exists', effect: 'NoRun' }], ['t[0].effect']],
  ])('tolerations: %s', (_name, tolerations, fields) => {
    expect(validateTolerations(tolerations, 't').map((e) => e.field)).toEqual(fields);
  });

  it.each<[string, unknown, string[]]>([
    ['a missing effect', [{ key: 'k' }], ['t[0].effect']],
    ['a bad key', [{ key: '-k', effect: 'NoSchedule' }], ['t[0].key']],
  ])('taints: %s', (_name, taints, fields) => {
    expect(validateTaints(taints, 't').map((e) => e.field)).toEqual(fields);
  });
});

describe('validateTolerations of frozen tolerations', () => {
  it('keeps the verdict of a frozen toleration, and checks an unfrozen one every time', () => {
    const valid = Object.freeze({ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 });
    const invalid = Object.freeze({ key: 'a/b/c', operator: 'Exists' });
    for (let i = 0; i < 2; i++) {
      expect(validateTolerations([valid, invalid], 't').map((e) => e.field)).toEqual(['t[1].key']);
      expect(validateTolerations([invalid, valid], 't').map((e) => e.field)).toEqual(['t[0].key']);
    }
    const mutable: Record<string, unknown> = { key: 'k', operator: 'Exists' };
    expect(validateTolerations([mutable], 't')).toEqual([]);
    mutable.key = 'a/b/c';
    expect(validateTolerations([mutable], 't').map((e) => e.field)).toEqual(['t[0].key']);
  });
});
