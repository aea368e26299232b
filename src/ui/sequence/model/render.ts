import type { InteractionKindName } from '../../../protocol';
import type { DiagramModel } from './build';
import { escapeText } from './escape';
import { compareParticipants, type Participant } from './participants';
import type { Arrow, Block, Entry, PhaseId, Step } from './types';
import { countOf, fill } from './words';

/**
 * The model, as the user chose to see it (which folds are open, whether long windows are
 * cut), → the list of drawn messages and the mermaid `sequenceDiagram` text. Every name
 * goes through escapeText and every participant is an alias (`P3`), so the text's
 * structure is ours alone.
 */

export interface View {
  readonly expanded: ReadonlySet<string>;
  /** Draw every message, not only the first `cap` of each window. */
  readonly showAll: boolean;
  readonly cap: number;
}

export const DEFAULT_VIEW: View = { expanded: new Set(), showAll: false, cap: 60 };

export interface DrawnMessage {
  /** Position in the diagram (mermaid's autonumber shows index + 1). */
  readonly index: number;
  readonly entryId: string;
  readonly window: number;
  /** Messages folded into this one (1 = a single record). */
  readonly count: number;
  /** Part of a folded group the user opened. */
  readonly expanded: boolean;
  readonly from: Participant;
  readonly to: Participant;
  readonly arrow: Arrow;
  readonly kind: InteractionKindName;
  readonly text: string;
  readonly caption: string;
  /** Interaction log sequence numbers behind this message. */
  readonly seqs: readonly number[];
  readonly tMs: number;
  readonly nodes: readonly string[];
}

export interface DrawnWindow {
  readonly phase: PhaseId;
  readonly label: string;
  readonly first: number;
  readonly count: number;
  readonly hidden: number;
  readonly events: number;
}

export interface DrawnDiagram {
  readonly text: string;
  readonly messages: readonly DrawnMessage[];
  readonly windows: readonly DrawnWindow[];
  readonly participants: readonly Participant[];
}

const ARROW: Record<Arrow, string> = { call: '->>', reply: '-->>', notify: '-)', self: '->>' };
/** Alternating section tints, light enough for both themes. */
const TINTS = ['rgba(99, 102, 241, 0.07)', 'rgba(20, 184, 166, 0.08)'];

type Draft = Omit<DrawnMessage, 'index' | 'window' | 'from' | 'to'> & { readonly from: string; readonly to: string };

function single(entry: Entry, s: Step, expanded: boolean): Draft {
  return {
    entryId: entry.id, count: 1, expanded, from: s.from, to: s.to, arrow: s.arrow, kind: s.kind,
    text: s.text, caption: s.caption, seqs: [s.seq], tMs: s.tMs, nodes: s.node ? [s.node] : [],
  };
}

function folded(entry: Entry, j: number): Draft {
  const column = entry.blocks.map((b: Block) => b.steps[j]!);
  const s = column[0]!;
  const nodes = [...new Set(column.flatMap((c) => (c.node ? [c.node] : [])))].sort();
  const n = column.length;
  // The same words about the same object n times say "×n"; different objects get the folded form.
  const repeat = column.every((c) => c.text === s.text && c.ref === s.ref);
  const sameKey = column.every((c) => c.key === s.key);
  const objects = new Set(column.map((c) => c.ref ?? c.text)).size;
  const what = objects === n ? countOf(n, 'object') : `${countOf(objects, 'object')} in ${n} requests`;
  const [many, manyCaption] = sameKey || !s.family ? [s.many, s.manyCaption] : [s.family.many, s.family.caption];
  const text = repeat ? `${s.text} ×${n}` : fill(many, n, nodes).replace('{objects}', what);
  const caption = repeat ? `${s.caption.replace(/\.$/, '')} (${n} times).` : fill(manyCaption, n, nodes).replace('{objects}', what);
  return { entryId: entry.id, count: n, expanded: false, from: s.from, to: s.to, arrow: s.arrow, kind: s.kind, text, caption, seqs: column.map((c) => c.seq), tMs: s.tMs, nodes };
}

function entryDrafts(entry: Entry, view: View): Draft[] {
  if (entry.blocks.length === 1) return entry.blocks[0]!.steps.map((s) => single(entry, s, false));
  if (view.expanded.has(entry.id)) return entry.blocks.flatMap((b) => b.steps.map((s) => single(entry, s, true)));
  return entry.blocks[0]!.steps.map((_s, j) => folded(entry, j));
}

export function drawDiagram(model: DiagramModel, view: View = DEFAULT_VIEW): DrawnDiagram {
  const perWindow = model.windows.map((w) => {
    const all = w.entries.flatMap((e) => entryDrafts(e, view));
    const shown = view.showAll ? all : all.slice(0, view.cap);
    return { w, shown, hidden: all.length - shown.length };
  });
  const used = new Set<string>();
  for (const { shown } of perWindow) for (const d of shown) used.add(d.from).add(d.to);
  const participants = [...used].map((k) => model.participants.get(k)!).filter(Boolean).sort(compareParticipants);
  const lane = new Map(participants.map((p) => [p.key, p]));
  const messages: DrawnMessage[] = [];
  const windows: DrawnWindow[] = [];
  perWindow.forEach(({ w, shown, hidden }, wi) => {
    windows.push({ phase: w.phase, label: w.label, first: messages.length, count: shown.length, hidden, events: w.events });
    for (const d of shown) messages.push({ ...d, index: messages.length, window: wi, from: lane.get(d.from)!, to: lane.get(d.to)! });
  });
  return { text: mermaidText(participants, windows, messages), messages, windows, participants };
}

function mermaidText(participants: readonly Participant[], windows: readonly DrawnWindow[], messages: readonly DrawnMessage[]): string {
  const alias = new Map(participants.map((p, i) => [p.key, `P${i}`]));
  const lines = ['sequenceDiagram', '  autonumber'];
  for (const p of participants) lines.push(`  participant ${alias.get(p.key)} as ${escapeText(p.label)}`);
  if (participants.length === 0) return lines.join('\n');
  // Section titles sit over the first two lanes (You and the API server), where the eye starts.
  const span = participants.length > 1 ? 'P0,P1' : 'P0';
  windows.forEach((w, wi) => {
    lines.push(`  rect ${TINTS[wi % TINTS.length]}`);
    lines.push(`    Note over ${span}: ${escapeText(w.label)}`);
    for (const m of messages.slice(w.first, w.first + w.count)) {
      lines.push(`    ${alias.get(m.from.key)}${ARROW[m.arrow]}${alias.get(m.to.key)}: ${escapeText(m.text)}`);
    }
    if (w.events > 0) lines.push(`    Note over ${span}: ${escapeText(`+ ${countOf(w.events, 'Kubernetes Event')} recorded (kubectl get events)`)}`);
    if (w.hidden > 0) lines.push(`    Note over ${span}: ${escapeText(`… ${countOf(w.hidden, 'more message')} (Show all)`)}`);
    lines.push('  end');
  });
  return lines.join('\n');
}
