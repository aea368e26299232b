import { create } from 'zustand';
import type { TrafficKind, TrafficRecord, TrafficTotalsRecord } from '../../protocol/records';
import { useMirror, type MirrorState } from '../mirror/store';
import { TRAFFIC_KINDS } from './traffic-model';

/**
 * The page's view of traffic: the mirror's traffic records, republished at most every
 * REFRESH_MS (a bucket closes every simulated second; at max speed that is every frame), and
 * what the legend shows or hides.
 */

const REFRESH_MS = 500;

export interface TrafficData {
  records: readonly TrafficRecord[];
  totals: TrafficTotalsRecord | null;
}

export interface TrafficViewState extends TrafficData {
  shown: ReadonlySet<TrafficKind>;
  legendOpen: boolean;
  toggle(kind: TrafficKind): void;
  setLegendOpen(open: boolean): void;
}

export const useTrafficView = create<TrafficViewState>()((set) => ({
  records: [],
  totals: null,
  shown: new Set(TRAFFIC_KINDS),
  legendOpen: true,
  toggle: (kind) =>
    set((s) => {
      const shown = new Set(s.shown);
      if (shown.has(kind)) shown.delete(kind);
      else shown.add(kind);
      return { shown };
    }),
  setLegendOpen: (legendOpen) => set({ legendOpen }),
}));

export const selectTrafficRecords = (s: TrafficViewState): readonly TrafficRecord[] => s.records;
export const selectTrafficTotals = (s: TrafficViewState): TrafficTotalsRecord | null => s.totals;
export const selectShown = (s: TrafficViewState): ReadonlySet<TrafficKind> => s.shown;

let seen = { mirror: null as MirrorState['mirror'] | null, rev: -1 };
let lastWall = -Infinity;
let timer: ReturnType<typeof setTimeout> | null = null;

function publish(s: MirrorState): void {
  seen = { mirror: s.mirror, rev: s.mirror.revs.traffic + s.mirror.revs.trafficTotals };
  lastWall = performance.now();
  const data = s.mirror.data;
  useTrafficView.setState({ records: [...data.traffic.values()], totals: data.trafficTotals.get('totals') ?? null });
}

function onMirror(s: MirrorState): void {
  const rev = s.mirror.revs.traffic + s.mirror.revs.trafficTotals;
  if (s.mirror === seen.mirror && rev === seen.rev) return;
  const wait = REFRESH_MS - (performance.now() - lastWall);
  if (s.mirror !== seen.mirror || wait <= 0) {
    publish(s);
    return;
  }
  // Trailing update: the last change is shown even if nothing follows it.
  timer ??= setTimeout(() => {
    timer = null;
    publish(useMirror.getState());
  }, wait);
}

let started = false;

/** Follows the mirror (once per page). */
export function startTrafficFeed(): void {
  if (started) return;
  started = true;
  useMirror.subscribe(onMirror);
  onMirror(useMirror.getState());
}
