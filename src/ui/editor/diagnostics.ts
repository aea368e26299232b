import type { ConsoleMarker } from '../../protocol/console';

/** A marker as a range of the text, for the editor's lint layer. */
export interface MarkerRange {
  from: number;
  to: number;
  message: string;
}

/**
 * Turns the worker's markers (1-based line and column in the whole text) into offsets: from
 * the column to the end of that line's content, at least one character where there is one.
 * Positions past the end (the text changed since) are clamped, never dropped.
 */
export function markerRanges(text: string, markers: readonly ConsoleMarker[]): MarkerRange[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return markers.map((m) => {
    const line = Math.min(Math.max(1, Math.floor(m.line)), starts.length);
    const start = starts[line - 1]!;
    const end = line < starts.length ? starts[line]! - 1 : text.length;
    const from = Math.min(start + Math.max(0, Math.floor(m.column) - 1), end);
    const content = text.slice(from, end).replace(/\s+$/, '');
    const to = content.length > 0 ? from + content.length : Math.min(from + 1, text.length);
    return { from: Math.min(from, to), to, message: m.message };
  });
}

/** `document 2, line 30, column 1`: 1-based as an editor counts. */
export function markerPlace(m: ConsoleMarker): string {
  return `document ${m.docIndex + 1}, line ${m.line}, column ${m.column}`;
}
