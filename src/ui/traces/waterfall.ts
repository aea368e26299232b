import type { TraceSpan } from '../../protocol/traffic';

/**
 * A trace as a waterfall: spans in tree order (each after its parent, siblings by start),
 * indented by depth, each bar placed by its start and sized by its duration relative to the
 * whole trace, as Jaeger draws it.
 */

export interface WaterfallRow {
  span: TraceSpan;
  depth: number;
  /** Percent of the trace's span from its first start to its last end. */
  offsetPct: number;
  widthPct: number;
}

/** Bars narrower than this stay visible. */
export const MIN_BAR_PCT = 0.5;
/** Deeper spans are drawn at this depth (the indent stays readable). */
export const MAX_DEPTH = 12;

export function waterfall(spans: readonly TraceSpan[]): WaterfallRow[] {
  if (spans.length === 0) return [];
  const start = Math.min(...spans.map((s) => s.startMs));
  const end = Math.max(...spans.map((s) => s.startMs + s.durationMs));
  const total = end - start || 1;
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string, TraceSpan[]>();
  const roots: TraceSpan[] = [];
  for (const s of spans) {
    // A parent that is not in the trace (not sampled, not instrumented) makes a root.
    if (s.parentSpanId && ids.has(s.parentSpanId) && s.parentSpanId !== s.spanId) {
      const list = children.get(s.parentSpanId) ?? [];
      list.push(s);
      children.set(s.parentSpanId, list);
    } else roots.push(s);
  }
  const byStart = (a: TraceSpan, b: TraceSpan): number => a.startMs - b.startMs || (a.spanId < b.spanId ? -1 : 1);
  const out: WaterfallRow[] = [];
  const seen = new Set<string>();
  // Iterative depth-first walk; `seen` guards against cycles in untrusted parent links.
  const stack: { span: TraceSpan; depth: number }[] = roots.sort(byStart).reverse().map((span) => ({ span, depth: 0 }));
  // Spans only reachable through a parent cycle become roots once the tree is done.
  const rest = [...spans].sort(byStart).reverse();
  while (stack.length > 0 || rest.length > 0) {
    if (stack.length === 0) {
      const next = rest.pop()!;
      if (!seen.has(next.spanId)) stack.push({ span: next, depth: 0 });
      continue;
    }
    const { span, depth } = stack.pop()!;
    if (seen.has(span.spanId)) continue;
    seen.add(span.spanId);
    const offsetPct = ((span.startMs - start) / total) * 100;
    out.push({ span, depth: Math.min(depth, MAX_DEPTH), offsetPct: round2(offsetPct), widthPct: round2(Math.min(100 - offsetPct, Math.max(MIN_BAR_PCT, (span.durationMs / total) * 100))) });
    const kids = (children.get(span.spanId) ?? []).slice().sort(byStart).reverse();
    for (const k of kids) stack.push({ span: k, depth: depth + 1 });
  }
  return out;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

export function durationText(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}
