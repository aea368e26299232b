import { describe, expect, it } from 'vitest';
import type { TraceSpan } from '../../protocol/traffic';
import { durationText, MIN_BAR_PCT, waterfall } from './waterfall';

function span(spanId: string, parentSpanId: string, startMs: number, durationMs: number): TraceSpan {
  return { spanId, parentSpanId, name: spanId, kind: 'SERVER', service: 's', namespace: 'n', pod: 'p', node: 'w', startMs, durationMs, error: false, statusMessage: '', delivery: 'exported' };
}

describe('waterfall', () => {
  it('orders spans depth first, children by start, indented by parent', () => {
    const rows = waterfall([span('c2', 'root', 50, 10), span('root', '', 0, 100), span('c1', 'root', 10, 30), span('g1', 'c1', 12, 20)]);
    expect(rows.map((r) => [r.span.spanId, r.depth])).toEqual([['root', 0], ['c1', 1], ['g1', 2], ['c2', 1]]);
  });

  it('places bars by start and duration relative to the whole trace', () => {
    const rows = waterfall([span('root', '', 1000, 200), span('a', 'root', 1050, 100)]);
    expect(rows[0]).toMatchObject({ offsetPct: 0, widthPct: 100 });
    expect(rows[1]).toMatchObject({ offsetPct: 25, widthPct: 50 });
  });

  it.each([
    ['a parent missing from the trace makes a root', [span('a', 'gone', 0, 5), span('b', '', 1, 5)], ['a', 'b']],
    ['a span that is its own parent is shown once', [span('a', 'a', 0, 5)], ['a']],
    ['a parent cycle is shown once per span', [span('r', '', 0, 9), span('a', 'b', 1, 2), span('b', 'a', 2, 2)], ['r', 'a', 'b']],
    ['no spans, no rows', [], []],
  ] as const)('%s', (_n, spans, ids) => {
    const rows = waterfall(spans);
    expect(new Set(rows.map((r) => r.span.spanId))).toEqual(new Set(ids));
    expect(rows.length).toBeLessThanOrEqual(ids.length);
  });

  it('keeps zero-length spans visible and inside the track', () => {
    const rows = waterfall([span('root', '', 0, 100), span('z', 'root', 100, 0)]);
    expect(rows[1]!.widthPct).toBeGreaterThanOrEqual(0);
    expect(rows[1]!.offsetPct + rows[1]!.widthPct).toBeLessThanOrEqual(100);
    const mid = waterfall([span('root', '', 0, 100), span('z', 'root', 40, 0)]);
    expect(mid[1]!.widthPct).toBe(MIN_BAR_PCT);
  });

  it.each([[0.5, '0.50 ms'], [12.34, '12.3 ms'], [1500, '1.50 s']])('durationText(%s) = %s', (ms, text) => {
    expect(durationText(ms)).toBe(text);
  });
});
