import { useEffect, useMemo, useState } from 'react';
import { pooled } from '../canvas/layout';
import type { TrafficFlowEdge } from './TrafficEdge';
import type { TrafficEnds } from './traffic-nodes';
import { endpointMap, trafficEdges, type TrafficEdgeData } from './traffic-model';
import { selectShown, selectTrafficRecords, selectTrafficTotals, startTrafficFeed, useTrafficView } from './traffic-store';

/** In-node rows sit above the nodes they belong to; edges between nodes run under them. */
const ROW_Z = 1001;

function sameData(a: TrafficEdgeData, b: TrafficEdgeData): boolean {
  return a.label === b.label && a.rate === b.rate && a.failRate === b.failRate && a.row === b.row && a.animate === b.animate && a.kind === b.kind;
}

/** The canvas's traffic: the endpoint nodes it needs and its edges (identities kept while unchanged). */
export function useTrafficCanvas(controlPlanes: readonly string[], workers: readonly string[]): { ends: TrafficEnds; edges: TrafficFlowEdge[] } {
  useEffect(() => startTrafficFeed(), []);
  const records = useTrafficView(selectTrafficRecords);
  const totals = useTrafficView(selectTrafficTotals);
  const shown = useTrafficView(selectShown);
  const users = records.some((r) => r.from === 'users');
  const backendName = totals?.backend || (records.some((r) => r.to === 'backend') ? 'Observability backend' : null);
  const ends = useMemo<TrafficEnds>(() => ({ users, backend: backendName }), [users, backendName]);
  // Edges last returned, by id: unchanged ones keep their identity (React Flow skips them).
  const [prev] = useState(() => new Map<string, TrafficFlowEdge>());
  const edges = useMemo(() => {
    const map = endpointMap(controlPlanes, pooled(workers.length));
    const specs = trafficEdges(records, map, shown, backendName ?? '');
    const next = new Map<string, TrafficFlowEdge>();
    const out = specs.map((s) => {
      const old = prev.get(s.id);
      const e: TrafficFlowEdge = old && old.source === s.source && old.target === s.target && old.data && sameData(old.data, s.data)
        ? old
        : { id: s.id, source: s.source, target: s.target, type: 'traffic', data: s.data, ariaLabel: s.data.label, focusable: true, selectable: false, zIndex: s.data.row >= 0 ? ROW_Z : 0 };
      next.set(s.id, e);
      return e;
    });
    prev.clear();
    for (const [id, e] of next) prev.set(id, e);
    return out;
  }, [records, shown, controlPlanes, workers, backendName, prev]);
  return { ends, edges };
}
