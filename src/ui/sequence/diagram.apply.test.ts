import { beforeAll, describe, expect, it } from 'vitest';
import type { InteractionRecord } from '../../protocol';
import { buildDiagram, drawDiagram, plainText, type DiagramModel, type DrawnDiagram, type DrawnMessage } from './diagram';
import { arrowsOf, parseSequence } from './testing/mermaid-node';
import { recordOperation } from './testing/fixtures';

/** `kubectl apply` of a 3-replica Deployment on a real engine, drawn from its interaction log. */

let records: InteractionRecord[];
let model: DiagramModel;
let folded: DrawnDiagram;
let expanded: DrawnDiagram;

const bySeq = new Map<number, InteractionRecord>();
const podsOf = (m: DrawnMessage): string[] => m.seqs.map((s) => bySeq.get(s)?.ref?.name ?? '');
const first = (d: DrawnDiagram, pred: (m: DrawnMessage) => boolean): number => d.messages.findIndex(pred);

beforeAll(() => {
  const run = recordOperation('kubectl apply -f web.yaml');
  records = run.records;
  for (const r of records) bySeq.set(r.seq, r);
  model = buildDiagram(run.op, records);
  folded = drawDiagram(model);
  const all = new Set(model.windows.flatMap((w) => w.entries.map((e) => e.id)));
  expanded = drawDiagram(model, { expanded: all, showAll: true, cap: 60 });
});

describe('kubectl apply → sequence diagram', () => {
  it('draws the lanes in the lesson order', () => {
    expect(folded.participants.map((p) => p.label)).toEqual([
      'You (kubectl)', 'API server', 'etcd', 'Deployment controller', 'ReplicaSet controller', 'Scheduler',
      'kubelet on worker-1', 'container runtime on worker-1', 'kubelet on worker-2', 'container runtime on worker-2',
    ]);
  });

  it('stores the Deployment (POST, etcd txn, 201) before any controller hears of it', () => {
    const post = first(folded, (m) => m.text === 'POST /apis/apps/v1/namespaces/default/deployments');
    const txn = first(folded, (m) => m.text === 'txn put /registry/deployments/default/web');
    const created = first(folded, (m) => m.text === '201 Created' && m.to.kind === 'user');
    const watch = first(folded, (m) => m.kind === 'watch');
    expect(post).toBeGreaterThanOrEqual(0);
    expect([post < txn, txn < created, created < watch]).toEqual([true, true, true]);
    expect(folded.messages[watch]!.text).toBe('watch ADDED Deployment web');
    expect(folded.messages[watch]!.to.label).toBe('Deployment controller');
  });

  it('creates the ReplicaSet before its Pods, and the Pods before binding them', () => {
    const rs = first(folded, (m) => /^create ReplicaSet web-[a-z0-9]+$/.test(m.text));
    const pods = first(folded, (m) => m.text === 'create 3 Pods');
    const bind = first(folded, (m) => m.text.startsWith('bind 3 pods → '));
    expect(rs).toBeGreaterThanOrEqual(0);
    expect([rs < pods, pods < bind]).toEqual([true, true]);
    expect(folded.messages[rs]!.from.label).toBe('Deployment controller');
    expect(folded.messages[pods]!.from.label).toBe('ReplicaSet controller');
  });

  it('binds each pod before its kubelet starts the container', () => {
    const binds = expanded.messages.filter((m) => m.text.startsWith('bind '));
    expect(binds).toHaveLength(3);
    for (const b of binds) {
      const pod = podsOf(b)[0]!;
      const start = expanded.messages.findIndex((m) => m.text.startsWith('start container nginx') && podsOf(m).includes(pod));
      expect(start, `start of ${pod}`).toBeGreaterThan(b.index);
      expect(b.text).toMatch(new RegExp(`^bind ${pod} → worker-[12]$`));
    }
  });

  it('ends with the kubelets reporting Running', () => {
    const running = expanded.messages.filter((m) => m.text === 'status Running');
    expect(running).toHaveLength(3);
    expect(running.every((m) => m.from.kind === 'kubelet' && m.to.kind === 'apiserver')).toBe(true);
  });

  it('labels the sections in phase order', () => {
    expect(folded.windows.map((w) => w.phase)).toEqual(['command', 'store', 'schedule', 'start']);
    expect(folded.windows[0]!.label).toBe('You run kubectl');
  });

  it('leaves out heartbeats, leases and idle watchers, and counts Events in notes', () => {
    expect(expanded.messages.some((m) => /lease|heartbeat/i.test(m.text))).toBe(false);
    expect(expanded.messages.some((m) => /events/.test(m.text))).toBe(false);
    expect(folded.participants.some((p) => /Garbage|StatefulSet|Job|EndpointSlice/.test(p.label))).toBe(false);
    expect(folded.windows.reduce((n, w) => n + w.events, 0)).toBeGreaterThanOrEqual(7);
    expect(folded.text).toContain('Kubernetes Events recorded');
  });

  it('folds repeated work into counted messages that expand to their members', () => {
    const pods = folded.messages.find((m) => m.text === 'create 3 Pods')!;
    expect(pods.count).toBe(3);
    expect(new Set(podsOf(pods)).size).toBe(3);
    const members = expanded.messages.filter((m) => m.entryId === pods.entryId && m.text.startsWith('create Pod '));
    expect(members).toHaveLength(3);
    expect(expanded.messages.length).toBeGreaterThan(folded.messages.length);
  });

  it('is read back by mermaid with the same lanes and messages', async () => {
    const parsed = await parseSequence(folded.text);
    expect(parsed.actors.map((a) => a.description)).toEqual(folded.participants.map((p) => p.label));
    const arrows = arrowsOf(parsed);
    expect(arrows.map((a) => a.text)).toEqual(folded.messages.map((m) => plainText(m.text)));
    expect(folded.messages.length).toBeLessThanOrEqual(60);
  });

  it('is the same text for the same seed', () => {
    const again = recordOperation('kubectl apply -f web.yaml');
    expect(drawDiagram(buildDiagram(again.op, again.records)).text).toBe(folded.text);
  });
});
