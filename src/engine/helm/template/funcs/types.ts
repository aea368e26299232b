import type { GoValue } from '../value';

/**
 * How an argument is checked before the call, mirroring the Go parameter type:
 * `any` is interface{}, `value` is reflect.Value (sees nil without complaint), the rest are
 * concrete Go types that reject other kinds with text/template's "wrong type for value".
 */
export type ParamType = 'any' | 'value' | 'string' | 'int' | 'float' | 'bool' | 'map';

/** What a function may ask of the executor: run named templates and `tpl` text. */
export interface FuncContext {
  includeTemplate(name: string, data: GoValue): string;
  renderString(text: string, data: GoValue): string;
}

export interface GoFunc {
  readonly params: readonly ParamType[];
  /** Element type of a trailing `...` parameter. */
  readonly variadic?: ParamType;
  readonly fn: (args: GoValue[], ctx: FuncContext) => GoValue;
}

export type FuncMap = ReadonlyMap<string, GoFunc>;

/** Go spelling of a parameter type, for "expected …" errors. */
export function goParamType(t: ParamType): string {
  switch (t) {
    case 'any':
      return 'interface {}';
    case 'value':
      return 'reflect.Value';
    case 'int':
      return 'int';
    case 'float':
      return 'float64';
    case 'bool':
      return 'bool';
    case 'map':
      return 'map[string]interface {}';
    case 'string':
      return 'string';
  }
}

export function def(params: readonly ParamType[], fn: GoFunc['fn'], variadic?: ParamType): GoFunc {
  return variadic === undefined ? { params, fn } : { params, variadic, fn };
}
