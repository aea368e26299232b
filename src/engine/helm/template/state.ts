import { nodeString, type AnyNode } from './ast';
import { TemplateExecError } from './errors';
import type { FuncContext, FuncMap } from './funcs/types';
import type { Tree } from './parser';
import { utf8Length } from './encoding';
import type { GoValue } from './value';

/** Limits that keep a hostile or buggy chart from hanging or exhausting the page. */
export interface RenderLimits {
  /** Nodes walked + functions called + loop iterations, across one render. */
  readonly maxSteps: number;
  /** Characters of output across one render (includes `include` results). */
  readonly maxOutputChars: number;
  /** Nesting of `template` / `include` / `tpl`. */
  readonly maxDepth: number;
}

export const DEFAULT_LIMITS: RenderLimits = { maxSteps: 2_000_000, maxOutputChars: 8 * 1024 * 1024, maxDepth: 100 };

export interface Budget {
  steps: number;
  outputChars: number;
  readonly limits: RenderLimits;
}

/** Where templates come from: a chart's set, or a `tpl` overlay on top of it. */
export interface TemplateLookup {
  lookup(name: string): Tree | undefined;
  /** Name Go reports for the set (`gotpl` in Helm). */
  readonly rootName: string;
}

export interface ExecEnv {
  readonly templates: TemplateLookup;
  readonly funcs: FuncMap;
  readonly budget: Budget;
  /** Gives functions (`include`, `tpl`) a way back into the executor at the caller's depth. */
  readonly context: (s: State) => FuncContext;
}

export interface Variable {
  readonly name: string;
  value: GoValue;
}

/** exec.go's `state`: one template invocation. */
export class State {
  node: AnyNode | null = null;
  constructor(
    readonly env: ExecEnv,
    readonly tmpl: Tree,
    readonly vars: Variable[],
    readonly depth: number,
    readonly out: string[],
  ) {}

  at(node: AnyNode): void {
    this.node = node;
  }

  /** Throws an execution error located at the current node, worded like Go's. */
  errorf(message: string, fail?: string): never {
    const name = this.tmpl.name;
    if (this.node === null) throw new TemplateExecError(`template: ${name}: ${message}`, fail);
    const location = errorLocation(this.tmpl, this.node.pos);
    throw new TemplateExecError(`template: ${location}: executing ${JSON.stringify(name)} at <${nodeString(this.node)}>: ${message}`, fail);
  }

  step(): void {
    const b = this.env.budget;
    if (++b.steps > b.limits.maxSteps) this.errorf(`template execution exceeded ${b.limits.maxSteps} steps (endless loop or very large range?)`);
  }

  write(text: string): void {
    const b = this.env.budget;
    b.outputChars += text.length;
    if (b.outputChars > b.limits.maxOutputChars) this.errorf(`rendered output exceeds ${b.limits.maxOutputChars} characters`);
    this.out.push(text);
  }

  mark(): number {
    return this.vars.length;
  }

  pop(mark: number): void {
    this.vars.length = mark;
  }

  push(name: string, value: GoValue): void {
    this.vars.push({ name, value });
  }

  setVar(name: string, value: GoValue): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i]!;
      if (v.name === name) {
        v.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  /** Sets the n-th variable from the top (range's loop variables). */
  setTopVar(n: number, value: GoValue): void {
    const v = this.vars[this.vars.length - n];
    if (v) v.value = value;
  }

  varValue(name: string): GoValue {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i]!;
      if (v.name === name) return v.value;
    }
    return this.errorf(`undefined variable: ${name}`);
  }
}

/** `file:line:col` with Go's column: bytes since the last newline. */
export function errorLocation(tree: Tree, pos: number): string {
  const before = tree.text.slice(0, pos);
  const nl = before.lastIndexOf('\n');
  let line = 1;
  for (let i = 0; i < before.length; i++) if (before.charCodeAt(i) === 10) line++;
  const col = utf8Length(nl < 0 ? before : before.slice(nl + 1));
  return `${tree.parseName}:${line}:${col}`;
}
