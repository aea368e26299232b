import { isEmptyTree } from './ast';
import { TemplateExecError } from './errors';
import { createEnv, executeTree } from './exec';
import type { FuncMap } from './funcs/types';
import { parseTemplate, type Tree } from './parser';
import { DEFAULT_LIMITS, type Budget, type RenderLimits, type TemplateLookup } from './state';
import type { GoValue } from './value';

/**
 * A set of named templates sharing one function map: Go's `*template.Template` as Helm
 * uses it. Files are parsed one by one; a later `define` of the same name replaces an
 * earlier one, except that an empty body never replaces a non-empty one.
 */
export class TemplateSet implements TemplateLookup {
  private readonly trees = new Map<string, Tree>();

  constructor(
    readonly funcs: FuncMap,
    readonly rootName = 'gotpl',
  ) {}

  /** Parses `text` as template `name`; throws TemplateParseError. */
  parse(name: string, text: string): void {
    const parsed = parseTemplate(name, text, (fn) => this.funcs.has(fn));
    for (const [n, tree] of parsed) {
      const old = this.trees.get(n);
      if (old && isEmptyTree(tree.root)) continue;
      this.trees.set(n, tree);
    }
  }

  lookup(name: string): Tree | undefined {
    return this.trees.get(name);
  }

  names(): string[] {
    return [...this.trees.keys()].sort();
  }

  /** Executes template `name` with `data`; throws TemplateExecError. */
  execute(name: string, data: GoValue, budget: Budget = newBudget()): string {
    const tree = this.trees.get(name);
    if (!tree) throw new TemplateExecError(`template: no template ${JSON.stringify(name)} associated with template ${JSON.stringify(this.rootName)}`);
    return executeTree(createEnv(this, this.funcs, budget), tree, data);
  }
}

export function newBudget(limits: RenderLimits = DEFAULT_LIMITS): Budget {
  return { steps: 0, outputChars: 0, limits };
}
