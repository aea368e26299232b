/**
 * Rows of pod squares the layout reserves per node, held steady under churn. A node of
 * 30 pods in rows of 10 gains a row with its 31st pod; its whole row of workers then grows
 * and every row below moves, so with pods coming and going each second the canvas
 * re-laid out (and React Flow re-processed every node) several times a second. A node's
 * reservation grows at once, but only shrinks once two of its rows stand empty.
 */
export interface HeldRows {
  /** The topology these rows belong to (identities from the mirror: a new array when it changed). */
  workers: readonly string[];
  controlPlanes: readonly string[];
  compact: boolean;
  /** Per node, workers first, then control planes. */
  rows: readonly number[];
}

export const NO_ROWS: HeldRows = { workers: [], controlPlanes: [], compact: false, rows: [] };

/** `held` itself when no reservation changes (so it can live in state), else the new reservations. */
export function settleRows(held: HeldRows, workers: readonly string[], controlPlanes: readonly string[], compact: boolean, needed: readonly number[]): HeldRows {
  if (held.workers !== workers || held.controlPlanes !== controlPlanes || held.compact !== compact || held.rows.length !== needed.length) {
    return { workers, controlPlanes, compact, rows: needed };
  }
  let rows: number[] | undefined;
  for (let i = 0; i < needed.length; i++) {
    const have = held.rows[i]!;
    const need = needed[i]!;
    const next = need > have || need < have - 1 ? need : have;
    if (next !== have) (rows ??= [...held.rows])[i] = next;
  }
  return rows ? { ...held, rows } : held;
}
