import type { LabelSelector, KubeObject, PodTemplateSpec } from '../../../api/types';

/** What a row needs besides the object: the clock, and whether `-o wide` was asked for. */
export interface PrintContext {
  readonly nowMs: number;
  readonly wide: boolean;
}

/**
 * The server-side table of one kind (kubectl's column definitions): header cells
 * (already upper-cased, as kubectl prints them) and a row function. `wideColumns` and the
 * extra cells of `row` when `ctx.wide` are the `-o wide` additions.
 */
export interface TablePrinter {
  readonly columns: readonly string[];
  readonly wideColumns?: readonly string[];
  /** When set, `-o wide` prints this header instead of columns + wideColumns (events). */
  readonly wideHeader?: readonly string[];
  row(obj: KubeObject, ctx: PrintContext): string[];
}

export function headerOf(p: TablePrinter, wide: boolean): readonly string[] {
  if (!wide) return p.columns;
  return p.wideHeader ?? [...p.columns, ...(p.wideColumns ?? [])];
}

/** labels.FormatLabels: `k=v,…` sorted by key, `<none>` when empty. */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/** metav1.FormatLabelSelector: requirements sorted by key, `<none>` when empty. */
export function formatLabelSelector(sel: LabelSelector | undefined): string {
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const r of sel?.matchExpressions ?? []) {
    const values = [...(r.values ?? [])].sort().join(',');
    const text = r.operator === 'Exists' ? r.key : r.operator === 'DoesNotExist' ? `!${r.key}` : `${r.key} ${r.operator.toLowerCase()} (${values})`;
    reqs.push({ key: r.key, text });
  }
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return reqs.length === 0 ? '<none>' : reqs.map((r) => r.text).join(',');
}

/** The CONTAINERS and IMAGES cells of workload wide output. */
export function containersAndImages(template: PodTemplateSpec | undefined): [string, string] {
  const cs = template?.spec?.containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image).join(',')];
}

export function int(v: number | undefined): string {
  return String(v ?? 0);
}

/** Reads a nested field of untyped data without casts at the call sites. */
export function field(obj: unknown, ...path: string[]): unknown {
  let cur: unknown = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}
