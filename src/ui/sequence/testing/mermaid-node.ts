import mermaid from 'mermaid';

/**
 * Test support: mermaid's own parser (it runs in Node without a DOM) reads a diagram's
 * text back, so tests can check what structure mermaid really sees.
 */

export interface Parsed {
  readonly actors: readonly { readonly id: string; readonly description: string }[];
  /** Arrows and notes in order; `type` is mermaid's LINETYPE (2 = note, 22/23 = rect). */
  readonly messages: readonly { readonly from?: string; readonly to?: string; readonly text: string; readonly type: number }[];
}

interface SequenceDb {
  getActors(): Map<string, { description: string }>;
  getMessages(): { from?: string; to?: string; message: unknown; type: number }[];
}

/** Mermaid keeps entity codes as placeholders until the SVG is written; undo that here. */
function decode(s: string): string {
  return s.replace(/ﬂ°°(\d+)¶ß/g, (_m, d: string) => String.fromCodePoint(Number(d))).replace(/ﬂ°(\w+)¶ß/g, '&$1;');
}

function isSequenceDb(db: unknown): db is SequenceDb {
  return typeof db === 'object' && db !== null && 'getActors' in db && 'getMessages' in db;
}

export const NOTE = 2;
export const RECT_START = 22;
export const RECT_END = 23;
export const AUTONUMBER = 26;

export async function parseSequence(text: string): Promise<Parsed> {
  await mermaid.parse(text);
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const db: unknown = diagram.db;
  if (!isSequenceDb(db)) throw new Error(`not a sequence diagram: ${diagram.type}`);
  const actors = [...db.getActors().entries()].map(([id, a]) => ({ id, description: decode(a.description) }));
  const messages = db.getMessages().map((m) => ({ from: m.from, to: m.to, text: typeof m.message === 'string' ? decode(m.message) : '', type: m.type }));
  return { actors, messages };
}

/** Arrows only (no notes, sections, autonumber). */
export function arrowsOf(p: Parsed): Parsed['messages'] {
  return p.messages.filter((m) => m.from !== undefined && m.to !== undefined && m.type !== NOTE);
}
