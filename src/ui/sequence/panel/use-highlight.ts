import { useEffect } from 'react';
import { canvasSpot, edgeIds } from '../canvas-link';
import type { DrawnMessage } from '../diagram';
import { setHighlightedInteraction } from '../highlight-store';

/** Publishes the current message to the canvas; clears it when the panel goes away. */
export function useHighlightSync(opId: number | null, message: DrawnMessage | undefined): void {
  useEffect(() => {
    if (opId === null || !message) {
      setHighlightedInteraction(null);
      return;
    }
    const spot = canvasSpot(message);
    setHighlightedInteraction({
      opId, index: message.index, text: message.text, caption: message.caption, seqs: message.seqs,
      edges: spot.edges.flatMap((e) => edgeIds(e)), endpoints: spot.endpoints,
    });
  }, [opId, message]);
  useEffect(() => () => setHighlightedInteraction(null), []);
}
