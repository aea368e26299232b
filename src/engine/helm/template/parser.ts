import { isEmptyTree, type BranchNode, type ListNode, type PipeNode, type TemplateNode, type TreeNode } from './ast';
import { lex, type Item } from './lexer';
import { PipelineParser } from './pipeline-parser';

/** One parsed template: a file's top-level text, or a `define`/`block` inside it. */
export interface Tree {
  readonly name: string;
  /** The file being parsed, for error locations (`ParseName` in Go). */
  readonly parseName: string;
  /** Full text of that file; node positions index into it. */
  readonly text: string;
  readonly root: ListNode;
}

/** `{{end}}` or `{{else}}`: closes a list; never part of the tree. */
type Delim = { kind: 'end'; pos: number; line: number } | { kind: 'else'; pos: number; line: number };

/** Result of parsing one file: its own tree plus every `define`/`block` found in it. */
export type ParsedFile = Map<string, Tree>;

class Parser extends PipelineParser {
  private rangeDepth = 0;
  readonly trees: ParsedFile = new Map();

  constructor(
    items: readonly Item[],
    parseName: string,
    private readonly text: string,
    hasFunction: (name: string) => boolean,
  ) {
    super(items, parseName, hasFunction);
  }

  parseFile(name: string): void {
    const root = this.list(this.peek().pos);
    while (this.peek().type !== 'eof') {
      if (this.peek().type === 'leftDelim') {
        const save = this.i;
        this.next();
        if (this.nextNonSpace().type === 'define') {
          this.parseDefinition();
          continue;
        }
        this.i = save;
      }
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') this.errorf(`unexpected ${n.kind === 'end' ? '{{end}}' : '{{else}}'}`, n.line);
      else root.nodes.push(n);
    }
    this.add({ name, parseName: this.parseName, text: this.text, root });
  }

  private add(tree: Tree): void {
    const old = this.trees.get(tree.name);
    if (old && !isEmptyList(old.root) && !isEmptyList(tree.root)) this.errorf(`template: multiple definition of template ${JSON.stringify(tree.name)}`);
    if (!old || isEmptyList(old.root)) this.trees.set(tree.name, tree);
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const nameTok = this.nextNonSpace();
    if (nameTok.type !== 'string' && nameTok.type !== 'rawString') this.unexpected(nameTok, context);
    const name = this.unquote(nameTok);
    this.expect('rightDelim', context);
    const outerVars = this.vars;
    this.vars = ['$'];
    const [root, end] = this.itemList();
    if (end.kind !== 'end') this.errorf(`unexpected {{else}} in ${context}`, end.line);
    this.vars = outerVars;
    this.add({ name, parseName: this.parseName, text: this.text, root });
  }

  private list(pos: number): ListNode {
    return { kind: 'list', pos, nodes: [] };
  }

  private itemList(): [ListNode, Delim] {
    const list = this.list(this.peekNonSpace().pos);
    while (this.peekNonSpace().type !== 'eof') {
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') return [list, n];
      else list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): TreeNode | Delim {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'text':
        return { kind: 'text', pos: token.pos, text: token.val };
      case 'leftDelim': {
        const saved = this.actionLine;
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = saved;
        }
      }
      default:
        return this.unexpected(token, 'input');
    }
  }

  private action(): TreeNode | Delim {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'block':
        return this.blockControl();
      case 'break':
      case 'continue':
        return this.loopControl(token);
      case 'else':
        return this.elseControl();
      case 'end': {
        const t = this.expect('rightDelim', 'end');
        return { kind: 'end', pos: t.pos, line: t.line };
      }
      case 'if':
        return this.control('if');
      case 'range':
        return this.control('range');
      case 'template':
        return this.templateControl();
      case 'with':
        return this.control('with');
      default:
        break;
    }
    this.backup();
    const t = this.peek();
    return { kind: 'action', pos: t.pos, line: t.line, pipe: this.pipeline('command', 'rightDelim') };
  }

  private loopControl(token: Item): TreeNode {
    const kind = token.type === 'break' ? 'break' : 'continue';
    const t = this.nextNonSpace();
    if (t.type !== 'rightDelim') this.unexpected(t, `{{${kind}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${kind}}} outside {{range}}`, token.line);
    return { kind, pos: token.pos, line: token.line };
  }

  private elseControl(): Delim {
    const p = this.peekNonSpace();
    // "{{else if …" and "{{else with …" leave the keyword for the enclosing control to read.
    if (p.type === 'if' || p.type === 'with') return { kind: 'else', pos: p.pos, line: p.line };
    const t = this.expect('rightDelim', 'else');
    return { kind: 'else', pos: t.pos, line: t.line };
  }

  private control(context: 'if' | 'with' | 'range'): BranchNode {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, 'rightDelim');
      if (context === 'range') this.rangeDepth++;
      const [list, next] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.kind === 'else') {
        const kw = this.peekNonSpace().type;
        if ((context === 'if' && kw === 'if') || (context === 'with' && kw === 'with')) {
          this.nextNonSpace();
          elseList = this.list(next.pos);
          elseList.nodes.push(this.control(context));
        } else {
          const [els, end] = this.itemList();
          if (end.kind !== 'end') this.errorf('expected end; found {{else}}', end.line);
          elseList = els;
        }
      }
      return { kind: context, pos: pipe.pos, line: pipe.line, pipe, list, elseList };
    } finally {
      this.vars.length = mark;
    }
  }

  private templateName(token: Item, context: string): string {
    if (token.type !== 'string' && token.type !== 'rawString') this.unexpected(token, context);
    return this.unquote(token);
  }

  private templateControl(): TemplateNode {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().type !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { kind: 'template', pos: token.pos, line: token.line, name, pipe };
  }

  private blockControl(): TemplateNode {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const outerVars = this.vars;
    const outerDepth = this.rangeDepth;
    this.vars = ['$'];
    this.rangeDepth = 0;
    const [root, end] = this.itemList();
    if (end.kind !== 'end') this.errorf(`unexpected {{else}} in ${context}`, end.line);
    this.vars = outerVars;
    this.rangeDepth = outerDepth;
    this.add({ name, parseName: this.parseName, text: this.text, root });
    return { kind: 'template', pos: token.pos, line: token.line, name, pipe };
  }
}

function isEmptyList(l: ListNode): boolean {
  return isEmptyTree(l);
}

/** Parses one file. Returns its trees (the file's own under `name`, plus its defines). */
export function parseTemplate(name: string, text: string, hasFunction: (fn: string) => boolean): ParsedFile {
  const p = new Parser(lex(text), name, text, hasFunction);
  p.parseFile(name);
  return p.trees;
}
