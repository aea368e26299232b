import { beforeAll, describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- the test checks against Helm's own install order
import { INSTALL_ORDER } from '../../engine/helm/install-order';
import type { InteractionRecord } from '../../protocol';
import { buildDiagram, drawDiagram, plainText, type DiagramModel, type DrawnDiagram } from './diagram';
import { helmInstallRecords, HELM_NODES } from './testing/helm-records';
import { arrowsOf, parseSequence } from './testing/mermaid-node';

/** `helm install` of the OpenTelemetry collector chart on 16 nodes (synthetic log, engine-shaped). */

let records: InteractionRecord[];
let model: DiagramModel;
let folded: DrawnDiagram;
let all: DrawnDiagram;

beforeAll(() => {
  records = helmInstallRecords();
  model = buildDiagram({ id: 7, command: 'helm install splunk-otel-collector splunk-otel-collector-chart/splunk-otel-collector -n splunk-monitoring --create-namespace', startedMs: 0 }, records);
  folded = drawDiagram(model);
  all = drawDiagram(model, { expanded: new Set(model.windows.flatMap((w) => w.entries.map((e) => e.id))), showAll: true, cap: 60 });
});

describe('helm install → sequence diagram', () => {
  it('shows the five phases of the OpenTelemetry guide, in order', () => {
    expect(folded.windows.map((w) => w.phase)).toEqual(['command', 'render', 'store', 'schedule', 'start']);
    expect(folded.windows.map((w) => w.label.slice(0, 4))).toEqual(['1 · ', '2 · ', '3 · ', '4 · ', '5 · ']);
    expect(folded.windows[1]!.label).toMatch(/renders/);
    expect(folded.text.match(/^ {2}rect /gm)).toHaveLength(5);
  });

  it('creates the chart objects in Helm install order', () => {
    const bySeq = new Map(records.map((r) => [r.seq, r]));
    const kinds = all.messages
      .filter((m) => m.from.kind === 'user' && m.text.startsWith('POST '))
      .map((m) => bySeq.get(m.seqs[0]!)!.ref!)
      .filter((ref) => !ref.name.startsWith('sh.helm.release.'))
      .map((ref) => ref.kind);
    expect(kinds[0]).toBe('Namespace');
    const rank = kinds.map((k) => INSTALL_ORDER.indexOf(k));
    expect(rank.every((r) => r >= 0)).toBe(true);
    expect(rank).toEqual([...rank].sort((a, b) => a - b));
    expect(kinds.slice(-2)).toEqual(['DaemonSet', 'Deployment']);
  });

  it('folds the work on 16 nodes into counted messages', () => {
    const texts = folded.messages.map((m) => m.text);
    expect(texts).toContain('bind 17 pods → 16 nodes');
    expect(texts).toContain('create 16 Pods');
    expect(folded.participants.map((p) => p.label)).toContain('kubelets (16 nodes)');
    expect(folded.participants.map((p) => p.label)).toContain('container runtimes (16 nodes)');
    const bind = folded.messages.find((m) => m.text === 'bind 17 pods → 16 nodes')!;
    expect(bind.nodes).toEqual([...HELM_NODES].sort());
  });

  it('binds before any kubelet starts a container, and ends with pods Running', () => {
    const bind = folded.messages.findIndex((m) => m.text.startsWith('bind '));
    const start = folded.messages.findIndex((m) => m.text.startsWith('start container'));
    expect(bind).toBeGreaterThan(0);
    expect(start).toBeGreaterThan(bind);
    expect(folded.messages.some((m) => m.text === 'status Running ×17')).toBe(true);
  });

  it('keeps every window readable: at most 60 messages, the rest behind "Show all"', () => {
    for (const w of folded.windows) expect(w.count).toBeLessThanOrEqual(60);
    const capped = drawDiagram(model, { expanded: all.messages.length > 0 ? new Set(model.windows.flatMap((w) => w.entries.map((e) => e.id))) : new Set(), showAll: false, cap: 60 });
    const cut = capped.windows.filter((w) => w.hidden > 0);
    expect(cut.length).toBeGreaterThan(0);
    expect(capped.text).toMatch(/… \d+ more messages \(Show all\)/);
    expect(capped.messages.length).toBeLessThan(all.messages.length);
  });

  it('is read back by mermaid with the same lanes and messages', async () => {
    const parsed = await parseSequence(folded.text);
    expect(parsed.actors.map((a) => a.description)).toEqual(folded.participants.map((p) => p.label));
    expect(arrowsOf(parsed).map((a) => a.text)).toEqual(folded.messages.map((m) => plainText(m.text)));
  });
});
