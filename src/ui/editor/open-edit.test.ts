import { describe, expect, it } from 'vitest';
import type { EditTarget } from './editor-store';
import { openDecision, refLabel, sameRef } from './open-edit';

const NODE = { kind: 'Node', name: 'worker-3' };
const WEB = { kind: 'Deployment', namespace: 'default', name: 'web' };

function edit(ref: EditTarget['ref'], changed: boolean): EditTarget {
  return { ref, original: 'a: 1\n', text: changed ? 'a: 2\n' : 'a: 1\n' };
}

describe('opening an object while an edit is open never loses typed text', () => {
  it.each<[string, EditTarget | null, EditTarget['ref'], ReturnType<typeof openDecision>]>([
    ['no edit open', null, WEB, 'open'],
    ['an edit without changes is replaced', edit(NODE, false), WEB, 'open'],
    ['the same object without changes is reopened fresh', edit(WEB, false), WEB, 'open'],
    ['the same object with changes keeps them', edit(WEB, true), { ...WEB }, 'keep'],
    ['another object waits while changes are unsaved', edit(NODE, true), WEB, 'refuse'],
    ['same name in another namespace is another object', edit(WEB, true), { ...WEB, namespace: 'team' }, 'refuse'],
  ])('%s', (_name, current, ref, decision) => {
    expect(openDecision(current, ref)).toBe(decision);
  });

  it('names objects as the editor header does', () => {
    expect([refLabel(NODE), refLabel(WEB)]).toEqual(['Node worker-3', 'Deployment default/web']);
    expect(sameRef(NODE, { kind: 'Node', name: 'worker-3', namespace: '' })).toBe(true);
  });
});
