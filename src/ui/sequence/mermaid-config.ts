import type { MermaidConfig } from 'mermaid';

/**
 * Mermaid's configuration, from constants only (nothing a link or a name carries reaches it):
 * shared by the in-page renderer and the isolated render frame.
 */

export type DiagramTheme = 'light' | 'dark';
export type RenderResult = { readonly ok: true; readonly svg: string } | { readonly ok: false; readonly message: string };

/** Longer texts are refused before mermaid sees them (its own limit draws an error diagram). */
export const MAX_DIAGRAM_TEXT = 120_000;

export const TOO_LARGE = 'This operation is too large to draw at once. Collapse folded messages or hide the long sections.';

export function diagramConfig(theme: DiagramTheme): MermaidConfig {
  return {
    startOnLoad: false,
    securityLevel: 'strict',
    suppressErrorRendering: true,
    theme: theme === 'dark' ? 'dark' : 'default',
    maxTextSize: MAX_DIAGRAM_TEXT,
    fontFamily: 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", sans-serif',
    sequence: {
      useMaxWidth: false, mirrorActors: false, wrap: false,
      messageMargin: 28, boxMargin: 8, noteMargin: 8, actorMargin: 36, width: 140, height: 48,
      messageFontSize: 14, noteFontSize: 13, actorFontSize: 14, noteFontWeight: 600,
    },
  };
}

/** What the page shows when mermaid throws: its first line, never its error graphic. */
export function failureMessage(e: unknown): string {
  return `The diagram could not be drawn: ${e instanceof Error ? (e.message.split('\n')[0] ?? '') : 'unknown error'}`;
}
