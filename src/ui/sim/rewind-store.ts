import { create } from 'zustand';
import type { RewindProgress } from '../../protocol/messages';

/**
 * A seek the worker is replaying in slices (going back rebuilds the session from the start):
 * its target and progress, from the worker's heartbeats; null once the target's records arrive.
 */
export const useRewind = create<{ rewind: RewindProgress | null }>(() => ({ rewind: null }));

export function setRewind(rewind: RewindProgress | null): void {
  const cur = useRewind.getState().rewind;
  if (cur === rewind || (cur && rewind && cur.targetMs === rewind.targetMs && cur.fraction === rewind.fraction)) return;
  useRewind.setState({ rewind });
}
