import { HELM_FUNC_MAP } from './funcs';
import { TemplateSet, newBudget } from './template-set';
import { DEFAULT_LIMITS, type RenderLimits } from './state';
import { toGoValue } from './value';

/**
 * Test helper: renders `text` as template `t` (with optional other files parsed first)
 * against JSON-ish data; integers given as bigint stay Go ints, numbers are float64.
 * Returns the output, or `ERR: <message>`.
 */
export function run(text: string, data: unknown = {}, files: Record<string, string> = {}, limits: RenderLimits = DEFAULT_LIMITS): string {
  const set = new TemplateSet(HELM_FUNC_MAP);
  try {
    for (const [name, body] of Object.entries(files)) set.parse(name, body);
    set.parse('t', text);
    return set.execute('t', toGoValue(data), newBudget(limits));
  } catch (e) {
    return `ERR: ${e instanceof Error ? e.message : String(e)}`;
  }
}
