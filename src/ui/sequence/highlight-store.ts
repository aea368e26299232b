import { create } from 'zustand';

/**
 * The sequence message being shown, for the canvas: which edges and boxes to light. Fed by
 * the sequence panel; read by the canvas glow (and by anything else through the selectors).
 */

export interface HighlightedInteraction {
  readonly opId: number;
  /** Position in the diagram. */
  readonly index: number;
  readonly text: string;
  readonly caption: string;
  /** Interaction log sequence numbers behind the message. */
  readonly seqs: readonly number[];
  /** Canvas edge ids (`e:kubectl~apiserver`), both directions listed. */
  readonly edges: readonly string[];
  /** Canvas endpoints (`kubectl`, `apiserver`, `node/worker-1`). */
  readonly endpoints: readonly string[];
}

export interface SequenceHighlightState {
  readonly highlighted: HighlightedInteraction | null;
}

export const useSequenceHighlight = create<SequenceHighlightState>()(() => ({ highlighted: null }));

export function setHighlightedInteraction(h: HighlightedInteraction | null): void {
  useSequenceHighlight.setState({ highlighted: h });
}

export const selectHighlightedInteraction = (s: SequenceHighlightState): HighlightedInteraction | null => s.highlighted;

const edgeSelectors = new Map<string, (s: SequenceHighlightState) => boolean>();

/** Stable per-edge selector: is this canvas edge carrying the highlighted message? */
export function selectEdgeLit(edgeId: string): (s: SequenceHighlightState) => boolean {
  let sel = edgeSelectors.get(edgeId);
  if (!sel) edgeSelectors.set(edgeId, (sel = (s) => s.highlighted?.edges.includes(edgeId) ?? false));
  return sel;
}
