import type { BranchNode, ListNode, TemplateNode, TreeNode } from './ast';
import { TemplateExecError, TemplateParseError } from './errors';
import { evalPipeline } from './eval';
import type { FuncContext, FuncMap } from './funcs/types';
import { formatValue } from './gofmt';
import { parseTemplate, type Tree } from './parser';
import { State, type Budget, type ExecEnv, type TemplateLookup } from './state';
import { isMap, sortedKeys, truth, type GoValue } from './value';

/** What a list walk ended with: normally, or a `{{break}}` / `{{continue}}` heading for its range. */
type Signal = 'normal' | 'break' | 'continue';

function walk(s: State, dot: GoValue, node: TreeNode): Signal {
  s.at(node);
  s.step();
  switch (node.kind) {
    case 'action': {
      const val = evalPipeline(s, dot, node.pipe);
      if (node.pipe.decl.length === 0) s.write(printValue(val));
      return 'normal';
    }
    case 'break':
    case 'continue':
      return node.kind;
    case 'if':
    case 'with':
      return walkIfOrWith(s, dot, node);
    case 'list':
      return walkList(s, dot, node);
    case 'range':
      return walkRange(s, dot, node);
    case 'template':
      walkTemplate(s, dot, node);
      return 'normal';
    case 'text':
      s.write(node.text);
      return 'normal';
  }
}

function walkList(s: State, dot: GoValue, list: ListNode): Signal {
  for (const n of list.nodes) {
    const sig = walk(s, dot, n);
    if (sig !== 'normal') return sig;
  }
  return 'normal';
}

/** text/template prints nil as `<no value>`; Helm later strips that text from each file. */
function printValue(v: GoValue): string {
  return v === null ? '<no value>' : formatValue(v);
}

function walkIfOrWith(s: State, dot: GoValue, node: BranchNode): Signal {
  const mark = s.mark();
  try {
    const val = evalPipeline(s, dot, node.pipe);
    if (truth(val)) return walkList(s, node.kind === 'with' ? val : dot, node.list);
    if (node.elseList) return walkList(s, dot, node.elseList);
    return 'normal';
  } finally {
    s.pop(mark);
  }
}

function walkRange(s: State, dot: GoValue, r: BranchNode): Signal {
  s.at(r);
  const outer = s.mark();
  try {
    const val = evalPipeline(s, dot, r.pipe);
    const mark = s.mark();
    const decl = r.pipe.decl;
    const one = (index: GoValue, elem: GoValue): Signal => {
      s.step();
      if (decl.length > 0) {
        if (r.pipe.isAssign) s.setVar(decl[0]!.ident[0]!, decl.length > 1 ? index : elem);
        else s.setTopVar(1, elem);
      }
      if (decl.length > 1) {
        if (r.pipe.isAssign) s.setVar(decl[1]!.ident[0]!, elem);
        else s.setTopVar(2, index);
      }
      try {
        return walkList(s, elem, r.list);
      } finally {
        s.pop(mark);
      }
    };
    let ran = false;
    if (Array.isArray(val)) {
      for (let i = 0; i < val.length; i++) {
        ran = true;
        if (one(BigInt(i), val[i] ?? null) === 'break') break;
      }
    } else if (isMap(val)) {
      for (const k of sortedKeys(val)) {
        ran = true;
        if (one(k, val[k] ?? null) === 'break') break;
      }
    } else if (typeof val === 'bigint') {
      if (decl.length > 1) s.errorf(`can't use ${val} to iterate over more than one variable`);
      for (let i = 0n; i < val; i++) {
        ran = true;
        if (one(i, i) === 'break') break;
      }
    } else if (val !== null) {
      s.at(r);
      s.errorf(`range can't iterate over ${formatValue(val)}`);
    }
    if (!ran && r.elseList) return walkList(s, dot, r.elseList);
    return 'normal';
  } finally {
    s.pop(outer);
  }
}

function walkTemplate(s: State, dot: GoValue, t: TemplateNode): void {
  s.at(t);
  const tmpl = s.env.templates.lookup(t.name);
  if (!tmpl) s.errorf(`template ${JSON.stringify(t.name)} not defined`);
  const limit = s.env.budget.limits.maxDepth;
  if (s.depth >= limit) s.errorf(`exceeded maximum template depth (${limit})`);
  const newDot = t.pipe ? evalPipeline(s, dot, t.pipe) : null;
  const inner = new State(s.env, tmpl, [{ name: '$', value: newDot }], s.depth + 1, s.out);
  walkList(inner, newDot, tmpl.root);
}

/** Runs a template tree with `data` as both `.` and `$`; returns its output. */
export function executeTree(env: ExecEnv, tree: Tree, data: GoValue, depth = 0): string {
  const out: string[] = [];
  const s = new State(env, tree, [{ name: '$', value: data }], depth, out);
  walkList(s, data, tree.root);
  return out.join('');
}

/** A `tpl` overlay: templates defined inside the string shadow the chart's for that call only. */
function overlay(base: TemplateLookup, local: Map<string, Tree>): TemplateLookup {
  return { rootName: base.rootName, lookup: (name) => local.get(name) ?? base.lookup(name) };
}

/** What `include` and `tpl` do, bound to the calling state (its depth and template set). */
function funcContext(s: State): FuncContext {
  return {
    includeTemplate(name, data) {
      const tree = s.env.templates.lookup(name);
      if (!tree) throw new TemplateExecError(`template: no template ${JSON.stringify(name)} associated with template ${JSON.stringify(s.env.templates.rootName)}`);
      if (s.depth >= s.env.budget.limits.maxDepth) {
        throw new TemplateExecError(`rendering template has a nested reference name: ${name}: unable to execute template`);
      }
      return executeTree(s.env, tree, data, s.depth + 1);
    },
    renderString(text, data) {
      if (s.depth >= s.env.budget.limits.maxDepth) throw new TemplateExecError(`tpl nested more than ${s.env.budget.limits.maxDepth} levels`);
      const name = s.env.templates.rootName;
      let trees: Map<string, Tree>;
      try {
        trees = parseTemplate(name, text, (fn) => s.env.funcs.has(fn));
      } catch (e) {
        if (e instanceof TemplateParseError) throw new TemplateExecError(`cannot parse template ${JSON.stringify(text)}: ${e.message}`);
        throw e;
      }
      const env: ExecEnv = { ...s.env, templates: overlay(s.env.templates, trees) };
      const tree = trees.get(name);
      try {
        const out = tree ? executeTree(env, tree, data, s.depth + 1) : '';
        return out.replaceAll('<no value>', '');
      } catch (e) {
        if (e instanceof TemplateExecError) throw new TemplateExecError(`error during tpl function execution for ${JSON.stringify(text)}: ${e.message}`, e.fail);
        throw e;
      }
    },
  };
}

export function createEnv(templates: TemplateLookup, funcs: FuncMap, budget: Budget): ExecEnv {
  return { templates, funcs, budget, context: funcContext };
}

