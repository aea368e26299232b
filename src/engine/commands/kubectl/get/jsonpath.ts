import { fail } from '../../invocation';

/**
 * The part of kubectl's JSONPath that people type: `{.a.b}`, `[n]`, `[*]`, `.*`,
 * `[?(@.type=="Ready")]`, `{range …}{end}`, `{"\n"}` and literal text. Missing keys print
 * nothing (kubectl's --allow-missing-template-keys=true).
 */

type Segment =
  | { kind: 'key'; name: string }
  | { kind: 'all' }
  | { kind: 'index'; at: number }
  | { kind: 'filter'; path: Segment[]; op: '==' | '!=' | 'exists'; value: string | number | undefined };

const MAX_RESULTS = 100_000;

export function parsePath(text: string): Segment[] {
  const src = text.trim().replace(/^\{|\}$/g, '').replace(/^[@$]/, '');
  const out: Segment[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === '.') {
      let name = '';
      i++;
      while (i < src.length && src[i] !== '.' && src[i] !== '[') {
        if (src[i] === '\\' && i + 1 < src.length) i++;
        name += src[i];
        i++;
      }
      if (name === '*') out.push({ kind: 'all' });
      else if (name !== '') out.push({ kind: 'key', name });
    } else if (ch === '[') {
      const end = closingBracket(src, i);
      out.push(bracketSegment(src.slice(i + 1, end)));
      i = end + 1;
    } else {
      fail(`error: error parsing jsonpath ${text}, unrecognized character in action: U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} '${ch}'`);
    }
  }
  return out;
}

function closingBracket(src: string, open: number): number {
  let quote: string | undefined;
  for (let i = open + 1; i < src.length; i++) {
    const c = src[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ']') return i;
  }
  return fail(`error: error parsing jsonpath ${src}, unterminated array`);
}

function bracketSegment(inner: string): Segment {
  const body = inner.trim();
  if (body === '*') return { kind: 'all' };
  if (/^-?\d+$/.test(body)) return { kind: 'index', at: Number(body) };
  const quoted = /^['"](.*)['"]$/.exec(body);
  if (quoted) return { kind: 'key', name: quoted[1]! };
  const filter = /^\?\(@(\.[^=!<>]*?)\s*(?:(==|!=)\s*(.+))?\)$/.exec(body);
  if (filter) {
    const raw = filter[3]?.trim();
    const value = raw === undefined ? undefined : /^['"].*['"]$/.test(raw) ? raw.slice(1, -1) : Number(raw);
    return { kind: 'filter', path: parsePath(filter[1]!), op: (filter[2] as '==' | '!=' | undefined) ?? 'exists', value };
  }
  return fail(`error: error parsing jsonpath [${inner}], unsupported expression`);
}

function children(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (v !== null && typeof v === 'object') return Object.keys(v).sort().map((k) => (v as Record<string, unknown>)[k]);
  return [];
}

function step(nodes: unknown[], seg: Segment): unknown[] {
  const out: unknown[] = [];
  for (const n of nodes) {
    if (out.length > MAX_RESULTS) break;
    if (seg.kind === 'key') {
      if (n !== null && typeof n === 'object' && !Array.isArray(n)) {
        const v = (n as Record<string, unknown>)[seg.name];
        if (v !== undefined) out.push(v);
      }
    } else if (seg.kind === 'all') out.push(...children(n));
    else if (seg.kind === 'index') {
      if (Array.isArray(n)) {
        const v = n[seg.at < 0 ? n.length + seg.at : seg.at];
        if (v !== undefined) out.push(v);
      }
    } else if (Array.isArray(n)) {
      for (const el of n) if (filterMatches(el, seg)) out.push(el);
    }
  }
  return out;
}

function filterMatches(el: unknown, seg: Extract<Segment, { kind: 'filter' }>): boolean {
  const found = evalPath(seg.path, el);
  if (seg.op === 'exists') return found.length > 0;
  const hit = found.some((f) => f === seg.value || (typeof f === 'number' && f === Number(seg.value)));
  return seg.op === '==' ? hit : !hit;
}

export function evalPath(path: readonly Segment[], root: unknown): unknown[] {
  let nodes: unknown[] = [root];
  for (const seg of path) nodes = step(nodes, seg);
  return nodes;
}

function show(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null) return 'null';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

type Node = { kind: 'text'; text: string } | { kind: 'path'; path: Segment[] } | { kind: 'range'; path: Segment[]; body: Node[] };

function unescape(s: string): string {
  return s.replace(/\\([nt"\\])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

function parseTemplate(tpl: string): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  let i = 0;
  while (i < tpl.length) {
    const open = tpl.indexOf('{', i);
    const top = stack[stack.length - 1]!;
    if (open < 0) {
      top.push({ kind: 'text', text: tpl.slice(i) });
      break;
    }
    if (open > i) top.push({ kind: 'text', text: tpl.slice(i, open) });
    const close = tpl.indexOf('}', open);
    if (close < 0) fail(`error: error parsing jsonpath ${tpl}, unclosed action`);
    const action = tpl.slice(open + 1, close).trim();
    if (action.startsWith('range ')) {
      const node: Node = { kind: 'range', path: parsePath(action.slice(6)), body: [] };
      top.push(node);
      stack.push(node.body);
    } else if (action === 'end') {
      if (stack.length === 1) fail(`error: error parsing jsonpath ${tpl}, not in range, nothing to end`);
      stack.pop();
    } else if (/^".*"$/.test(action)) top.push({ kind: 'text', text: unescape(action.slice(1, -1)) });
    else top.push({ kind: 'path', path: parsePath(action) });
    i = close + 1;
  }
  return root;
}

function execute(nodes: readonly Node[], data: unknown, out: string[]): void {
  for (const n of nodes) {
    if (n.kind === 'text') out.push(n.text);
    else if (n.kind === 'path') out.push(evalPath(n.path, data).map(show).join(' '));
    else for (const item of evalPath(n.path, data)) execute(n.body, item, out);
  }
}

/** Renders a kubectl `-o jsonpath=…` template against an object or List. */
export function jsonPathTemplate(tpl: string, data: unknown): string {
  const out: string[] = [];
  execute(parseTemplate(tpl), data, out);
  return out.join('');
}
