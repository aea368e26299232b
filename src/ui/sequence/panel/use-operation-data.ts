import { useEffect, useState } from 'react';
import type { InteractionRecord, OperationRecord } from '../../../protocol';
import { useMirror, type MirrorState } from '../../mirror/store';
import { sim } from '../../sim/instance';

/**
 * The panel's data from the worker: the operation list (fetched again when a command
 * starts) and the records of the chosen operation (fetched again while they keep coming).
 */

/** A new command record means a new operation. */
const selectCommandsKey = (s: MirrorState): string => `${s.commands.length}|${s.commands[0]?.key ?? ''}|${s.commands.at(-1)?.key ?? ''}`;

/** Each new set of records means a new mermaid render (~100 ms on the main thread): not too often. */
const FAST_POLL_MS = 2500;
const SLOW_POLL_MS = 5000;
/** Unchanged replies in a row before polling slows down. */
const SETTLED_AFTER = 4;

export function useOperations(): readonly OperationRecord[] | null {
  const key = useMirror(selectCommandsKey);
  const [ops, setOps] = useState<readonly OperationRecord[] | null>(null);
  useEffect(() => {
    let live = true;
    sim.request({ kind: 'operations' }).then(
      (body) => {
        if (live && body.kind === 'operations') setOps(body.operations);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [key]);
  return ops;
}

export interface OperationData {
  readonly opId: number;
  readonly operation: OperationRecord | null;
  readonly records: readonly InteractionRecord[];
  readonly truncated: boolean;
}

interface Poll {
  readonly opId: number | null;
  readonly n: number;
  readonly settled: number;
  readonly lastCount: number;
}

export function useOperationData(opId: number | null): OperationData | null {
  const [data, setData] = useState<OperationData | null>(null);
  const [state, setPoll] = useState<Poll>({ opId, n: 0, settled: 0, lastCount: -1 });
  // Another operation starts polling afresh (derived during render, not in an effect).
  const poll = state.opId === opId ? state : { opId, n: 0, settled: 0, lastCount: -1 };
  if (poll !== state) setPoll(poll);

  useEffect(() => {
    if (opId === null) return;
    let live = true;
    sim.request({ kind: 'interactions', opId }).then(
      (body) => {
        if (!live || body.kind !== 'interactions') return;
        const count = body.records.length;
        const lastSeq = body.records.at(-1)?.seq ?? -1;
        // Unchanged records keep the same object, so nothing downstream recomputes.
        setData((d) => (d && d.opId === body.opId && d.records.length === count && (d.records.at(-1)?.seq ?? -1) === lastSeq ? d : { opId: body.opId, operation: body.operation, records: body.records, truncated: body.truncated }));
        setPoll((p) => (p.opId !== opId ? p : p.lastCount === count ? { ...p, settled: p.settled + 1 } : { ...p, settled: 0, lastCount: count }));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [opId, poll.n]);

  // Poll while records keep arriving; once settled, only now and then.
  useEffect(() => {
    if (opId === null) return;
    const t = setTimeout(() => setPoll((p) => ({ ...p, n: p.n + 1 })), poll.settled >= SETTLED_AFTER ? SLOW_POLL_MS : FAST_POLL_MS);
    return () => clearTimeout(t);
  }, [opId, poll.n, poll.settled]);

  return data && data.opId === opId ? data : null;
}
