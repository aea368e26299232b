import type { Picked } from './select';
import { phaseLabel } from './phases';
import { phaseRank, type Block, type Entry, type Flavor, type PhaseId, type Step, type Window } from './types';

/**
 * Blocks → windows → folded entries.
 *
 * Windows follow time: a window ends when a step shows the operation has reached a later
 * phase, so the sections never reorder what happened (a late status update stays where it
 * happened, in a later section). Inside a window, blocks that say the same thing about
 * different objects fold into the first of them, with the members kept for expansion.
 */

export interface FoldOptions {
  /** Blocks about different objects fold from this many on. */
  readonly foldMin: number;
}

export type BlockItem = { readonly block: Block } | { readonly event: true };

/** A request with its etcd transactions and its answer, as one unit. */
export function toBlocks(picked: readonly Picked[], step: (p: Extract<Picked, { type: 'record' }>) => Step): BlockItem[] {
  const out: BlockItem[] = [];
  let open: Step[] | undefined;
  const close = (): void => {
    if (open) out.push({ block: makeBlock(open) });
    open = undefined;
  };
  for (const p of picked) {
    if (p.type === 'event') {
      out.push({ event: true });
      continue;
    }
    const s = step(p);
    const joins = open !== undefined && (p.rec.kind === 'etcd' || (p.rec.kind === 'response' && open[0]!.from === s.to));
    if (joins) {
      open!.push(s);
      continue;
    }
    close();
    if (p.rec.kind === 'request') open = [s];
    else out.push({ block: makeBlock([s]) });
  }
  close();
  return out;
}

function makeBlock(steps: Step[]): Block {
  const family = steps.every((s) => s.family) ? steps.map((s) => s.family!.key).join('\n') : undefined;
  return { steps, key: steps.map((s) => s.key).join('\n'), exact: steps.map((s) => `${s.from}>${s.to}|${s.text}`).join('\n'), ...(family ? { family } : {}) };
}

function blockPhase(b: Block): PhaseId | undefined {
  let best: PhaseId | undefined;
  for (const s of b.steps) if (s.phase && (!best || phaseRank(s.phase) > phaseRank(best))) best = s.phase;
  return best;
}

export function toWindows(items: readonly BlockItem[], flavor: Flavor, opts: FoldOptions): Window[] {
  const out: Window[] = [];
  let phase: PhaseId = 'command';
  let blocks: Block[] = [];
  let events = 0;
  const flush = (): void => {
    if (blocks.length > 0 || events > 0) out.push({ phase, label: phaseLabel(flavor, phase), entries: fold(blocks, opts), events });
    blocks = [];
    events = 0;
  };
  for (const item of items) {
    if ('event' in item) {
      events++;
      continue;
    }
    const p = blockPhase(item.block);
    if (p && phaseRank(p) > phaseRank(phase)) {
      flush();
      phase = p;
    }
    blocks.push(item.block);
  }
  flush();
  return out;
}

/** Groups blocks by key; a group folds when big enough, otherwise its blocks stay in place. */
export function fold(blocks: readonly Block[], opts: FoldOptions): Entry[] {
  const groups = new Map<string, number[]>();
  blocks.forEach((b, i) => {
    const g = groups.get(b.key);
    if (g) g.push(i);
    else groups.set(b.key, [i]);
  });
  const out: { at: number; entry: Entry }[] = [];
  for (const idx of groups.values()) {
    const members = idx.map((i) => blocks[i]!);
    const identical = members.every((m) => m.exact === members[0]!.exact);
    const folds = members.length >= opts.foldMin || (identical && members.length > 1);
    if (folds) out.push({ at: idx[0]!, entry: { id: entryId(members[0]!), blocks: members } });
    else for (const i of idx) out.push({ at: i, entry: { id: entryId(blocks[i]!), blocks: [blocks[i]!] } });
  }
  return mergeRuns(out.sort((a, b) => a.at - b.at).map((x) => x.entry), opts);
}

/** Adjacent entries of one family (reads of many objects in a row) become one entry. */
function mergeRuns(entries: readonly Entry[], opts: FoldOptions): Entry[] {
  const out: Entry[] = [];
  let i = 0;
  while (i < entries.length) {
    const family = familyOf(entries[i]!);
    let j = i + 1;
    while (family !== undefined && j < entries.length && familyOf(entries[j]!) === family) j++;
    const run = entries.slice(i, j);
    const blocks = run.flatMap((e) => e.blocks);
    if (run.length > 1 && blocks.length >= opts.foldMin) out.push({ id: run[0]!.id, blocks });
    else out.push(...run);
    i = j;
  }
  return out;
}

function familyOf(e: Entry): string | undefined {
  const f = e.blocks[0]!.family;
  return f !== undefined && e.blocks.every((b) => b.family === f) ? f : undefined;
}

function entryId(b: Block): string {
  return `m${b.steps[0]!.seq}`;
}
