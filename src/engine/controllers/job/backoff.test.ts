import { describe, expect, it } from 'vitest';
import { nextBackoffRecord, remainingBackoffMs } from './backoff';

describe('Job pod failure back-off', () => {
  const cases: { failures: number; elapsedMs: number; want: number }[] = [
    { failures: 0, elapsedMs: 0, want: 0 },
    { failures: 1, elapsedMs: 0, want: 10_000 },
    { failures: 1, elapsedMs: 4000, want: 6000 },
    { failures: 2, elapsedMs: 0, want: 20_000 },
    { failures: 3, elapsedMs: 0, want: 40_000 },
    { failures: 6, elapsedMs: 0, want: 320_000 },
    { failures: 7, elapsedMs: 0, want: 360_000 },
    { failures: 20, elapsedMs: 60_000, want: 300_000 },
    { failures: 1, elapsedMs: 11_000, want: 0 },
  ];
  it.each(cases)('$failures failures, $elapsedMs ms ago → wait $want ms', ({ failures, elapsedMs, want }) => {
    expect(remainingBackoffMs({ failuresAfterLastSuccess: failures, lastFailureMs: 100_000 - elapsedMs }, 100_000)).toBe(want);
  });

  it('counts failures and resets on success, keeping failures that came after it', () => {
    let rec = nextBackoffRecord(undefined, [], [{ finishedMs: 10 }]);
    rec = nextBackoffRecord(rec, [], [{ finishedMs: 30 }, { finishedMs: 20 }]);
    expect(rec).toEqual({ failuresAfterLastSuccess: 3, lastFailureMs: 30 });
    expect(nextBackoffRecord(rec, [{ finishedMs: 40 }], [])).toEqual({ failuresAfterLastSuccess: 0, lastFailureMs: undefined });
    expect(nextBackoffRecord(rec, [{ finishedMs: 40 }], [{ finishedMs: 35 }, { finishedMs: 50 }])).toEqual({ failuresAfterLastSuccess: 1, lastFailureMs: 50 });
  });
});
