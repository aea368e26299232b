import { describe, expect, it } from 'vitest';
import { EDITOR_KEY, loadEditor, MAX_SAVED_CHARS, parseSaved, saveEditor, type KeyValueStore } from './persist';

function memory(initial: Record<string, string> = {}): KeyValueStore & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) };
}

describe('editor persistence', () => {
  it.each<[string, unknown, ReturnType<typeof parseSaved>]>([
    ['a draft', { draft: 'kind: Pod' }, { draft: 'kind: Pod', edit: null }],
    ['a draft and an edit', { draft: '', edit: { ref: { kind: 'Deployment', namespace: 'default', name: 'web' }, original: 'o', text: 'x' } }, { draft: '', edit: { ref: { kind: 'Deployment', namespace: 'default', name: 'web' }, original: 'o', text: 'x' } }],
    ['an older edit without its original', { draft: '', edit: { ref: { kind: 'Node', name: 'worker-1' }, text: 'x' } }, { draft: '', edit: { ref: { kind: 'Node', name: 'worker-1' }, original: 'x', text: 'x' } }],
    ['not an object', 'kind: Pod', null],
    ['a list', ['x'], null],
    ['a draft that is not text', { draft: 42 }, null],
    ['an edit with a bad ref', { draft: 'a', edit: { ref: { kind: '<script>', name: 'x' }, text: 'x' } }, { draft: 'a', edit: null }],
    ['an edit without text', { draft: 'a', edit: { ref: { kind: 'Pod', name: 'x' } } }, { draft: 'a', edit: null }],
    ['an inherited draft', Object.create({ draft: 'proto' }) as unknown, null],
    ['oversize', { draft: 'x'.repeat(MAX_SAVED_CHARS + 1) }, null],
  ])('reads back %s', (_name, raw, expected) => {
    expect(parseSaved(raw)).toEqual(expected);
  });

  it('round-trips, and refuses what it cannot keep without losing the text in memory', () => {
    const store = memory();
    expect(saveEditor(store, { draft: 'kind: Pod', edit: null })).toBe(true);
    expect(loadEditor(store)).toEqual({ draft: 'kind: Pod', edit: null });
    expect(saveEditor(store, { draft: 'x'.repeat(MAX_SAVED_CHARS + 1), edit: null })).toBe(false);
    expect(loadEditor(store)).toEqual({ draft: 'kind: Pod', edit: null });
    expect(loadEditor(memory({ [EDITOR_KEY]: '{"draft":' }))).toBeNull();
    const full: KeyValueStore = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(saveEditor(full, { draft: 'a', edit: null })).toBe(false);
  });
});
