import { describe, expect, it } from 'vitest';
import { emptyCounters } from './counters';
import { AgentExporter, batchesFor } from './exporter';

describe('agent exporter', () => {
  it.each([
    [0, 1000, 0],
    [3, 1000, 3],
    [100, 1000, 5],
    [50_000, 1000, 7],
    [100, 200, 1],
  ])('batchesFor(%i spans over %i ms) = %i', (spans, ms, want) => {
    expect(batchesFor(spans, ms)).toBe(want);
  });

  it('exports straight through while the backend answers, the last 200 ms still batching', () => {
    const c = emptyCounters();
    const ex = new AgentExporter(10, 300_000);
    expect(ex.tick(100, 1000, 1000, true, c)).toEqual({ exported: 80, batches: 5, dropped: 0 });
    expect(ex.bufferedSpans).toBe(20);
    expect(ex.tick(0, 1000, 2000, true, c)).toEqual({ exported: 20, batches: 5, dropped: 0 });
    expect(ex.queuedBatches).toBe(0);
    expect(ex.bufferedSpans).toBe(0);
  });

  it('queues up to the limit, then drops what does not fit, then drains on recovery', () => {
    const c = emptyCounters();
    const ex = new AgentExporter(12, 300_000);
    expect(ex.tick(100, 1000, 1000, false, c)).toEqual({ exported: 0, batches: 0, dropped: 0 });
    expect(ex.tick(100, 1000, 2000, false, c)).toEqual({ exported: 0, batches: 0, dropped: 0 });
    // 10 batches (180 spans) queued; 2 of the next 5 batches fit.
    expect(ex.tick(100, 1000, 3000, false, c)).toEqual({ exported: 0, batches: 0, dropped: 60 });
    expect(ex.queuedBatches).toBe(12);
    expect(ex.tick(100, 1000, 4000, false, c).dropped).toBe(100);
    expect(c.spans.droppedBy['queue-full']).toBe(160);
    expect(ex.bufferedSpans).toBe(240);
    expect(ex.tick(10, 1000, 5000, true, c)).toEqual({ exported: 248, batches: 17, dropped: 0 });
    expect(ex.queuedBatches).toBe(0);
    expect(ex.bufferedSpans).toBe(2);
  });

  it('drops batches older than the retry window', () => {
    const c = emptyCounters();
    const ex = new AgentExporter(1000, 2500);
    ex.tick(10, 1000, 1000, false, c);
    ex.tick(10, 1000, 2000, false, c);
    expect(ex.tick(10, 1000, 4000, false, c).dropped).toBe(8);
    expect(c.spans.droppedBy['retry-expired']).toBe(8);
    // A dying agent loses its queue and what it was still batching.
    expect(ex.lose(c)).toBe(22);
    expect(c.spans.droppedBy['agent-lost']).toBe(22);
    expect(c.spans.dropped).toBe(30);
  });
});
