/**
 * Splits a command line into words the way a POSIX shell does for the cases a console
 * user types: single quotes (literal), double quotes (with `\"`, `\\`, `\$`, `` \` ``
 * escapes), backslash escapes outside quotes, and `#` comments at the start of a word.
 * Pipes, redirections and command lists are refused: there is only one command per line.
 */

export const MAX_LINE_CHARS = 4096;
export const MAX_WORDS = 256;

export type TokenizeResult = { ok: true; words: string[] } | { ok: false; error: string };

const OPERATORS = new Set(['|', '>', '<', ';', '&']);
const DOUBLE_QUOTE_ESCAPES = new Set(['"', '\\', '$', '`']);

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

export function tokenize(line: string): TokenizeResult {
  if (line.length > MAX_LINE_CHARS) {
    return { ok: false, error: `error: command line too long (${line.length} characters; the limit is ${MAX_LINE_CHARS})` };
  }
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const push = (): boolean => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
    return words.length <= MAX_WORDS;
  };
  while (i < line.length) {
    const ch = line[i]!;
    if (isSpace(ch)) {
      if (!push()) return tooManyWords();
      i++;
    } else if (ch === '#' && !inWord) {
      break;
    } else if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return unbalanced("'", i);
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      const r = readDoubleQuoted(line, i);
      if (r === undefined) return unbalanced('"', i);
      word += r.text;
      inWord = true;
      i = r.next;
    } else if (ch === '\\') {
      if (i + 1 >= line.length) return { ok: false, error: 'error: unexpected end of line after a backslash' };
      const next = line[i + 1]!;
      if (next !== '\n') {
        word += next;
        inWord = true;
      }
      i += 2;
    } else if (OPERATORS.has(ch)) {
      return { ok: false, error: `error: "${ch}" at column ${i + 1}: pipes, redirections and command lists are not supported; run one command per line (quote the character to pass it literally)` };
    } else {
      word += ch;
      inWord = true;
      i++;
    }
  }
  if (!push()) return tooManyWords();
  return { ok: true, words };
}

function readDoubleQuoted(line: string, start: number): { text: string; next: number } | undefined {
  let text = '';
  let i = start + 1;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === '"') return { text, next: i + 1 };
    if (ch === '\\' && i + 1 < line.length) {
      const next = line[i + 1]!;
      if (DOUBLE_QUOTE_ESCAPES.has(next)) text += next;
      else if (next !== '\n') text += `\\${next}`;
      i += 2;
      continue;
    }
    text += ch;
    i++;
  }
  return undefined;
}

function unbalanced(quote: string, index: number): TokenizeResult {
  const name = quote === "'" ? 'single' : 'double';
  return { ok: false, error: `error: unbalanced quotes: the ${name} quote (${quote}) at column ${index + 1} is never closed` };
}

function tooManyWords(): TokenizeResult {
  return { ok: false, error: `error: too many arguments (the limit is ${MAX_WORDS})` };
}
