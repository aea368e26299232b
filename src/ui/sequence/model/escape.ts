/**
 * Mermaid-safe text. Everything that is not a plainly harmless character becomes one of
 * mermaid's numeric entity codes (`#59;` for `;`), which mermaid turns back into the
 * character only inside the finished SVG, after parsing. So no name can end a message
 * (`;`, newline), open a comment or directive (`#`, `%%`), add an arrow, a participant or a
 * `Note` (`:` after a word, `-->>`), trigger KaTeX (`$$`), or inject markup (`<`, `&`).
 */

/** Left as they are: letters, digits, space and punctuation with no meaning to mermaid. */
const PLAIN = /^[A-Za-z0-9 ._/()=+*'?![\]→×…·-]$/u;

/** Longest text drawn for one message or name (the log's own labels are far shorter). */
export const MAX_TEXT = 160;

/** One line, no control characters, at most MAX_TEXT characters: what the diagram shows. */
export function plainText(raw: string): string {
  const flat = raw.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').replace(/ {2,}/g, ' ').trim();
  const chars = Array.from(flat);
  const clipped = chars.length > MAX_TEXT ? `${chars.slice(0, MAX_TEXT - 1).join('')}…` : flat;
  return clipped === '' ? '·' : clipped;
}

export function escapeText(raw: string): string {
  let out = '';
  for (const ch of plainText(raw)) out += PLAIN.test(ch) ? ch : `#${ch.codePointAt(0) ?? 32};`;
  return out;
}

/** What mermaid shows for escaped text (for tests and the plain-text export). */
export function unescapeText(escaped: string): string {
  return escaped.replace(/#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code)));
}
