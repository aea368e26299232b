import { useEffect, useRef, useState } from 'react';
import type { PodRecord } from '../../protocol/records';

const LEAVE_MS = 350;

/** One media query for the whole page (matchMedia per render showed up in profiles). */
const reducedMotion = typeof window !== 'undefined' ? window.matchMedia?.('(prefers-reduced-motion: reduce)') : undefined;
function prefersReducedMotion(): boolean {
  return reducedMotion?.matches === true;
}

/** Pods that just left, kept on screen briefly so they can fade out (none under reduced motion). */
export function useLeaving(pods: readonly PodRecord[]): PodRecord[] {
  const [ghosts, setGhosts] = useState<PodRecord[]>([]);
  const prev = useRef<readonly PodRecord[]>(pods);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());

  useEffect(() => {
    const before = prev.current;
    prev.current = pods;
    if (before === pods || prefersReducedMotion()) return;
    const present = new Set(pods.map((p) => p.key));
    const gone = before.filter((p) => !present.has(p.key));
    if (gone.length === 0) return;
    const goneKeys = new Set(gone.map((p) => p.key));
    setGhosts((g) => [...g.filter((x) => !goneKeys.has(x.key)), ...gone]);
    const t = setTimeout(() => {
      timers.current.delete(t);
      setGhosts((g) => g.filter((x) => !goneKeys.has(x.key)));
    }, LEAVE_MS);
    timers.current.add(t);
  }, [pods]);

  useEffect(() => {
    const set = timers.current;
    return () => {
      for (const t of set) clearTimeout(t);
      set.clear();
    };
  }, []);

  return ghosts;
}
