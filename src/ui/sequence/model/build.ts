import type { InteractionRecord, OperationRecord } from '../../../protocol';
import { deriveStep, type DeriveContext } from './derive';
import { MAX_NODE_LANES, nodeOfComponent, ParticipantMap, type DatastoreLane, type Participant } from './participants';
import { flavorOf } from './phases';
import { pickRecords } from './select';
import type { Flavor, Window } from './types';
import { toBlocks, toWindows } from './windows';

/** Interaction records of one operation → the diagram model (windows of folded entries). */

export interface DiagramModel {
  readonly opId: number;
  readonly command: string;
  readonly flavor: Flavor;
  readonly startedMs: number;
  readonly windows: readonly Window[];
  /** Every lane any message may use, keyed by participant key. */
  readonly participants: ReadonlyMap<string, Participant>;
  /** Records received and records drawn (before folding). */
  readonly recordCount: number;
  readonly drawnCount: number;
}

export interface BuildOptions {
  /** Blocks about different objects fold from this many on (default 3). */
  readonly foldMin?: number;
  readonly maxNodeLanes?: number;
  /** Names the etcd lane after the cluster's datastore (default etcd). */
  readonly datastore?: DatastoreLane;
}

function podNodes(records: readonly InteractionRecord[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of records) {
    if (r.kind !== 'schedule') continue;
    const m = /^schedule (\S+) → (\S+)$/.exec(r.label);
    if (m) out.set(m[1]!, m[2]!);
  }
  return out;
}

function nodesInvolved(records: readonly InteractionRecord[]): number {
  const nodes = new Set<string>();
  for (const r of records) {
    for (const id of [r.from, r.to]) {
      if (id.startsWith('kubelet/') || id.startsWith('runtime/')) nodes.add(nodeOfComponent(id) ?? id);
    }
  }
  return nodes.size;
}

export function buildDiagram(op: Pick<OperationRecord, 'id' | 'command' | 'startedMs'>, records: readonly InteractionRecord[], opts: BuildOptions = {}): DiagramModel {
  const flavor = flavorOf(op.command);
  const picked = pickRecords(records);
  const drawn = picked.flatMap((p) => (p.type === 'record' ? [p.rec] : []));
  const nodeCount = nodesInvolved(drawn);
  const lanes = new ParticipantMap(nodeCount > (opts.maxNodeLanes ?? MAX_NODE_LANES), nodeCount, opts.datastore);
  const ctx: DeriveContext = { lanes, podNode: podNodes(drawn), flavor };
  const items = toBlocks(picked, (p) => deriveStep(p.rec, ctx, p.status));
  const windows = toWindows(items, flavor, { foldMin: opts.foldMin ?? 3 });
  const participants = new Map<string, Participant>();
  for (const r of drawn) for (const id of [r.from, r.to]) participants.set(lanes.of(id).key, lanes.of(id));
  return { opId: op.id, command: op.command, flavor, startedMs: op.startedMs, windows, participants, recordCount: records.length, drawnCount: drawn.length };
}
