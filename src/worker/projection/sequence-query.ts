import type { Interaction, InteractionLog } from '../../engine/log/interaction-log';
import type { ReplyBody } from '../../protocol/messages';
import { MAX_SEQUENCE_RECORDS } from '../../protocol/sequence';

/**
 * Answers the sequence panel: the operation list, and one operation's interaction records.
 * Records the panel never draws are left out here so the reply stays small: heartbeats,
 * elections, traffic, Lease writes, and watch deliveries to components that never act in
 * the operation (most controllers hear about every Pod; only a few do something).
 */

const NEVER_DRAWN = new Set<Interaction['kind']>(['heartbeat', 'election', 'traffic']);

export function operationsReply(log: InteractionLog): ReplyBody {
  return { kind: 'operations', operations: log.operations.slice() };
}

export function interactionsReply(log: InteractionLog, opId: number): ReplyBody {
  const operation = log.operations.find((o) => o.id === opId) ?? null;
  const all = log.forOperation(opId).filter((r) => !NEVER_DRAWN.has(r.kind) && r.ref?.kind !== 'Lease');
  const actors = new Set<string>();
  for (const r of all) if (r.kind !== 'watch' && r.kind !== 'response') actors.add(r.from);
  const records = all.filter((r) => r.kind !== 'watch' || actors.has(r.to));
  const truncated = records.length > MAX_SEQUENCE_RECORDS;
  return { kind: 'interactions', opId, operation, records: truncated ? records.slice(0, MAX_SEQUENCE_RECORDS) : records, truncated };
}
