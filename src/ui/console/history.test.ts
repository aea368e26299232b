import { describe, expect, it } from 'vitest';
import { HISTORY_KEY, historyStep, loadHistory, MAX_ENTRY_CHARS, MAX_HISTORY, pushHistory, saveHistory, validHistory, type KeyValueStore } from './history';

function memory(initial: Record<string, string> = {}): KeyValueStore & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) };
}

describe('console history', () => {
  it.each<[string, unknown, string[]]>([
    ['not a list', { a: 1 }, []],
    ['mixed types', ['kubectl get pods', 3, null, { x: 1 }, 'helm list'], ['kubectl get pods', 'helm list']],
    ['blank and multi-line entries', ['  ', 'kubectl\nget pods'], ['kubectl get pods']],
    ['duplicates in a row', ['a', 'a', 'b', 'a'], ['a', 'b', 'a']],
    ['an entry too long to recall', ['x'.repeat(MAX_ENTRY_CHARS + 1), 'ok'], ['ok']],
  ])('validates what storage returns: %s', (_name, raw, expected) => {
    expect(validHistory(raw)).toEqual(expected);
  });

  it('is bounded, newest kept', () => {
    const long = Array.from({ length: MAX_HISTORY + 20 }, (_, i) => `cmd ${i}`);
    const h = validHistory(long);
    expect(h).toHaveLength(MAX_HISTORY);
    expect(h.at(-1)).toBe(`cmd ${MAX_HISTORY + 19}`);
  });

  it('round-trips through storage, and survives corrupt or denied storage', () => {
    const store = memory();
    saveHistory(store, pushHistory(pushHistory([], 'kubectl get pods'), 'kubectl get pods'));
    expect(loadHistory(store)).toEqual(['kubectl get pods']);
    expect(loadHistory(memory({ [HISTORY_KEY]: '{not json' }))).toEqual([]);
    const denied: KeyValueStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(loadHistory(denied)).toEqual([]);
    expect(() => saveHistory(denied, ['a'])).not.toThrow();
  });

  it('steps up and down, giving the draft back at the bottom', () => {
    const h = ['one', 'two'];
    let cursor = { index: 2, draft: '' };
    const up1 = historyStep(h, cursor, 'draft', -1)!;
    expect(up1.line).toBe('two');
    cursor = up1.cursor;
    const up2 = historyStep(h, cursor, 'two', -1)!;
    expect(up2.line).toBe('one');
    expect(historyStep(h, up2.cursor, 'one', -1)).toBeNull();
    const down = historyStep(h, up2.cursor, 'one', 1)!;
    expect(down.line).toBe('two');
    expect(historyStep(h, down.cursor, 'two', 1)!.line).toBe('draft');
    expect(historyStep(h, { index: 2, draft: '' }, 'x', 1)).toBeNull();
  });
});
