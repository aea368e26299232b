/** Public surface of the Go-template engine. */
export { TemplateSet, newBudget } from './template-set';
export { HELM_FUNC_MAP } from './funcs';
export { TemplateExecError, TemplateParseError } from './errors';
export { DEFAULT_LIMITS, type RenderLimits } from './state';
export { GoStruct, toGoValue, fromGoValue, type GoValue, type GoMap } from './value';
export { formatValue, sprintf } from './gofmt';

import { HELM_FUNC_MAP } from './funcs';
import { TemplateSet } from './template-set';
import type { GoValue } from './value';

/** Parses and runs one template text (named `name`, default `gotpl`) against `data`. Throws on error. */
export function renderTemplateString(text: string, data: GoValue, name = 'gotpl'): string {
  const set = new TemplateSet(HELM_FUNC_MAP);
  set.parse(name, text);
  return set.execute(name, data);
}
