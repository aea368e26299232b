/**
 * Shell words of a console line with where each starts, for completion: quotes and
 * backslashes are understood well enough to know which word the cursor is in. (The worker
 * tokenizes for real when the line runs; this never decides what a command means.)
 */
export interface Word {
  /** The word as the shell sees it (quotes removed). */
  text: string;
  /** Offset in the line where the word starts (its first quote, if quoted). */
  start: number;
}

export interface SplitLine {
  /** Complete words before the current one. */
  words: Word[];
  /** The word the cursor is in (possibly empty, at the cursor). */
  current: Word;
  /** The current word is inside an unclosed quote. */
  quoted: boolean;
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t';
}

/** Splits `line` up to `cursor`. */
export function splitLine(line: string, cursor: number): SplitLine {
  const text = line.slice(0, Math.max(0, Math.min(cursor, line.length)));
  const words: Word[] = [];
  let word = '';
  let start = -1;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += ch;
      continue;
    }
    if (isSpace(ch)) {
      if (start >= 0) words.push({ text: word, start });
      word = '';
      start = -1;
      continue;
    }
    if (start < 0) start = i;
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '\\' && i + 1 < text.length) word += text[++i];
    else word += ch;
  }
  return { words, current: { text: word, start: start < 0 ? text.length : start }, quoted: quote !== null };
}

/** Quotes a completion candidate when the shell would need it. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]*$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}
