import { useEffect, useState } from 'react';
import { renderSequence, SKIPPED, type DiagramTheme, type RenderResult } from '../mermaid';

export interface Rendered {
  readonly text: string;
  readonly result: RenderResult;
}

/** The SVG for `text`; the previous one stays on screen until the next is ready. */
export function useRendered(text: string | null, theme: DiagramTheme): Rendered | null {
  const [state, setState] = useState<Rendered | null>(null);
  useEffect(() => {
    if (text === null) return;
    let live = true;
    renderSequence(text, theme, () => live).then((result) => {
      if (live && result !== SKIPPED) setState({ text, result });
    }, () => undefined);
    return () => {
      live = false;
    };
  }, [text, theme]);
  return text === null ? null : state;
}
