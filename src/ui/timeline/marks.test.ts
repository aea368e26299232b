import { describe, expect, it } from 'vitest';
import { currentNote, keyTarget, layoutMarks, timeAt, timelineSpan } from './marks';

const SESSION = {
  steps: [
    { atMs: 0, run: 'kubectl apply -f web.yaml', note: null },
    { atMs: 60_000, run: 'sandbox kill node worker-2', note: 'worker-2 loses power' },
    { atMs: 60_000, run: 'kubectl get nodes', note: null },
    { atMs: 450_000, run: 'kubectl get pods', note: 'evicted' },
  ],
  actions: [{ atMs: 20_000, run: 'kubectl cordon worker-1' }],
  pending: [{ atMs: 90_000, run: 'kubectl scale deploy web --replicas=2' }],
};

describe('timelineSpan', () => {
  it.each([
    [0, null, 120_000],
    [100_000, null, 120_000],
    [130_000, null, 300_000],
    [0, SESSION, 600_000],
    [3_600_000, null, 5_400_000],
  ])('now %i', (now, session, span) => {
    expect(timelineSpan(now, session)).toBe(span);
  });
});

describe('layoutMarks', () => {
  it('groups commands at one moment and places marks by time', () => {
    const marks = layoutMarks(SESSION, 600_000);
    expect(marks.map((m) => [m.kind, m.atMs, m.runs.length])).toEqual([
      ['step', 0, 1],
      ['step', 60_000, 2],
      ['step', 450_000, 1],
      ['action', 20_000, 1],
      ['pending', 90_000, 1],
    ]);
    expect(marks[1]!.pct).toBe(10);
    expect(marks[1]!.note).toBe('worker-2 loses power');
  });

  it('keeps marks past the span on the bar', () => {
    expect(layoutMarks({ steps: [{ atMs: 900_000, run: 'x', note: null }], actions: [], pending: [] }, 600_000)[0]!.pct).toBe(100);
  });
});

describe('currentNote', () => {
  it.each([
    [59_999, null],
    [60_000, 'worker-2 loses power'],
    [449_000, 'worker-2 loses power'],
    [500_000, 'evicted'],
  ])('at %i', (now, note) => {
    expect(currentNote(SESSION.steps, now)?.note ?? null).toBe(note);
  });
});

describe('timeAt', () => {
  it.each([
    [0, 500, 600_000, 0],
    [250, 500, 600_000, 300_000],
    [-40, 500, 600_000, 0],
    [900, 500, 600_000, 600_000],
    [1, 1000, 600_000, 1000],
    [10, 0, 600_000, 0],
  ])('%ipx of %ipx', (x, w, span, ms) => {
    expect(timeAt(x, w, span)).toBe(ms);
  });
});

describe('keyTarget', () => {
  const marks = layoutMarks(SESSION, 600_000);
  it.each([
    ['ArrowRight', 30_000, 40_000],
    ['ArrowLeft', 30_000, 20_000],
    ['ArrowLeft', 5_000, 0],
    ['PageUp', 30_000, 90_000],
    ['PageDown', 30_000, 0],
    ['Home', 30_000, 0],
    ['End', 30_000, 450_000],
    ['ArrowRight', 599_000, 600_000],
    ['a', 30_000, undefined],
  ])('%s from %i', (key, now, target) => {
    expect(keyTarget(key, now, 600_000, marks)).toBe(target);
  });
});
