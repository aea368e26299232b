import { useCallback, useEffect, useMemo, useState } from 'react';

/** Step through `count` messages: play / pause, step, jump; playing stops at the end. */

export const STEP_MS = 1100;

export interface Playback {
  readonly index: number;
  readonly playing: boolean;
  go(index: number): void;
  step(delta: number): void;
  toggle(): void;
  pause(): void;
}

/** `autoplay`: a new `key` (another operation) starts playing from its first message. */
export function usePlayback(count: number, key: string, autoplay = false): Playback {
  const [state, setState] = useState({ index: 0, playing: false, key });
  // A different operation starts at its first message.
  const current = state.key === key ? state : { index: 0, playing: autoplay, key };
  if (current !== state) setState(current);
  const last = Math.max(0, count - 1);
  const index = Math.min(current.index, last);
  const playing = current.playing && count > 0;

  useEffect(() => {
    if (!playing) return;
    const t = setInterval(() => {
      setState((s) => (s.index >= last ? { ...s, playing: false } : { ...s, index: s.index + 1 }));
    }, STEP_MS);
    return () => clearInterval(t);
  }, [playing, last]);

  const go = useCallback((i: number) => setState((s) => ({ ...s, index: Math.max(0, Math.min(last, i)), playing: false })), [last]);
  const step = useCallback((d: number) => setState((s) => ({ ...s, index: Math.max(0, Math.min(last, Math.min(s.index, last) + d)), playing: false })), [last]);
  const toggle = useCallback(
    () => setState((s) => (s.playing ? { ...s, playing: false } : { ...s, playing: true, index: Math.min(s.index, last) >= last ? 0 : s.index })),
    [last],
  );
  const pause = useCallback(() => setState((s) => ({ ...s, playing: false })), []);
  return { index, playing, go, step, toggle, pause };
}

function motionQuery(): MediaQueryList | null {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-reduced-motion: reduce)') : null;
}

/** prefers-reduced-motion, kept current. */
export function useReducedMotion(): boolean {
  const [reduce, setReduce] = useState(() => motionQuery()?.matches ?? false);
  useEffect(() => {
    const q = motionQuery();
    if (!q) return;
    const on = (e: MediaQueryListEvent) => setReduce(e.matches);
    q.addEventListener('change', on);
    return () => q.removeEventListener('change', on);
  }, []);
  return reduce;
}

/** The same controls, calling `touch` first: what the user does (not what autoplay does). */
export function usePinning(p: Playback, touch: () => void): Playback {
  return useMemo(
    () => ({
      index: p.index,
      playing: p.playing,
      go: (i: number) => {
        touch();
        p.go(i);
      },
      step: (d: number) => {
        touch();
        p.step(d);
      },
      toggle: () => {
        touch();
        p.toggle();
      },
      pause: p.pause,
    }),
    [p, touch],
  );
}
