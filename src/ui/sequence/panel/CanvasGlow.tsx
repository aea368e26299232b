import { glowCss } from '../glow-css';
import { selectHighlightedInteraction, useSequenceHighlight } from '../highlight-store';

/** Lights the canvas edge and boxes of the highlighted sequence message. */
export function CanvasGlow() {
  const h = useSequenceHighlight(selectHighlightedInteraction);
  const css = glowCss(h);
  return css ? <style data-sequence-glow="">{css}</style> : null;
}
