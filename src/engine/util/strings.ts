/**
 * Code-unit string order (what Go's sort.Strings and kubectl use): the same in every JS
 * engine, where localeCompare's order depends on the ICU build and the locale.
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
