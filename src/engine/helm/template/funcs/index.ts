import { BUILTINS } from './builtins';
import { COLLECTION_FUNCS } from './collections';
import { HELM_FUNCS } from './helm';
import { MATH_FUNCS } from './math';
import { STRING_FUNCS } from './strings';
import type { FuncMap, GoFunc } from './types';

/** Every function a chart template can call: Go builtins, the sprig subset, Helm's own. */
export const HELM_FUNC_MAP: FuncMap = new Map<string, GoFunc>([...BUILTINS, ...STRING_FUNCS, ...COLLECTION_FUNCS, ...MATH_FUNCS, ...HELM_FUNCS]);
