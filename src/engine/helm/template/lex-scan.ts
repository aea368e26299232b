import { hasRightTrimMarker, isAlphaNumeric, isSpace, RIGHT, type Item, type ItemType } from './lex-items';

/** Lexer state and the scanning primitives the state functions share (lex.go). */

export class Lexer {
  readonly items: Item[] = [];
  pos = 0;
  start = 0;
  line = 1;
  startLine = 1;
  parenDepth = 0;

  constructor(readonly input: string) {}

  next(): string | undefined {
    if (this.pos >= this.input.length) {
      this.pos = this.input.length + 1; // past EOF so backup() is symmetric
      return undefined;
    }
    const cp = this.input.codePointAt(this.pos) ?? 0;
    const ch = String.fromCodePoint(cp);
    this.pos += ch.length;
    if (ch === '\n') this.line++;
    return ch;
  }

  backup(ch: string | undefined): void {
    if (ch === undefined) {
      this.pos = this.input.length;
      return;
    }
    this.pos -= ch.length;
    if (ch === '\n') this.line--;
  }

  peek(): string | undefined {
    const ch = this.next();
    this.backup(ch);
    return ch;
  }

  emit(type: ItemType): void {
    this.items.push({ type, val: this.input.slice(this.start, this.pos), pos: this.start, line: this.startLine });
    this.ignore();
  }

  insideAction = false;

  ignore(): void {
    this.start = this.pos;
    this.startLine = this.line;
  }

  /** Records an error item; the stream ends there. */
  errorf(message: string): null {
    this.items.push({ type: 'error', val: message, pos: this.start, line: this.startLine });
    return null;
  }

  atRightDelim(): { delim: boolean; trim: boolean } {
    if (hasRightTrimMarker(this.input, this.pos) && this.input.startsWith(RIGHT, this.pos + 2)) return { delim: true, trim: true };
    if (this.input.startsWith(RIGHT, this.pos)) return { delim: true, trim: false };
    return { delim: false, trim: false };
  }

  atTerminator(): boolean {
    const r = this.peek();
    if (r === undefined || isSpace(r)) return true;
    if ('.,|:()'.includes(r)) return true;
    return this.input.startsWith(RIGHT, this.pos);
  }

  /** Moves pos forward over text the lexer skips (trimmed whitespace), keeping line counts. */
  skip(n: number): void {
    this.line += countNewlines(this.input, this.pos, this.pos + n);
    this.pos += n;
  }
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

export function leftTrimLength(s: string, from: number): number {
  let i = from;
  while (i < s.length && isSpace(s[i])) i++;
  return i - from;
}

export function accept(l: Lexer, valid: string): boolean {
  const r = l.next();
  if (r !== undefined && valid.includes(r)) return true;
  l.backup(r);
  return false;
}

export function acceptRun(l: Lexer, valid: string): void {
  let r = l.next();
  while (r !== undefined && valid.includes(r)) r = l.next();
  l.backup(r);
}

export function scanNumber(l: Lexer): boolean {
  accept(l, '+-');
  let digits = '0123456789_';
  if (accept(l, '0')) {
    if (accept(l, 'xX')) digits = '0123456789abcdefABCDEF_';
    else if (accept(l, 'oO')) digits = '01234567_';
    else if (accept(l, 'bB')) digits = '01_';
  }
  acceptRun(l, digits);
  if (accept(l, '.')) acceptRun(l, digits);
  if (digits.length === 11 && accept(l, 'eE')) {
    accept(l, '+-');
    acceptRun(l, '0123456789_');
  }
  if (digits.length === 23 && accept(l, 'pP')) {
    accept(l, '+-');
    acceptRun(l, '0123456789_');
  }
  accept(l, 'i');
  if (isAlphaNumeric(l.peek())) {
    l.next();
    return false;
  }
  return true;
}
