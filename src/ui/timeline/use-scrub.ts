import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import { sim } from '../sim/instance';
import { createKeySeeks, type KeySeeks, type Timers } from './key-seeks';
import { keyTarget, timeAt, type Mark } from './marks';

const WINDOW_TIMERS: Timers = { set: (fn, ms) => window.setTimeout(fn, ms), clear: (id) => window.clearTimeout(id) };

/** A seek the worker has not answered within this long stops holding the playhead. */
const TARGET_HOLD_MS = 8000;
/** A press on a mark that moves less than this is a click on the mark, not a drag. */
const CLICK_SLOP_PX = 3;

export function seek(ms: number): void {
  sim.control({ kind: 'seek', ms });
}

export interface Scrub {
  /** Where the playhead is drawn: under the pointer, at a rewind's or a pending seek's target, or at the clock. */
  shownMs: number;
  /** A drag is in progress (the playhead follows the pointer; the seek happens on release). */
  dragging: boolean;
  /** A drag or a seek is in progress (the playhead shows its time). */
  moving: boolean;
  /** A seek was asked for and the worker has not got there yet (a rebuild takes a moment). */
  waiting: boolean;
  go(ms: number): void;
  onPointerDown(e: PointerEvent<HTMLDivElement>): void;
  onPointerMove(e: PointerEvent<HTMLDivElement>): void;
  onPointerUp(e: PointerEvent<HTMLDivElement>): void;
  onPointerCancel(): void;
  onKeyDown(e: KeyboardEvent<HTMLDivElement>): void;
}

/**
 * Pointer and keyboard scrubbing over the bar `track`: a drag seeks where it is let go, a
 * press on a mark seeks to the mark's exact time, keys move in steps and seek once they stop.
 * The playhead holds at the target until the worker's clock gets there; while the worker
 * rewinds (`rewindMs`: the target it is replaying to) it stays there however long that takes.
 */
export function useScrub(track: RefObject<HTMLDivElement | null>, nowMs: number, spanMs: number, marks: readonly Mark[], rewindMs: number | null = null): Scrub {
  const [drag, setDrag] = useState<number | null>(null);
  /** clientX of a press that started on a mark (null: none, or it became a drag). */
  const [pressedMark, setPressedMark] = useState<number | null>(null);
  const [target, setTarget] = useState<number | null>(null);
  const keySeeks = useRef<KeySeeks | null>(null);

  if (target !== null && Math.abs(nowMs - target) < 1000) setTarget(null);
  useEffect(() => {
    if (target === null) return;
    const t = window.setTimeout(() => setTarget(null), TARGET_HOLD_MS);
    return () => window.clearTimeout(t);
  }, [target]);
  useEffect(() => () => keySeeks.current?.dispose(), []);

  // The user's latest request outranks a seek still in flight: a key pressed while the last
  // press's seek runs steps on from where that press asked to go, not from where the seek is.
  const shownMs = drag ?? target ?? rewindMs ?? nowMs;
  const at = (e: PointerEvent<HTMLDivElement>): number => {
    const r = track.current?.getBoundingClientRect();
    return r ? timeAt(e.clientX - r.left, r.width, spanMs) : nowMs;
  };
  const moved = (e: PointerEvent<HTMLDivElement>) => pressedMark === null || Math.abs(e.clientX - pressedMark) > CLICK_SLOP_PX;
  // Stable, so memoized marks keep their props.
  const go = useCallback((ms: number) => {
    setTarget(ms);
    seek(ms);
  }, []);
  return {
    shownMs,
    dragging: drag !== null,
    moving: drag !== null || target !== null || rewindMs !== null,
    waiting: drag === null && (target !== null || rewindMs !== null),
    go,
    onPointerDown: (e) => {
      if (e.button !== 0) return;
      e.currentTarget.setPointerCapture?.(e.pointerId);
      const id = e.target instanceof HTMLElement ? e.target.dataset.mark : undefined;
      const mark = id === undefined ? undefined : marks.find((m) => markId(m) === id);
      setDrag(mark ? mark.atMs : at(e));
      setPressedMark(mark ? e.clientX : null);
    },
    onPointerMove: (e) => {
      if (drag === null || !moved(e)) return;
      setPressedMark(null);
      setDrag(at(e));
    },
    onPointerUp: (e) => {
      if (drag === null) return;
      const ms = moved(e) ? at(e) : drag;
      setDrag(null);
      setPressedMark(null);
      go(ms);
    },
    onPointerCancel: () => {
      setDrag(null);
      setPressedMark(null);
    },
    onKeyDown: (e) => {
      const ms = keyTarget(e.key, shownMs, spanMs, marks);
      if (ms === undefined) return;
      e.preventDefault();
      setTarget(ms);
      keySeeks.current ??= createKeySeeks(seek, WINDOW_TIMERS);
      keySeeks.current.press(ms);
    },
  };
}

/** A mark's DOM id (`data-mark`): one mark per kind and moment. */
export function markId(m: Mark): string {
  return `${m.kind}-${m.atMs}`;
}
