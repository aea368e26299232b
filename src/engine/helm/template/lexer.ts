import { hasLeftTrimMarker, hasRightTrimMarker, isAlphaNumeric, isKeyword, isSpace, LEFT, LEFT_COMMENT, RIGHT, RIGHT_COMMENT, runeDesc, type Item, type ItemType } from './lex-items';
import { Lexer, leftTrimLength, scanNumber } from './lex-scan';

/**
 * text/template's lexer (text/template/parse/lex.go), run eagerly into an array. Positions
 * are string offsets; `line` is the 1-based line where the item starts. The first error item
 * ends the stream, as in Go.
 */

export type { Item, ItemType } from './lex-items';
export { isAlphaNumeric, isSpace, KEYWORDS, runeDesc, type Keyword } from './lex-items';

type State = ((l: Lexer) => State) | null;

/** Emits an item and continues in text or in the action, wherever the lexer is. */
function emit(l: Lexer, type: ItemType): State {
  l.emit(type);
  if (type === 'eof') return null;
  return l.insideAction ? lexInsideAction : lexText;
}

function lexText(l: Lexer): State {
  const x = l.input.indexOf(LEFT, l.pos);
  if (x < 0) {
    l.skip(l.input.length - l.pos);
    if (l.pos > l.start) l.items.push({ type: 'text', val: l.input.slice(l.start, l.pos), pos: l.start, line: l.startLine });
    l.ignore();
    return emit(l, 'eof');
  }
  if (x > l.pos) {
    let end = x;
    // "{{- " trims the whitespace that precedes the action.
    if (hasLeftTrimMarker(l.input, x + LEFT.length)) while (end > l.start && isSpace(l.input[end - 1])) end--;
    const item: Item = { type: 'text', val: l.input.slice(l.start, end), pos: l.start, line: l.startLine };
    l.skip(x - l.pos);
    l.ignore();
    if (item.val.length > 0) l.items.push(item);
  }
  return lexLeftDelim;
}

function lexLeftDelim(l: Lexer): State {
  l.pos += LEFT.length;
  const trim = hasLeftTrimMarker(l.input, l.pos);
  const after = trim ? 2 : 0;
  if (l.input.startsWith(LEFT_COMMENT, l.pos + after)) {
    l.skip(after);
    l.ignore();
    return lexComment;
  }
  l.items.push({ type: 'leftDelim', val: LEFT, pos: l.start, line: l.startLine });
  l.insideAction = true;
  l.skip(after);
  l.ignore();
  l.parenDepth = 0;
  return lexInsideAction;
}

function lexComment(l: Lexer): State {
  l.pos += LEFT_COMMENT.length;
  const x = l.input.indexOf(RIGHT_COMMENT, l.pos);
  if (x < 0) return l.errorf('unclosed comment');
  l.skip(x + RIGHT_COMMENT.length - l.pos);
  const { delim, trim } = l.atRightDelim();
  if (!delim) return l.errorf('comment ends before closing delimiter');
  if (trim) l.skip(2);
  l.pos += RIGHT.length;
  if (trim) l.skip(leftTrimLength(l.input, l.pos));
  l.ignore();
  return lexText;
}

function lexRightDelim(l: Lexer): State {
  const { trim } = l.atRightDelim();
  if (trim) {
    l.skip(2);
    l.ignore();
  }
  l.pos += RIGHT.length;
  l.items.push({ type: 'rightDelim', val: RIGHT, pos: l.start, line: l.startLine });
  if (trim) l.skip(leftTrimLength(l.input, l.pos));
  l.ignore();
  l.insideAction = false;
  return lexText;
}

function lexInsideAction(l: Lexer): State {
  if (l.atRightDelim().delim) {
    if (l.parenDepth === 0) return lexRightDelim;
    return l.errorf('unclosed left paren');
  }
  const r = l.next();
  if (r === undefined) return l.errorf('unclosed action');
  if (isSpace(r)) {
    l.backup(r);
    return lexSpace;
  }
  switch (r) {
    case '=':
      return emit(l, 'assign');
    case ':':
      if (l.next() !== '=') return l.errorf('expected :=');
      return emit(l, 'declare');
    case '|':
      return emit(l, 'pipe');
    case '"':
      return lexQuote;
    case '`':
      return lexRawQuote;
    case '$':
      return lexVariable;
    case "'":
      return lexChar;
    case '(':
      l.parenDepth++;
      return emit(l, 'leftParen');
    case ')':
      l.parenDepth--;
      if (l.parenDepth < 0) return l.errorf('unexpected right paren');
      return emit(l, 'rightParen');
    default:
      break;
  }
  if (r === '.') {
    const n = l.input[l.pos];
    if (n === undefined || n < '0' || n > '9') return lexFieldOrVariable(l, 'field');
  }
  if (r === '.' || r === '+' || r === '-' || (r >= '0' && r <= '9')) {
    l.backup(r);
    return lexNumber;
  }
  if (isAlphaNumeric(r)) {
    l.backup(r);
    return lexIdentifier;
  }
  if (r <= '\x7f' && r >= ' ' && r !== '\x7f') return emit(l, 'char');
  return l.errorf(`unrecognized character in action: ${runeDesc(r)}`);
}

function lexSpace(l: Lexer): State {
  let n = 0;
  while (isSpace(l.peek())) {
    l.next();
    n++;
  }
  // A space followed by "-}}" belongs to the trim marker, not to the action.
  if (hasRightTrimMarker(l.input, l.pos - 1) && l.input.startsWith(RIGHT, l.pos + 1)) {
    l.backup(l.input[l.pos - 1]);
    if (n === 1) return lexInsideAction;
  }
  return emit(l, 'space');
}

function lexIdentifier(l: Lexer): State {
  let r: string | undefined;
  for (;;) {
    r = l.next();
    if (!isAlphaNumeric(r)) break;
  }
  l.backup(r);
  const word = l.input.slice(l.start, l.pos);
  if (!l.atTerminator()) return l.errorf(`bad character ${runeDesc(r ?? '')}`);
  if (isKeyword(word)) return emit(l, word);
  if (word === 'true' || word === 'false') return emit(l, 'bool');
  return emit(l, 'identifier');
}

function lexVariable(l: Lexer): State {
  return lexFieldOrVariable(l, 'variable');
}

function lexFieldOrVariable(l: Lexer, type: 'field' | 'variable'): State {
  if (l.atTerminator()) return emit(l, type === 'variable' ? 'variable' : 'dot');
  let r: string | undefined;
  for (;;) {
    r = l.next();
    if (!isAlphaNumeric(r)) break;
  }
  l.backup(r);
  if (!l.atTerminator()) return l.errorf(`bad character ${runeDesc(r ?? '')}`);
  return emit(l, type);
}

function lexQuoted(l: Lexer, quote: string, type: ItemType, message: string): State {
  for (;;) {
    const r = l.next();
    if (r === '\\') {
      const e = l.next();
      if (e !== undefined && e !== '\n') continue;
      return l.errorf(message);
    }
    if (r === undefined || r === '\n') return l.errorf(message);
    if (r === quote) return emit(l, type);
  }
}

function lexQuote(l: Lexer): State {
  return lexQuoted(l, '"', 'string', 'unterminated quoted string');
}

function lexChar(l: Lexer): State {
  return lexQuoted(l, "'", 'charConstant', 'unterminated character constant');
}

function lexRawQuote(l: Lexer): State {
  const x = l.input.indexOf('`', l.pos);
  if (x < 0) return l.errorf('unterminated raw quoted string');
  l.skip(x + 1 - l.pos);
  return emit(l, 'rawString');
}

function lexNumber(l: Lexer): State {
  if (!scanNumber(l)) return l.errorf(`bad number syntax: ${JSON.stringify(l.input.slice(l.start, l.pos))}`);
  const sign = l.peek();
  if (sign === '+' || sign === '-') return l.errorf(`bad number syntax: ${JSON.stringify(l.input.slice(l.start, l.pos + 1))}`);
  return emit(l, 'number');
}

/** Lexes a whole template. The result always ends with an `eof` or an `error` item. */
export function lex(input: string): Item[] {
  const l = new Lexer(input);
  let state: State = lexText;
  // Every state consumes input or ends the stream, so this loop terminates; the bound is a guard.
  for (let steps = 0; state !== null && steps <= input.length * 4 + 16; steps++) state = state(l);
  if (state !== null) l.errorf('lexer did not terminate');
  return l.items;
}
