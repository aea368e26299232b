import { describe, expect, it } from 'vitest';
import type { InteractionRecord } from '../../../protocol';
import { arrowsOf, NOTE, parseSequence } from '../testing/mermaid-node';
import { buildDiagram } from './build';
import { plainText } from './escape';
import { HOSTILE } from '../testing/hostile-names';
import { drawDiagram } from './render';

/**
 * Object names, node names and labels full of mermaid syntax and HTML: mermaid must read
 * back exactly our lanes and our messages, with the names as plain text.
 */

function hostileRecords(name: string): InteractionRecord[] {
  let seq = 0;
  const rec = (r: Omit<InteractionRecord, 'seq' | 'tMs'>): InteractionRecord => ({ seq: seq++, tMs: seq, opId: 1, ...r });
  const ref = { kind: 'ConfigMap', namespace: 'default', name };
  const pod = { kind: 'Pod', namespace: 'default', name };
  return [
    rec({ kind: 'etcd', from: 'apiserver', to: 'etcd', label: `txn put /registry/configmaps/default/${name}`, ref }),
    rec({ kind: 'request', from: 'user/kubectl', to: 'apiserver', label: 'POST /api/v1/namespaces/default/configmaps', ref }),
    rec({ kind: 'response', from: 'apiserver', to: 'user/kubectl', label: '201 Created', code: 201, ref }),
    rec({ kind: 'schedule', from: 'scheduler', to: 'scheduler', label: `schedule ${name} → ${name}`, ref: pod }),
    rec({ kind: 'kubelet', from: `kubelet/${name}`, to: `kubelet/${name}`, label: `admit pod ${name}`, ref: pod }),
    rec({ kind: 'runtime', from: `kubelet/${name}`, to: `runtime/${name}`, label: `pull ${name}`, ref: pod }),
    rec({ kind: 'helm', from: 'user/helm', to: 'user/helm', label: name, phase: 'render' }),
  ];
}

describe('hostile names', () => {
  it.each(HOSTILE)('cannot change the diagram: %j', async (name) => {
    const drawn = drawDiagram(buildDiagram({ id: 1, command: `kubectl apply -f ${name}`, startedMs: 0 }, hostileRecords(name)));
    for (const line of drawn.text.split('\n').slice(2)) {
      expect(line).toMatch(/^ {2}(participant P\d+ as \S.*|rect rgba\([\d., ]+\)|end)$|^ {4}(Note over P\d+(,P\d+)?|P\d+(->>|-->>|-\))P\d+): \S/);
    }
    const parsed = await parseSequence(drawn.text);
    expect(parsed.actors.map((a) => a.description)).toEqual(drawn.participants.map((p) => plainText(p.label)));
    const arrows = arrowsOf(parsed);
    expect(arrows.map((a) => a.text)).toEqual(drawn.messages.map((m) => plainText(m.text)));
    const notes = parsed.messages.filter((m) => m.type === NOTE);
    expect(notes).toHaveLength(drawn.windows.reduce((n, w) => n + 1 + (w.events > 0 ? 1 : 0) + (w.hidden > 0 ? 1 : 0), 0));
  });
});
