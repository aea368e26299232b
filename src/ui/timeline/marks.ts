import type { RecordedStep } from '../../protocol/console';
import type { SessionInfo, TimelineStep } from '../../protocol/session';

/**
 * The timeline's geometry, as plain functions: how long the bar is, where each mark sits,
 * which note applies at a moment, and where the keyboard moves the playhead.
 */

export type MarkKind = 'step' | 'action' | 'pending';

export interface Mark {
  kind: MarkKind;
  atMs: number;
  /** Position along the bar, 0–100 (%). */
  pct: number;
  /** The commands at this moment, in order (several steps often share one time). */
  runs: string[];
  note: string | null;
}

const MIN_SPAN_MS = 2 * 60_000;
/** Bar lengths are rounded up to one of these, so the scale does not creep on every second. */
const NICE_SPANS_MS = [2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 360, 480, 720, 1440, 2880, 10080].map((m) => m * 60_000);

/** The bar's length: everything on it plus some room ahead of the last thing, rounded to a nice span. */
export function timelineSpan(nowMs: number, session: Pick<SessionInfo, 'steps' | 'actions' | 'pending'> | null): number {
  const times = [nowMs, ...(session ? [...session.steps, ...session.actions, ...session.pending].map((m) => m.atMs) : [])];
  const needed = Math.max(MIN_SPAN_MS, Math.max(...times) * 1.15);
  return NICE_SPANS_MS.find((s) => s >= needed) ?? Math.ceil(needed / 3_600_000) * 3_600_000;
}

function group(kind: MarkKind, items: readonly (TimelineStep | RecordedStep)[], spanMs: number): Mark[] {
  const out: Mark[] = [];
  for (const it of items) {
    const note = 'note' in it ? it.note : null;
    const last = out.at(-1);
    if (last && last.atMs === it.atMs) {
      last.runs.push(it.run);
      last.note ??= note;
      continue;
    }
    out.push({ kind, atMs: it.atMs, pct: Math.min(100, (it.atMs / spanMs) * 100), runs: [it.run], note });
  }
  return out;
}

/** One mark per kind and moment; steps first so the user's own marks draw on top. */
export function layoutMarks(session: Pick<SessionInfo, 'steps' | 'actions' | 'pending'>, spanMs: number): Mark[] {
  const byTime = <T extends { atMs: number }>(xs: readonly T[]) => [...xs].sort((a, b) => a.atMs - b.atMs);
  return [...group('step', byTime(session.steps), spanMs), ...group('action', byTime(session.actions), spanMs), ...group('pending', byTime(session.pending), spanMs)];
}

/** The latest step note the clock has reached (what to look at now), or null. */
export function currentNote(steps: readonly TimelineStep[], nowMs: number): { atMs: number; note: string } | null {
  let found: { atMs: number; note: string } | null = null;
  for (const s of steps) if (s.note && s.atMs <= nowMs && (!found || s.atMs >= found.atMs)) found = { atMs: s.atMs, note: s.note };
  return found;
}

/** Scenario time under a pointer at `offsetPx` of a bar `widthPx` wide, in whole seconds. */
export function timeAt(offsetPx: number, widthPx: number, spanMs: number): number {
  if (widthPx <= 0) return 0;
  const f = Math.max(0, Math.min(1, offsetPx / widthPx));
  return Math.round((f * spanMs) / 1000) * 1000;
}

export const KEY_STEP_MS = 10_000;
const PAGE_STEP_MS = 60_000;

/** Where a key moves the playhead (slider keys, per WAI-ARIA), or undefined for other keys. */
export function keyTarget(key: string, nowMs: number, spanMs: number, marks: readonly Mark[]): number | undefined {
  const clamp = (ms: number) => Math.max(0, Math.min(spanMs, ms));
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return clamp(nowMs + KEY_STEP_MS);
    case 'ArrowLeft':
    case 'ArrowDown':
      return clamp(nowMs - KEY_STEP_MS);
    case 'PageUp':
      return clamp(nowMs + PAGE_STEP_MS);
    case 'PageDown':
      return clamp(nowMs - PAGE_STEP_MS);
    case 'Home':
      return 0;
    case 'End':
      // The last thing on the timeline (or where we are, if that is later).
      return Math.max(nowMs, ...marks.map((m) => m.atMs));
    default:
      return undefined;
  }
}
