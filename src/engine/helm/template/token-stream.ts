import { TemplateParseError } from './errors';
import type { Item, ItemType } from './lexer';

/** The parser's view of the lexed items: look-ahead, back-up and Go's error wording. */
export class TokenStream {
  protected i = 0;
  protected actionLine = 0;

  constructor(
    protected readonly items: readonly Item[],
    protected readonly parseName: string,
  ) {}

  protected next(): Item {
    const it = this.items[this.i] ?? this.items[this.items.length - 1]!;
    if (this.i < this.items.length - 1) this.i++;
    else this.i = this.items.length; // stay on the terminal eof/error item
    return it;
  }
  protected backup(n = 1): void {
    this.i = Math.max(0, Math.min(this.i, this.items.length) - n);
  }
  protected peek(): Item {
    return this.items[Math.min(this.i, this.items.length - 1)]!;
  }
  protected nextNonSpace(): Item {
    let t = this.next();
    while (t.type === 'space') t = this.next();
    return t;
  }
  protected peekNonSpace(): Item {
    const save = this.i;
    const t = this.nextNonSpace();
    this.i = save;
    return t;
  }
  errorf(message: string, line?: number): never {
    const at = line ?? this.current().line;
    throw new TemplateParseError(`template: ${this.parseName}:${at}: ${message}`);
  }
  protected current(): Item {
    return this.items[Math.max(0, Math.min(this.i, this.items.length) - 1)]!;
  }

  protected unexpected(token: Item, context: string): never {
    if (token.type === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.parseName}:${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${token.val}${extra}`, token.line);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`, token.line);
  }

  protected expect(type: ItemType, context: string): Item {
    const t = this.nextNonSpace();
    if (t.type !== type) this.unexpected(t, context);
    return t;
  }
}

/** item.String() from lex.go, as quoted in "unexpected … in …" errors. */
function itemString(t: Item): string {
  if (t.type === 'eof') return 'EOF';
  if (t.type === 'error') return t.val;
  if (['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'nil', 'range', 'template', 'with'].includes(t.type)) return `<${t.val}>`;
  if ([...t.val].length > 10) return `${JSON.stringify([...t.val].slice(0, 10).join(''))}...`;
  return JSON.stringify(t.val);
}
