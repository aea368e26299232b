import { beforeAll, describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- the test checks against Helm's own install order
import { INSTALL_ORDER } from '../../engine/helm/install-order';
import type { InteractionRecord } from '../../protocol';
import { buildDiagram, drawDiagram, plainText, type DrawnDiagram } from './diagram';
import { GUIDE_NODES, OTEL_INSTALL, recordOperation } from './testing/fixtures';
import { arrowsOf, parseSequence } from './testing/mermaid-node';

/** The real engine: `helm install` of the OpenTelemetry collector chart on the guide's 16 workers. */

let records: InteractionRecord[];
let folded: DrawnDiagram;
let all: DrawnDiagram;

beforeAll(() => {
  const run = recordOperation(OTEL_INSTALL, { nodes: GUIDE_NODES, settleMs: 180_000 });
  records = run.records;
  const model = buildDiagram(run.op, records);
  folded = drawDiagram(model);
  all = drawDiagram(model, { expanded: new Set(model.windows.flatMap((w) => w.entries.map((e) => e.id))), showAll: true, cap: 60 });
});

describe('helm install (engine) → sequence diagram', () => {
  it('has the five phases of the guide, in order', () => {
    expect(folded.windows.map((w) => w.phase)).toEqual(['command', 'render', 'store', 'schedule', 'start']);
    expect(folded.windows.map((w) => w.label.slice(0, 1))).toEqual(['1', '2', '3', '4', '5']);
  });

  it('stores the chart objects kind by kind, in Helm install order', () => {
    const bySeq = new Map(records.map((r) => [r.seq, r]));
    const kinds = all.messages
      .filter((m) => m.from.kind === 'user' && m.text.startsWith('POST '))
      .map((m) => bySeq.get(m.seqs[0]!)?.ref?.kind ?? '')
      .filter((k, i, xs) => k !== 'Secret' || xs.indexOf(k) !== i);
    const rank = kinds.map((k) => INSTALL_ORDER.indexOf(k));
    expect(kinds[0]).toBe('Namespace');
    expect(kinds).toContain('DaemonSet');
    expect(rank.every((r) => r >= 0)).toBe(true);
    expect(rank).toEqual([...rank].sort((a, b) => a - b));
  });

  it('places an agent on every node through the scheduler, then the kubelets start them', () => {
    const bind = folded.messages.find((m) => m.text.startsWith('bind ') && m.count > 1);
    expect(bind?.text).toMatch(/^bind 1[67] pods → 1[67] nodes$/);
    const bindAt = folded.messages.indexOf(bind!);
    const start = folded.messages.findIndex((m) => m.text.startsWith('start container'));
    expect(start).toBeGreaterThan(bindAt);
    expect(folded.participants.map((p) => p.label)).toEqual(expect.arrayContaining(['You (helm)', 'DaemonSet controller', 'Scheduler', 'kubelets (17 nodes)']));
  });

  it('is read back by mermaid with the same lanes and messages', async () => {
    const parsed = await parseSequence(folded.text);
    expect(parsed.actors.map((a) => a.description)).toEqual(folded.participants.map((p) => p.label));
    expect(arrowsOf(parsed).map((a) => a.text)).toEqual(folded.messages.map((m) => plainText(m.text)));
  });
});
