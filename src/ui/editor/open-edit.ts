import type { ObjectRef } from '../../protocol/messages';
import type { EditTarget } from './editor-store';

/**
 * Opening an object for editing while another edit is open: the typed text is never thrown
 * away. An edit without changes is simply replaced; the same object with changes stays as it
 * is (reopening would lose them); another object waits until the changes are saved or closed.
 */
export type OpenDecision = 'open' | 'keep' | 'refuse';

export function sameRef(a: ObjectRef, b: ObjectRef): boolean {
  return a.kind === b.kind && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');
}

export function openDecision(current: EditTarget | null, ref: ObjectRef): OpenDecision {
  if (!current || current.text === current.original) return 'open';
  return sameRef(current.ref, ref) ? 'keep' : 'refuse';
}

/** `Node worker-3`, `Deployment default/web`: how the editor names the object it edits. */
export function refLabel(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}
