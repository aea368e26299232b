import type { ObjectRef } from '../../protocol/messages';

/**
 * The editor's text survives reloads: the manifest draft and an inspector edit in progress
 * are kept in localStorage. What comes back is untrusted (an old version, another tab, a hand
 * edit): it is checked field by field, and anything malformed is dropped, never cast.
 */

export const EDITOR_KEY = 'kube-sandbox-editor';
/** Larger texts still work in the editor; they are just not kept across reloads. */
export const MAX_SAVED_CHARS = 1_000_000;

export interface SavedEdit {
  ref: ObjectRef;
  /** The text as opened (the save patches the difference); older saves without it use `text`. */
  original: string;
  text: string;
}

export interface SavedEditor {
  draft: string;
  edit: SavedEdit | null;
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function field(o: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? (Reflect.get(o, key) as unknown) : undefined;
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.length <= MAX_SAVED_CHARS ? v : undefined;
}

function name(v: unknown, max: number): string | undefined {
  return typeof v === 'string' && v.length > 0 && v.length <= max && /^[A-Za-z0-9._:-]+$/.test(v) ? v : undefined;
}

function ref(v: unknown): ObjectRef | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const kind = name(field(v, 'kind'), 63);
  const n = name(field(v, 'name'), 253);
  const ns = field(v, 'namespace');
  if (!kind || !n) return undefined;
  if (ns === undefined) return { kind, name: n };
  const namespace = name(ns, 63);
  return namespace ? { kind, namespace, name: n } : undefined;
}

export function parseSaved(raw: unknown): SavedEditor | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const draft = text(field(raw, 'draft'));
  if (draft === undefined) return null;
  const e = field(raw, 'edit');
  let edit: SavedEdit | null = null;
  if (typeof e === 'object' && e !== null) {
    const r = ref(field(e, 'ref'));
    const t = text(field(e, 'text'));
    const o = text(field(e, 'original'));
    if (r && t !== undefined) edit = { ref: r, original: o ?? t, text: t };
  }
  return { draft, edit };
}

export function loadEditor(store: KeyValueStore | undefined): SavedEditor | null {
  try {
    const raw = store?.getItem(EDITOR_KEY);
    return raw ? parseSaved(JSON.parse(raw)) : null;
  } catch {
    // Corrupt JSON or storage denied: the editor opens with its template instead.
    return null;
  }
}

/** Saves; false when the text is too large to keep (or storage refused it). */
export function saveEditor(store: KeyValueStore | undefined, saved: SavedEditor): boolean {
  if (saved.draft.length > MAX_SAVED_CHARS || (saved.edit && saved.edit.text.length + saved.edit.original.length > MAX_SAVED_CHARS)) return false;
  try {
    store?.setItem(EDITOR_KEY, JSON.stringify(saved));
    return true;
  } catch {
    return false;
  }
}
