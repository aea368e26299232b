import { applyCompletion, completionContext, type Completed } from './completion';
import { getNames, getVocabulary } from './session';

/**
 * Completes the word at `cursor`, fetching the vocabulary (once) and live object names
 * from the worker when the position calls for them. Null when the worker cannot answer.
 */
export async function completeLine(line: string, cursor: number): Promise<Completed | null> {
  const vocab = await getVocabulary();
  if (!vocab) return null;
  const ctx = completionContext(line, cursor, vocab);
  const need = ctx.need;
  if (!need) return { line, cursor, shown: [] };
  const candidates = need.kind === 'words' ? need.candidates : (await getNames(need.source, need.namespace)).map((n) => need.prefix + n);
  return applyCompletion(line, cursor, ctx, candidates);
}
