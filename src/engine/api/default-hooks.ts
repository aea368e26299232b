// STUB: replaced by defaulting, validation and admission for every kind.
import type { ApiHooks } from './hooks';

export function defaultApiHooks(): ApiHooks {
  return { defaulters: new Map(), validators: new Map(), admission: [] };
}
