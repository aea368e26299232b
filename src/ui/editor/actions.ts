import type { CommandOutput } from '../../protocol/console';
import type { ObjectRef } from '../../protocol/messages';
import { addBlock } from '../console/console-store';
import { ask } from '../console/session';
import { useUi } from '../ui-store';
import { endEdit, persistNow, setBusy, setOutcome, startEdit, useEditor } from './editor-store';

/**
 * What the editor's buttons do. Every result is also printed in the console, as the same
 * command typed there would print it.
 */

function toConsole(out: CommandOutput): void {
  addBlock(out.command, { lines: out.lines, lineCount: out.lineCount, running: out.running, exitCode: out.exitCode, commandKey: out.commandKey });
}

function failure(message: string): void {
  setOutcome({ command: '', lines: [{ text: message, err: true }], exitCode: 1 }, []);
}

/** Apply: `kubectl apply -f -` of the draft. */
export async function applyDraft(): Promise<void> {
  const { draft, busy } = useEditor.getState();
  if (busy) return;
  setBusy(true);
  persistNow();
  const reply = await ask({ kind: 'apply', text: draft });
  if (reply.kind !== 'applied') return failure(reply.kind === 'unavailable' ? reply.message : `unexpected reply ${reply.kind}`);
  toConsole(reply);
  setOutcome({ command: reply.command, lines: reply.lines, exitCode: reply.exitCode }, reply.markers);
}

/** Inspector → Edit (or `kubectl edit` typed): opens the object's YAML in the editor tab. False when it is not there. */
export async function openForEdit(ref: ObjectRef, notify = true): Promise<boolean> {
  const reply = await ask({ kind: 'editable', ref });
  if (reply.kind !== 'editable' || !reply.found) {
    if (notify) useUi.getState().setNotice(`✗ ${ref.kind} ${ref.name} cannot be opened for editing: ${reply.kind === 'unavailable' ? reply.message : 'it is gone'}`);
    return false;
  }
  startEdit(ref, reply.yaml);
  useUi.getState().showDockTab('editor');
  return true;
}

/** Save of an inspector edit: the change is patched onto the object; a conflict if the object itself changed meanwhile. */
export async function saveEdit(): Promise<void> {
  const { edit, busy } = useEditor.getState();
  if (!edit || busy) return;
  setBusy(true);
  persistNow();
  const reply = await ask({ kind: 'edit', ref: edit.ref, original: edit.original, text: edit.text });
  if (reply.kind !== 'edited') return failure(reply.kind === 'unavailable' ? reply.message : `unexpected reply ${reply.kind}`);
  toConsole(reply);
  const result = { command: reply.command, lines: reply.lines, exitCode: reply.exitCode };
  const saved = reply.exitCode === 0 && reply.lines.some((l) => l.text.endsWith(' edited'));
  if (saved) {
    // Reopen the stored object (its new resourceVersion), so the next save does not conflict with this one.
    const fresh = await ask({ kind: 'editable', ref: edit.ref });
    if (fresh.kind === 'editable' && fresh.found) startEdit(edit.ref, fresh.yaml);
  }
  setOutcome(result, reply.markers);
}

export function closeEdit(): void {
  endEdit();
}

/** Export: the user's objects as one YAML file, downloaded through a same-origin blob URL. */
export async function downloadManifests(includeHelm: boolean): Promise<void> {
  const reply = await ask({ kind: 'export', includeHelm });
  if (reply.kind !== 'export') {
    useUi.getState().setNotice(`✗ export failed: ${reply.kind === 'unavailable' ? reply.message : reply.kind}`);
    return;
  }
  const url = URL.createObjectURL(new Blob([reply.yaml], { type: 'application/yaml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'kube-sandbox-manifests.yaml';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  useUi.getState().setNotice(`Exported ${reply.count} object${reply.count === 1 ? '' : 's'} to kube-sandbox-manifests.yaml`);
}
