import type { ConsoleLine, VocabResource } from '../../protocol/console';
import type { ObjectRef } from '../../protocol/messages';
import { openForEdit, type OpenOutcome } from '../editor/actions';
import { useEditor } from '../editor/editor-store';
import { refLabel } from '../editor/open-edit';
import { addBlock, remember } from './console-store';
import { getVocabulary, runLine } from './session';
import { splitLine } from './words';

/**
 * `kubectl edit TYPE NAME` / `TYPE/NAME` [-n NS]: where a terminal would open $EDITOR, the
 * console opens the object in the Editor tab; Save there writes it back. Anything else
 * (other forms, unknown types) runs in the worker and gets kubectl's own answer.
 */

export interface EditTarget {
  ref: ObjectRef;
  resource: VocabResource;
}

export function parseEditLine(line: string, resources: readonly VocabResource[]): EditTarget | null {
  const split = splitLine(line, line.length);
  const words = [...split.words.map((w) => w.text), ...(split.current.text ? [split.current.text] : [])];
  if (words[0] !== 'kubectl' || words[1] !== 'edit') return null;
  const args: string[] = [];
  let namespace: string | undefined;
  for (let i = 2; i < words.length; i++) {
    const w = words[i]!;
    if (w === '-n' || w === '--namespace') namespace = words[++i];
    else if (w.startsWith('--namespace=')) namespace = w.slice('--namespace='.length);
    else if (w.startsWith('-')) return null;
    else args.push(w);
  }
  const [type, name] = args.length === 1 && args[0]!.includes('/') ? args[0]!.split('/', 2) : args;
  if (!type || !name || args.length > 2 || (args.length === 2 && type.includes('/'))) return null;
  const t = type.toLowerCase();
  const r = resources.find((x) => x.resource === t || x.singular === t || x.shortNames.includes(t) || x.kind.toLowerCase() === t);
  if (!r || namespace === '') return null;
  return { ref: r.namespaced ? { kind: r.kind, namespace: namespace ?? 'default', name } : { kind: r.kind, name }, resource: r };
}

/** What `kubectl edit` prints in the console for each outcome of opening the editor. */
export function editLine(outcome: OpenOutcome, { ref, resource }: EditTarget, open: ObjectRef | undefined): ConsoleLine {
  const qualified = resource.group ? `${resource.resource}.${resource.group}` : resource.resource;
  switch (outcome) {
    case 'opened':
      return { text: `Editing ${resource.singular}/${ref.name} in the Editor tab: Save writes it back, Close edit leaves it as it is.`, err: false };
    case 'kept':
      return { text: `Editing ${resource.singular}/${ref.name} in the Editor tab, with your unsaved changes: Save writes it back, Close edit leaves it as it is.`, err: false };
    case 'refused':
      return { text: `error: the Editor tab holds unsaved changes to ${open ? refLabel(open) : 'another object'}: Save or Close edit there first`, err: true };
    case 'missing':
      return { text: `Error from server (NotFound): ${qualified} "${ref.name}" not found`, err: true };
  }
}

/** Runs a typed line; `kubectl edit` of one object opens the editor instead. */
export async function submitLine(input: string): Promise<void> {
  const line = input.trim();
  if (line.startsWith('kubectl edit ')) {
    const vocab = await getVocabulary();
    const target = vocab ? parseEditLine(line, vocab.resources) : null;
    if (target) {
      remember(line);
      const outcome = await openForEdit(target.ref, false);
      addBlock(line, { running: false, exitCode: outcome === 'opened' || outcome === 'kept' ? 0 : 1, lines: [editLine(outcome, target, useEditor.getState().edit?.ref)] });
      return;
    }
  }
  runLine(input);
}
