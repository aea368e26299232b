import type { ReasonCount } from './decisions';
import type { Diagnosis } from './framework/interfaces';

export const NO_NODE_AVAILABLE = (n: number): string => `0/${n} nodes are available`;

/** Reason → number of nodes, every node counted once per reason (absent nodes included). */
export function reasonCounts(d: Diagnosis): ReasonCount[] {
  const counts = new Map<string, number>();
  for (const s of d.nodeToStatus.values()) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const absent = d.numAllNodes - d.nodeToStatus.size;
  if (absent > 0 && d.absentStatus) for (const r of d.absentStatus.reasons) counts.set(r, (counts.get(r) ?? 0) + absent);
  return [...counts].map(([reason, count]) => ({ reason, count }));
}

/** `"<count> <reason>"` entries sorted as strings (not by count), as upstream's sortReasonsHistogram. */
export function reasonHistogram(d: Diagnosis): string[] {
  return reasonCounts(d)
    .map((c) => `${c.count} ${c.reason}`)
    .sort();
}

/**
 * upstream FitError.Error(): `0/N nodes are available:` + the PreFilter message or the
 * reason histogram + the PostFilter (preemption) message, each followed by a period.
 * A PostFilter message that itself ends in a period therefore ends in "..", exactly
 * as real clusters print it.
 */
export function fitErrorMessage(d: Diagnosis): string {
  let msg = `${NO_NODE_AVAILABLE(d.numAllNodes)}:`;
  if (d.preFilterMsg !== '') msg += ` ${d.preFilterMsg}.`;
  else {
    const hist = reasonHistogram(d);
    if (hist.length > 0) msg += ` ${hist.join(', ')}.`;
  }
  if (d.postFilterMsg !== '') msg += ` ${d.postFilterMsg}.`;
  return msg;
}

/** Event notes are capped at 1 KiB (upstream truncateMessage). */
export const NOTE_LENGTH_LIMIT = 1024;

export function truncateMessage(message: string): string {
  if (message.length <= NOTE_LENGTH_LIMIT) return message;
  const suffix = ' ...';
  return message.slice(0, NOTE_LENGTH_LIMIT - suffix.length) + suffix;
}
