/** Items (tokens) of text/template's lexer and the character classes it uses. */

export const KEYWORDS = ['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'nil', 'range', 'template', 'with'] as const;
export type Keyword = (typeof KEYWORDS)[number];

export type ItemType =
  | 'error'
  | 'bool'
  | 'char'
  | 'charConstant'
  | 'assign'
  | 'declare'
  | 'eof'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  | 'dot'
  | Keyword;

export interface Item {
  readonly type: ItemType;
  readonly val: string;
  readonly pos: number;
  readonly line: number;
}

const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);
export const LEFT = '{{';
export const RIGHT = '}}';
export const LEFT_COMMENT = '/*';
export const RIGHT_COMMENT = '*/';

export function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

export function isAlphaNumeric(c: string | undefined): boolean {
  if (c === undefined) return false;
  if (c.length === 1 && c < '\x80') return c === '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return /^[\p{L}\p{Nd}]$/u.test(c);
}

export function isKeyword(word: string): word is Keyword {
  return KEYWORD_SET.has(word);
}

export function hasLeftTrimMarker(s: string, at: number): boolean {
  return s[at] === '-' && isSpace(s[at + 1]);
}

export function hasRightTrimMarker(s: string, at: number): boolean {
  return isSpace(s[at]) && s[at + 1] === '-';
}

/** `%#U` formatting of a rune, used in Go's lexer errors. */
export function runeDesc(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${ch}'`;
}
