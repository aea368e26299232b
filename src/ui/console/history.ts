/**
 * Console history: newest last, bounded, no consecutive duplicates, kept in localStorage.
 * What comes back from storage is untrusted (another tab, an old version, a hand edit):
 * anything that is not a list of strings is dropped, long entries and surplus are cut.
 */

export const HISTORY_KEY = 'kube-sandbox-console-history';
export const MAX_HISTORY = 500;
/** Longer lines are not worth recalling (the engine refuses lines over 4,096 characters anyway). */
export const MAX_ENTRY_CHARS = 8192;

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function validHistory(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  const out: string[] = [];
  for (const item of raw.slice(-MAX_HISTORY * 2)) {
    if (typeof item !== 'string') continue;
    const line = item.replace(/[\r\n]+/g, ' ').trim();
    if (line === '' || line.length > MAX_ENTRY_CHARS || out.at(-1) === line) continue;
    out.push(line);
  }
  return out.slice(-MAX_HISTORY);
}

export function loadHistory(store: KeyValueStore | undefined): string[] {
  try {
    const text = store?.getItem(HISTORY_KEY);
    return text ? validHistory(JSON.parse(text)) : [];
  } catch {
    // Unreadable (corrupt JSON, storage denied): start empty rather than fail the console.
    return [];
  }
}

export function saveHistory(store: KeyValueStore | undefined, history: readonly string[]): void {
  try {
    store?.setItem(HISTORY_KEY, JSON.stringify(history.slice(-MAX_HISTORY)));
  } catch {
    // Quota or private mode: history still works for this visit.
  }
}

/** History with `line` appended (not twice in a row; bounded). */
export function pushHistory(history: readonly string[], line: string): string[] {
  return validHistory([...history, line]);
}

/**
 * ↑ / ↓ through history. `index` is the entry shown (history.length = the draft being
 * typed); the draft is remembered so ↓ past the newest entry gives it back.
 */
export interface HistoryCursor {
  index: number;
  draft: string;
}

export function historyStep(history: readonly string[], cursor: HistoryCursor, current: string, delta: -1 | 1): { cursor: HistoryCursor; line: string } | null {
  const draft = cursor.index === history.length ? current : cursor.draft;
  const index = cursor.index + delta;
  if (index < 0 || index > history.length) return null;
  return { cursor: { index, draft }, line: index === history.length ? draft : history[index]! };
}
