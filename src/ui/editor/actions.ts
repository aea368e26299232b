import type { CommandOutput } from '../../protocol/console';
import type { ObjectRef } from '../../protocol/messages';
import { addBlock } from '../console/console-store';
import { ask } from '../console/session';
import { useUi } from '../ui-store';
import { endEdit, persistNow, setBusy, setOutcome, startEdit, useEditor } from './editor-store';
import { openDecision, refLabel, sameRef } from './open-edit';

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

/** What opening an object for editing did: see openDecision for `kept` and `refused`. */
export type OpenOutcome = 'opened' | 'kept' | 'refused' | 'missing';

/** The inspector's Edit shows the pending edit with a notice; a typed `kubectl edit` prints why in the console instead. */
function refuse(ref: ObjectRef, notify: boolean): OpenOutcome {
  const edit = useEditor.getState().edit;
  if (notify && edit) {
    useUi.getState().setNotice(`✗ ${refLabel(ref)} not opened: the Editor tab holds unsaved changes to ${refLabel(edit.ref)}. Save or Close edit first.`);
    useUi.getState().showDockTab('editor');
  }
  return 'refused';
}

/**
 * Inspector → Edit (or `kubectl edit` typed): opens the object's YAML in the editor tab,
 * never over typed changes to an edit already open.
 */
export async function openForEdit(ref: ObjectRef, notify = true): Promise<OpenOutcome> {
  const before = openDecision(useEditor.getState().edit, ref);
  if (before !== 'open') {
    if (before === 'refuse') return refuse(ref, notify);
    useUi.getState().showDockTab('editor');
    return 'kept';
  }
  const reply = await ask({ kind: 'editable', ref });
  if (reply.kind !== 'editable' || !reply.found) {
    if (notify) useUi.getState().setNotice(`✗ ${ref.kind} ${ref.name} cannot be opened for editing: ${reply.kind === 'unavailable' ? reply.message : 'it is gone'}`);
    return 'missing';
  }
  // The user may have typed into the open edit while the object was fetched.
  if (openDecision(useEditor.getState().edit, ref) !== 'open') return refuse(ref, notify);
  startEdit(ref, reply.yaml);
  useUi.getState().showDockTab('editor');
  return 'opened';
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
    // Not over keys typed while the save was on its way.
    const now = useEditor.getState().edit;
    if (fresh.kind === 'editable' && fresh.found && now && sameRef(now.ref, edit.ref) && now.text === edit.text) startEdit(edit.ref, fresh.yaml);
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
