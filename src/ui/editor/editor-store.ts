import { create } from 'zustand';
import type { ConsoleLine, ConsoleMarker } from '../../protocol/console';
import type { ObjectRef } from '../../protocol/messages';
import { loadEditor, saveEditor, type KeyValueStore } from './persist';
import { STARTER_TEMPLATE } from './template';

/** An inspector edit in progress (`kubectl edit`). */
export interface EditTarget {
  ref: ObjectRef;
  /** The text as opened: saving patches the difference onto the live object. */
  original: string;
  text: string;
}

/** The last apply or save, as the console printed it. */
export interface EditorResult {
  command: string;
  lines: ConsoleLine[];
  exitCode: number | null;
}

export interface EditorState {
  /** The manifest draft (apply mode). */
  draft: string;
  edit: EditTarget | null;
  markers: ConsoleMarker[];
  result: EditorResult | null;
  busy: boolean;
  /** Where the editor should move its cursor (a marker was clicked); `n` makes each request new. */
  jump: { line: number; column: number; n: number } | null;
  /** The text is too large to keep across reloads (it is still kept for this visit). */
  unsaved: boolean;
}

function storage(): KeyValueStore | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

const saved = loadEditor(storage());

export const useEditor = create<EditorState>()(() => ({
  draft: saved?.draft ?? STARTER_TEMPLATE,
  edit: saved?.edit ?? null,
  markers: [],
  result: null,
  busy: false,
  jump: null,
  unsaved: false,
}));

/** Saving waits for a pause in typing: one write per burst, not per key. */
const SAVE_DELAY_MS = 400;
let saveTimer: ReturnType<typeof setTimeout> | undefined;

/** Writes the text now (a pending delayed save is folded in). */
export function persistNow(): void {
  if (saveTimer !== undefined) clearTimeout(saveTimer);
  saveTimer = undefined;
  const s = useEditor.getState();
  const ok = saveEditor(storage(), { draft: s.draft, edit: s.edit });
  if (ok === s.unsaved) useEditor.setState({ unsaved: !ok });
}

function persistSoon(): void {
  if (saveTimer !== undefined) clearTimeout(saveTimer);
  saveTimer = setTimeout(persistNow, SAVE_DELAY_MS);
}

// A reload or a closed tab right after typing must not lose the last keystrokes.
if (typeof window !== 'undefined') {
  window.addEventListener('pagehide', () => {
    if (saveTimer !== undefined) persistNow();
  });
}

/** The text shown: the edit in progress, else the draft. */
export const selectText = (s: EditorState): string => (s.edit ? s.edit.text : s.draft);

export function setText(text: string): void {
  useEditor.setState((s) => (s.edit ? { edit: { ...s.edit, text } } : { draft: text }));
  persistSoon();
}

export function startEdit(ref: ObjectRef, text: string): void {
  useEditor.setState({ edit: { ref, original: text, text }, markers: [], result: null, jump: null });
  persistSoon();
}

export function endEdit(): void {
  useEditor.setState({ edit: null, markers: [], result: null, jump: null });
  persistSoon();
}

export function setOutcome(result: EditorResult | null, markers: ConsoleMarker[]): void {
  useEditor.setState({ result, markers, busy: false });
}

export function setBusy(busy: boolean): void {
  useEditor.setState({ busy });
}

export function jumpTo(line: number, column: number): void {
  useEditor.setState((s) => ({ jump: { line, column, n: (s.jump?.n ?? 0) + 1 } }));
}
